from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Recherche")

    def ready(self):
        from search import signals  # noqa: PLC0415 -- connected once the apps are loaded

        signals.connect()
