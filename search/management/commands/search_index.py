"""``manage.py search_index rebuild|update|status``: the search indices' lifecycle."""

from django.core.management.base import BaseCommand, CommandError
from elasticsearch.helpers import BulkIndexError
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from search import engine, services


class Command(BaseCommand):
    help = (
        "rebuild : nouvel index versionné puis bascule atomique de l'alias ; "
        "update : renvoie tout dans l'index en place ; status : comptes base / index."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild", "update", "status"])

    def handle(self, *args, action: str, **options):
        console = Console(file=self.stdout, highlight=False)
        try:
            if action == "status":
                self._status(console)
            else:
                self._fill(console, action)
        except BulkIndexError as error:
            first = error.errors[0] if error.errors else {}
            reason = first.get("error") or {}
            reason = reason.get("reason", "") if isinstance(reason, dict) else reason
            raise CommandError(
                f"Le moteur de recherche a refusé {len(error.errors)} document(s) "
                f"(premier : {first.get('_id', '?')}, {reason}). Corrigez-les "
                "puis relancez la commande : l'index en service n'a pas changé."
            ) from error
        except engine.ENGINE_ERRORS as error:
            raise CommandError(
                f"Le moteur de recherche ne répond pas ({error}). Vérifiez ELASTICSEARCH_URL "
                "et que le moteur tourne, puis relancez la commande."
            ) from error

    def _fill(self, console: Console, action: str) -> None:
        where = settings_target()
        total = services.total_to_index()
        columns = [
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
        ]
        with Progress(*columns, console=console, transient=not console.is_terminal) as progress:
            bar = progress.add_task(f"Indexation ({where})", total=total)

            def advance(count: int) -> None:
                progress.advance(bar, count)

            run = services.index_rebuild if action == "rebuild" else services.index_update
            report = run(progress=advance)
        index = f", alias → {report.index}" if report.index else ""
        console.print(
            f"{report.documents} documents indexés en {report.seconds:.1f} s "
            f"({report.per_second:.0f} documents/s){index}."
        )

    def _status(self, console: Console) -> None:
        rows, index_name = services.index_status()
        table = Table(title=f"Index de recherche ({settings_target()})")
        for column in ("Type", "En base", "Index de repli", "Moteur", "En attente"):
            table.add_column(column, justify="left" if column == "Type" else "right")
        for row in rows:
            style = "red" if row.drift else None
            table.add_row(
                row.label,
                str(row.in_database),
                str(row.in_fallback),
                "—" if row.in_engine is None else str(row.in_engine),
                str(row.pending),
                style=style,
            )
        console.print(table)
        if engine.is_configured():
            console.print(f"Alias {engine.alias_name()} → {index_name or 'aucun index'}")
        drift = [row.label for row in rows if row.drift]
        console.print(
            f"Écart pour : {', '.join(drift)} — lancez « search_index update »."
            if drift
            else "Aucun écart."
        )


def settings_target() -> str:
    return engine.alias_name() if engine.is_configured() else "base de données seule"
