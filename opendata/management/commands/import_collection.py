import logging
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from rich.progress import Progress

from opendata.bulk.importing import ImportImpossible, collection_import


class Command(BaseCommand):
    help = (
        "Importe un dossier de fichiers décrits par un CSV (colonnes Dublin Core). Relancé "
        "après une interruption, il reprend là où il s'était arrêté sans rien dupliquer."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path, help="Dossier où sont les fichiers.")
        parser.add_argument(
            "--metadata", type=Path, required=True, help="Le CSV qui décrit les éléments."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Vérifie tout et dit ce qui serait fait."
        )
        parser.add_argument(
            "--report",
            type=Path,
            help="Où écrire le rapport d'erreurs (par défaut : à côté du CSV, « -rapport.csv »).",
        )

    def handle(self, *args, folder, metadata, dry_run: bool, report, **options):
        # ``call_command`` passes its keywords as given, not through ``type``.
        folder, metadata = Path(folder), Path(metadata)
        report = Path(report) if report else None
        if not folder.is_dir():
            raise CommandError(f"Le dossier « {folder} » n'existe pas.")
        if not metadata.is_file():
            raise CommandError(f"Le fichier « {metadata} » n'existe pas.")
        # One line per published page would drown the progress bar.
        logging.getLogger("wagtail").setLevel(logging.WARNING)
        with Progress(disable=options["verbosity"] == 0) as progress:
            bar = progress.add_task("Import de la collection", total=None)

            def on_row(state):
                progress.update(bar, total=state.total, completed=state.processed)

            try:
                result = collection_import(
                    folder=folder, metadata=metadata, dry_run=dry_run, on_row=on_row
                )
            except ImportImpossible as error:
                raise CommandError(str(error)) from error
        if result.errors:
            report = report or metadata.with_name(f"{metadata.stem}-rapport.csv")
            report.write_text(result.as_csv(), encoding="utf-8-sig")
            self.stdout.write(
                self.style.WARNING(
                    f"Rapport d'erreurs : {report} ({len(result.errors)} problèmes)."
                )
            )
        self.stdout.write(self.style.SUCCESS(result.summary()))
