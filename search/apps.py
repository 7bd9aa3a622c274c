from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Recherche")

    def ready(self):
        from core.indexing import indexing_hold_register  # noqa: PLC0415 -- after the models
        from search import signals  # noqa: PLC0415 -- connected once the apps are loaded

        signals.connect()
        indexing_hold_register(signals.syncs_held)
