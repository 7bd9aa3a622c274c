from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArchiveConfig(AppConfig):
    name = "archive"
    verbose_name = _("Archive des mémoires")

    def ready(self):
        from archive import handlers

        # Wagtail discovers only this app's top-level wagtail_hooks: the transcripts slice
        # hands its own admin over here, once the models it registers are loaded.
        from archive.transcripts import admin as transcripts_admin  # noqa: PLC0415 -- admin needs the apps ready

        handlers.connect()
        transcripts_admin.register()
