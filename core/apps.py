from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Building blocks every app may use and that use no app of ours: page body blocks,
    public-form protection, the timing of background retries."""

    name = "core"
    verbose_name = "Socle commun"
