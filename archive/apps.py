from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArchiveConfig(AppConfig):
    name = "archive"
    verbose_name = _("Archive des mémoires")

    def ready(self):
        # The one lazy import: the handlers read the models, loaded only by now.
        from archive import handlers

        handlers.connect()
