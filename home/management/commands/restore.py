"""``manage.py restore ARCHIVE [--force]``: bring this install to the state a backup holds
(``home.backup.services``)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from rich.console import Console

from home.backup import services
from home.backup.progress import progress_bars


class Command(BaseCommand):
    help = (
        "Restaure une sauvegarde faite par « backup » sur une installation neuve : vérifie "
        "les empreintes, écrit les fichiers et la base, puis reconstruit l'index de recherche."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="L'archive zip écrite par « backup ».")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Remplace le contenu d'une base qui n'est pas vide (il est perdu).",
        )

    def handle(self, *args, archive: Path, force: bool, **options):
        console = Console(file=self.stdout, highlight=False)
        try:
            with progress_bars(console, quiet=options["verbosity"] == 0) as step:
                report = services.backup_restore(path=archive, force=force, progress=step)
        except services.BackupError as error:
            raise CommandError(str(error)) from error
        kept = f" ({report.files_kept} déjà en place)" if report.files_kept else ""
        console.print(
            f"Restauration terminée : {report.counts.get('pages', 0)} pages, "
            f"{report.counts.get('archive_items', 0)} éléments d'archive, "
            f"{report.objects} enregistrements, {report.files_written} fichiers écrits{kept}, "
            f"{report.indexed} documents indexés.",
            soft_wrap=True,
        )
