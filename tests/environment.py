"""What a run of the suite exercised, and the one way a test says that something is missing.

``make test`` runs on whatever the machine has: SQLite or PostgreSQL, search engine nodes or
none, chromium or none. A test that needs an absent service skips itself through
``skip_missing`` with a reason that names what is missing and how to get it; the run ends with
one line saying what it covered (for the search engine, each engine with its own count), so that
a green run on a laptop is never mistaken for the whole suite. With ``CI=true`` such a skip is a
failure (``tests/conftest.py``).

Two skips are not missing anything, and CI accepts them:

- a PostgreSQL-only test on SQLite (``POSTGRESQL_ONLY``): the suite's PostgreSQL run covers it;
- a test run on an engine that lacks what it checks (``NOT_ON_THIS_ENGINE``, through
  ``skip_not_on_engine``): its reason names the engine and what is not covered there, and the
  same test runs on the other engine.
"""

import os
from collections import Counter
from typing import NoReturn

import pytest

MISSING = "Absent :"
POSTGRESQL_ONLY = "PostgreSQL seulement :"
NOT_ON_THIS_ENGINE = "Pas sur ce moteur :"
ACCEPTED_SKIPS = (POSTGRESQL_ONLY, NOT_ON_THIS_ENGINE)

# (service, variant) -> what was used ("OpenSearch 2.19.6, nœud réel") or why it was skipped.
# The variant tells apart two providers of one service (the two search engines); "" otherwise.
_used: dict[tuple[str, str], str] = {}
_skipped: dict[tuple[str, str], str] = {}
_tests: Counter[tuple[str, str]] = Counter()
# Services a test reaches through a session fixture of that name (the fixture's presence is
# enough); the search engine's fixtures say instead which engine each test got (``record_use``).
SERVICE_FIXTURES = {"navigateur": "browser"}
_USED_BY_TEST = pytest.StashKey[dict[str, str]]()


def on_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def skip_missing(service: str, reason: str, *, variant: str = "") -> NoReturn:
    """Skip: ``service`` (its ``variant``, if named) is not on this machine; ``reason`` says how
    to get it."""
    _skipped.setdefault((service, variant), reason)
    what = f"{service} {variant}".strip()
    pytest.skip(f"{MISSING} {what} — {reason}")


def skip_not_on_engine(engine: str, not_covered: str) -> NoReturn:
    """Skip on ``engine``, which cannot do what the test checks; ``not_covered`` names it."""
    pytest.skip(f"{NOT_ON_THIS_ENGINE} {engine} — non couvert sur ce moteur : {not_covered}")


def record_used(service: str, description: str, *, variant: str = "") -> None:
    _used.setdefault((service, variant), description)


def record_use(item: pytest.Item, service: str, variant: str) -> None:
    """The test ``item`` uses ``variant`` of ``service`` (called by the fixture that gives it)."""
    item.stash.setdefault(_USED_BY_TEST, {})[service] = variant


def record_test(item: pytest.Item) -> None:
    """A test ran: count it for each service it used."""
    used = dict(item.stash.get(_USED_BY_TEST, {}))
    for service, fixture in SERVICE_FIXTURES.items():
        if fixture in item.fixturenames:
            used.setdefault(service, "")
    for service, variant in used.items():
        _tests[(service, variant)] += 1


def is_missing_service_skip(reason: str) -> bool:
    """A skip that CI counts as a failure: anything but the two accepted kinds above."""
    return not any(accepted in reason for accepted in ACCEPTED_SKIPS)


def describe(service: str) -> str:
    variants = sorted({variant for name, variant in (*_used, *_skipped) if name == service})
    if not variants:
        return "non demandé par cette sélection"
    parts = []
    for variant in variants:
        key = (service, variant)
        if key in _used:
            count = _tests[key]
            parts.append(f"{_used[key]} ({count} test{'s' if count > 1 else ''})")
        else:
            parts.append(f"{variant} ignoré ({_skipped[key]})".strip())
    return " et ".join(parts)


def summary_line(database: str) -> str:
    return (
        f"Couvert : base {database} · moteur de recherche {describe('moteur de recherche')} "
        f"· navigateur {describe('navigateur')}"
    )
