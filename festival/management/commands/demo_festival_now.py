import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from festival.demo import demo_edition_move_to
from festival.formats import fr_day


class Command(BaseCommand):
    help = (
        "Démo : fait se dérouler aujourd'hui la prochaine édition du festival (ses dates, "
        "ses rendez-vous, ses créneaux de bénévoles), pour voir le site « en ce moment / "
        "à suivre ». Sans effet si c'est déjà le cas."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--date",
            type=datetime.date.fromisoformat,
            default=None,
            help="Le jour à mettre au milieu du festival, AAAA-MM-JJ (aujourd'hui).",
        )

    def handle(self, *args, date: datetime.date | None = None, **options):
        if not settings.DEMO_DATA_ALLOWED:
            raise CommandError(
                "Les données de démonstration sont interdites avec ces réglages (production)."
            )
        day = date or timezone.localdate()
        edition, days = demo_edition_move_to(day=day)
        if edition is None:
            raise CommandError("Aucune édition à déplacer : chargez d'abord la démo (make demo).")
        dates = f"du {fr_day(edition.start_date)} au {fr_day(edition.end_date)}"
        if days == 0:
            self.stdout.write(f"{edition.title} se déroule déjà {dates} : rien à changer.")
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"{edition.title} se déroule maintenant {dates} "
                    f"({abs(days)} jours plus {'tard' if days > 0 else 'tôt'})."
                )
            )
