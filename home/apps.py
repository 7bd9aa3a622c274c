from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Accueil et pages")

    def ready(self):
        from django.db.models.signals import post_delete, post_save  # noqa: PLC0415 -- ready()
        from wagtail.models import Page, PageViewRestriction, Site  # noqa: PLC0415 -- ready()
        from wagtail.signals import (  # noqa: PLC0415 -- ready()
            page_published,
            page_unpublished,
            post_page_move,
        )

        from home.models import FooterSettings  # noqa: PLC0415 -- ready()
        from home.site_chrome import site_chrome_forget  # noqa: PLC0415 -- ready()

        # What can change the menu or the footer: the search index listens to the same.
        for name, signal in (
            ("published", page_published),
            ("unpublished", page_unpublished),
            ("moved", post_page_move),
        ):
            signal.connect(site_chrome_forget, dispatch_uid=f"site_chrome_page_{name}")
        for model in (FooterSettings, PageViewRestriction, Site):
            for name, signal in (("saved", post_save), ("deleted", post_delete)):
                signal.connect(
                    site_chrome_forget,
                    sender=model,
                    dispatch_uid=f"site_chrome_{model.__name__}_{name}",
                )
        post_delete.connect(site_chrome_forget, sender=Page, dispatch_uid="site_chrome_page")
