from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FestivalConfig(AppConfig):
    name = "festival"
    verbose_name = _("Festival des Gohelliades")

    def ready(self):
        # Preparing next year's edition copies the volunteer shifts too. Registered here, by
        # name, so that festival.services need not import the slice that builds on it.
        from festival.services import register_edition_copy_step  # noqa: PLC0415 -- models must be loaded first
        from festival.volunteers.services import shifts_copy_to_edition  # noqa: PLC0415 -- idem

        register_edition_copy_step(shifts_copy_to_edition)
