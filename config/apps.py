from django.apps import AppConfig


class ConfigConfig(AppConfig):
    """Project-wide wiring that belongs to no feature: start-up checks."""

    name = "config"
    verbose_name = "Configuration"

    def ready(self) -> None:
        from config import checks  # noqa: F401  (registers the system checks)
