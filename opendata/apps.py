from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpendataConfig(AppConfig):
    name = "opendata"
    verbose_name = _("Données ouvertes")

    def ready(self):
        from opendata import signals  # noqa: PLC0415 -- the signals read the models, loaded by now

        signals.connect()
