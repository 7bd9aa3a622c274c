"""Rows a whole test module reads, written once before its first test and rolled back after
its last: the demo takes tens of seconds to load, its tests only look at it.

Each test still runs in its own savepoint inside this transaction (pytest-django's ``db``),
so what a test changes is undone before the next one, as usual."""

import contextlib
from collections.abc import Iterator

from django.db import transaction


@contextlib.contextmanager
def module_rows(django_db_blocker) -> Iterator[None]:
    """Use in a module-scoped fixture: write the rows in the block, ``yield`` inside it."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)
