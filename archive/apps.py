from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArchiveConfig(AppConfig):
    name = "archive"
    verbose_name = _("Archive des mémoires")

    def ready(self):
        from archive import handlers  # noqa: PLC0415 -- the handlers read the models, loaded by now

        handlers.connect()
        # The files of what the public may not see are not served either.
        from archive.selectors import files_held_back  # noqa: PLC0415 -- reads the models
        from media.visibility import held_back_provider  # noqa: PLC0415 -- reads the models

        held_back_provider(files_held_back)
