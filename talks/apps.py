from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.links import private_links_provider


class TalksConfig(AppConfig):
    name = "talks"
    verbose_name = _("Ch'ti TAIDx")

    def ready(self):
        # The archive's « Renvoyer mes liens » lists the speakers' links too.
        from talks.links import talk_private_links  # noqa: PLC0415 -- reads the models

        private_links_provider(talk_private_links)
        # The archive offers the talks one can listen to or read among its kinds.
        from archive.kinds import browse_kind_provider  # noqa: PLC0415 -- reads the models
        from talks.browse import TAIDX_KIND  # noqa: PLC0415 -- reads the models

        browse_kind_provider(TAIDX_KIND)
