from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.links import private_links_provider


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Projets fifty-fifty")

    def ready(self):
        # The archive's « Renvoyer mes liens » lists the carriers' follow links too.
        from projects.links import project_private_links  # noqa: PLC0415 -- reads the models

        private_links_provider(project_private_links)
        # A public project's photos are served, the others nowhere, whatever their collection;
        # the team sees every project's in the admin.
        from media.visibility import (  # noqa: PLC0415 -- reads the models
            admin_viewer_provider,
            held_back_provider,
            shown_provider,
        )
        from projects.photos import (  # noqa: PLC0415 -- reads the models
            photos_held_back,
            photos_seen_by_team,
            photos_shown_publicly,
        )

        shown_provider(photos_shown_publicly)
        held_back_provider(photos_held_back)
        admin_viewer_provider(photos_seen_by_team)
