"""What a run of the suite exercised, and the one way a test says that something is missing.

``make test`` runs on whatever the machine has: SQLite or PostgreSQL, a search engine node or
none, chromium or none. A test that needs an absent service skips itself through
``skip_missing`` with a reason that names what is missing and how to get it; the run ends with
one line saying what it covered, so that a green run on a laptop is never mistaken for the whole
suite. With ``CI=true`` such a skip is a failure (``tests/conftest.py``).

A PostgreSQL-only test on SQLite is not missing anything: the suite's PostgreSQL run covers it.
It skips with ``POSTGRESQL_ONLY``, which CI accepts.
"""

import os
from collections import Counter
from typing import NoReturn

import pytest

MISSING = "Absent :"
POSTGRESQL_ONLY = "PostgreSQL seulement :"

# service -> what was used ("OpenSearch 2.19.1, nœud réel") or why it was skipped
_used: dict[str, str] = {}
_skipped: dict[str, str] = {}
_tests: Counter[str] = Counter()
# The session fixture through which a test reaches each service.
SERVICE_FIXTURES = {"moteur de recherche": "search_node", "navigateur": "browser"}


def on_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def skip_missing(service: str, reason: str) -> NoReturn:
    """Skip: ``service`` is not on this machine; ``reason`` says how to get it."""
    _skipped.setdefault(service, reason)
    pytest.skip(f"{MISSING} {service} — {reason}")


def record_used(service: str, description: str) -> None:
    _used.setdefault(service, description)


def record_test(fixturenames: list[str]) -> None:
    """A test ran: count it for each service it used."""
    for service, fixture in SERVICE_FIXTURES.items():
        if fixture in fixturenames:
            _tests[service] += 1


def is_missing_service_skip(reason: str) -> bool:
    """A skip that CI counts as a failure: anything but a PostgreSQL-only test on SQLite."""
    return POSTGRESQL_ONLY not in reason


def describe(service: str) -> str:
    if service in _used:
        count = _tests[service]
        return f"{_used[service]} ({count} test{'s' if count > 1 else ''})"
    if service in _skipped:
        return f"ignoré ({_skipped[service]})"
    return "non demandé par cette sélection"


def summary_line(database: str) -> str:
    return (
        f"Couvert : base {database} · moteur de recherche {describe('moteur de recherche')} "
        f"· navigateur {describe('navigateur')}"
    )
