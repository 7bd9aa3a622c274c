import datetime
import logging

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from rich.progress import Progress

from archive.demo import ensure_archive_index, ensure_items
from archive.transcripts.demo import ORAL_HISTORIES, ensure_oral_histories
from core.indexing import indexing_deferred
from festival.demo import (
    edition_count,
    ensure_editions,
    ensure_festival_index,
    ensure_next_edition_shifts,
    ensure_programmes,
)
from home.demo import ensure_demo_admin, ensure_home_page, ensure_standard_pages
from projects.demo import PROJECTS, ensure_projects
from talks.demo import EVENINGS, ensure_evenings, ensure_journalist


class Command(BaseCommand):
    help = "Charge le contenu de démonstration (idempotent : ne crée que ce qui manque)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--items", type=int, default=200, help="Nombre d'éléments d'archive (200)."
        )
        parser.add_argument(
            "--date",
            type=datetime.date.fromisoformat,
            default=None,
            help="Le jour où la démo se place, AAAA-MM-JJ (aujourd'hui) : la prochaine "
            "édition du festival vient après lui, les précédentes sont passées.",
        )

    def handle(self, *args, items: int, date: datetime.date | None = None, **options):
        if not settings.DEMO_DATA_ALLOWED:
            raise CommandError(
                "Les données de démonstration sont interdites avec ces réglages (production)."
            )
        # One line per published page would drown the progress bars.
        logging.getLogger("wagtail").setLevel(logging.WARNING)
        if date is None:
            now = timezone.now()
            date = timezone.localdate(now)
        else:
            now = timezone.make_aware(datetime.datetime.combine(date, datetime.time(12)))
        with indexing_deferred():
            self._load(date=date, now=now, items=items, quiet=options["verbosity"] == 0)
        username, password = ensure_demo_admin()
        journalist = ensure_journalist(password=password)
        self.stdout.write(
            self.style.SUCCESS(
                f"Démo prête : {edition_count(today=date)} éditions, {items} éléments "
                f"d'archive, {len(PROJECTS)} projets fifty-fifty, {EVENINGS} soirées Ch'ti TAIDx. "
                f"Administration : identifiant « {username} », "
                f"mot de passe « {password} » (et « {journalist.username} », l'accompagnement "
                "du Ch'ti TAIDx, même mot de passe)."
            )
        )

    def _load(self, *, date: datetime.date, now: datetime.datetime, items: int, quiet: bool):
        home = ensure_home_page()
        ensure_standard_pages(home)
        festival_index = ensure_festival_index(home)
        archive_index = ensure_archive_index(home)
        with Progress(disable=quiet) as progress:
            editions = progress.add_task("Éditions du festival", total=edition_count(today=date))
            for _edition in ensure_editions(festival_index, today=date):
                progress.advance(editions)
            ensure_programmes(today=date)
            ensure_next_edition_shifts(today=date, now=now)
            archive = progress.add_task("Éléments d'archive", total=items)
            for _item in ensure_items(archive_index, count=items):
                progress.advance(archive)
            oral = progress.add_task("Témoignages oraux et Ch'ti TAIDx", total=len(ORAL_HISTORIES))
            for _item in ensure_oral_histories(archive_index, say=progress.console.print):
                progress.advance(oral)
            projects = progress.add_task("Projets fifty-fifty", total=len(PROJECTS))
            ensure_projects(now=now)
            progress.advance(projects, len(PROJECTS))
            # After the projects and the archive: the talks tell the one, are recorded in the other.
            evenings = progress.add_task("Soirées Ch'ti TAIDx", total=EVENINGS)
            for _evening in ensure_evenings(now=now):
                progress.advance(evenings)
