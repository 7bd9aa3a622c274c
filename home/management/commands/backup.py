"""``manage.py backup [ARCHIVE]``: one zip with the database, the uploaded files and a manifest
(``home.backup.services``)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from rich.console import Console

from home.backup import services
from home.backup.progress import progress_bars


class Command(BaseCommand):
    help = (
        "Écrit une sauvegarde complète (base de données, fichiers envoyés, manifeste avec "
        "empreintes SHA-256) dans une seule archive zip."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "archive",
            nargs="?",
            type=Path,
            help="Fichier à écrire (par défaut var/sauvegardes/gohelliades-DATE.zip).",
        )

    def handle(self, *args, archive: Path | None, **options):
        console = Console(file=self.stdout, highlight=False)
        destination = archive or services.default_destination()
        if destination.exists():
            raise CommandError(f"« {destination} » existe déjà : choisissez un autre nom.")
        try:
            with progress_bars(console, quiet=options["verbosity"] == 0) as step:
                report = services.backup_create(destination=destination, progress=step)
        except services.BackupError as error:
            raise CommandError(str(error)) from error
        missing = (
            f" ; {len(report.missing)} fichier(s) référencé(s) introuvable(s) dans le stockage"
            if report.missing
            else ""
        )
        console.print(
            f"Sauvegarde écrite dans {report.path} : {report.counts['pages']} pages, "
            f"{report.counts['archive_items']} éléments d'archive, {report.objects} "
            f"enregistrements, {report.files} fichiers ({_size(report.bytes)}){missing}.",
            soft_wrap=True,
        )


def _size(count: int) -> str:
    for unit in ("o", "Ko", "Mo", "Go"):
        if count < 1024 or unit == "Go":
            return f"{count:.0f} {unit}" if unit == "o" else f"{count:.1f} {unit}".replace(".", ",")
        count /= 1024
    return f"{count} o"
