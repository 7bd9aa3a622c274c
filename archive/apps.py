from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArchiveConfig(AppConfig):
    name = "archive"
    verbose_name = _("Archive des mémoires")

    def ready(self):
        from archive import handlers  # noqa: PLC0415 -- the handlers read the models, loaded by now

        handlers.connect()
        # The files of what the public may not see are not served either.
        from archive.selectors import (  # noqa: PLC0415 -- reads the models
            files_held_back,
            files_seen_by_editors,
        )
        from media.visibility import (  # noqa: PLC0415 -- reads the models
            admin_viewer_provider,
            held_back_provider,
        )

        held_back_provider(files_held_back)
        admin_viewer_provider(files_seen_by_editors)
