"""Start-up checks that catch a misconfigured deployment before it serves anyone."""

import os

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security, deploy=False)
def required_environment_check(app_configs, **kwargs) -> list[checks.CheckMessage]:
    """Production names the variables it cannot run without; each missing one is an error."""
    return [
        checks.Error(
            f"La variable d'environnement {name} est vide ou absente : "
            "le site refuse de démarrer sans elle.",
            hint="Renseignez-la dans l'environnement du service (voir le tableau du README).",
            id="config.E001",
        )
        for name in getattr(settings, "REQUIRED_ENVIRONMENT", [])
        if not os.environ.get(name, "").strip()
    ]
