"""The rich progress bars both commands show (``services.Step`` drawn on a console)."""

from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn


@contextmanager
def progress_bars(console: Console, *, quiet: bool):
    columns = [
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    ]
    with Progress(
        *columns, console=console, disable=quiet, transient=not console.is_terminal
    ) as progress:

        def step(label: str, total: int):
            task = progress.add_task(label, total=total)
            return lambda count: progress.advance(task, count)

        yield step
