from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from rich.progress import Progress

from archive.models import ArchiveCollection
from opendata.bulk.exporting import collection_export


class Command(BaseCommand):
    help = (
        "Exporte une collection (ou toute l'archive publiée) en un zip : les fichiers et "
        "metadata.csv, que import_collection relit."
    )

    def add_arguments(self, parser):
        parser.add_argument("out", type=Path, help="Le zip à écrire.")
        parser.add_argument("--collection", help="Adresse (slug) de la collection ; sinon tout.")

    def handle(self, *args, out, collection: str | None, **options):
        out = Path(out)
        chosen = None
        if collection:
            chosen = ArchiveCollection.objects.filter(slug=collection).first()
            if chosen is None:
                raise CommandError(f"Aucune collection n'a l'adresse « {collection} ».")
        with Progress(disable=options["verbosity"] == 0) as progress:
            bar = progress.add_task("Export", total=None)

            def on_item(done, total):
                progress.update(bar, total=total, completed=done)

            with out.open("wb") as target:
                count = collection_export(out=target, collection=chosen, on_item=on_item)
        self.stdout.write(self.style.SUCCESS(f"{count} éléments exportés dans {out}."))
