from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArchiveConfig(AppConfig):
    name = "archive"
    verbose_name = _("Archive des mémoires")

    def ready(self):
        from archive import handlers  # noqa: PLC0415 -- the handlers read the models, loaded by now

        handlers.connect()
