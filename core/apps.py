from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class CoreConfig(AppConfig):
    """Building blocks every app may use and that use no app of ours: page body blocks,
    public-form protection, the timing of background retries, the pages' view restrictions."""

    name = "core"
    verbose_name = "Socle commun"

    def ready(self):
        from wagtail.models import PageViewRestriction  # noqa: PLC0415 -- models after setup
        from wagtail.signals import post_page_move  # noqa: PLC0415 -- models after setup

        from core.page_privacy import page_privacy_forget  # noqa: PLC0415 -- models after setup

        for name, signal in (("saved", post_save), ("deleted", post_delete)):
            signal.connect(
                page_privacy_forget,
                sender=PageViewRestriction,
                dispatch_uid=f"page_privacy_restriction_{name}",
            )
        # A restricted page moved (or one of its ancestors) changes the paths kept.
        post_page_move.connect(page_privacy_forget, dispatch_uid="page_privacy_moved")
