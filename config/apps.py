from django.apps import AppConfig
from django.urls import register_converter

from config.converters import IdConverter


class ConfigConfig(AppConfig):
    """Project-wide wiring that belongs to no feature: start-up checks, path converters."""

    name = "config"
    verbose_name = "Configuration"

    def ready(self) -> None:
        from config import checks  # noqa: F401, PLC0415 -- registers the system checks

        # Before any URLconf is read: admin hooks build their paths when it is.
        register_converter(IdConverter, "id")
