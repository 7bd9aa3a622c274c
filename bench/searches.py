"""Search over fifty-odd varied French queries, with facets and highlighting.

Two measures:
- ``http_timings``: p50 and p95 of ``/api/search/`` and of the search page, through the
  served site (one request at a time, each query several rounds);
- ``main`` (in the site's database): the application's answer beside what it is built on —
  the engine's own ``took`` for the same request body when an engine is configured; and
  always the database fallback (what searches get when the engine is down) beside the raw
  full-text query (top 20 and the count), as ``bench/search_fallback.py`` does.

    DJANGO_SETTINGS_MODULE=bench.settings .venv/bin/python -m bench.searches --json out.json"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()

from bench.load import get, percentile

WORDS = [
    "mineur",
    "mineurs",
    "fosse",
    "terril",
    "terrils jumeaux",
    "église Saint-Vaast",
    "l'eglise saint vaast",
    "coron",
    "cité des Provinces",
    "Sainte-Barbe",
    "ducasse",
    "fanfare",
    "bal de la fanfare",
    "lampe",
    "lampiste",
    "carnet de paie",
    "médaille du travail",
    "grève",
    "grève de l'hiver",
    "pigeons voyageurs",
    "jardins ouvriers",
    "lavoirs",
    "chevalement",
    "berline",
    "galibot",
    "porion",
    "poste de nuit",
    "remonte",
    "sirène",
    "poussière de charbon",
    "café polonais",
    "ch'ti",
    "école Jules-Ferry",
    "photo de classe",
    "salle des fêtes",
    "rue de la Gare",
    "place de la République",
    "Base 11/19",
    "fosse 12",
    "grand-père Marcel",
    "Kowalski",
    "Stanislas",
    "Ahmed",
    "accordéoniste",
    "casse-croûte",
    "briquet",
    "maison en brique",
    "enfants billes",
    "dimanche terril Lens",
    "minneurs",
    "terri",
    "eglise",
    "souvenir",
    "concert",
    "atelier",
]
FACETS = [{}, {"kind": "photo"}, {"kind": "memory"}, {"decade": "1960"}, {"kind": "oral_history"}]


def query_strings() -> list[str]:
    """Each query with one facet in turn: the words alone, a kind, a decade."""
    return [
        urlencode({"q": word, **FACETS[number % len(FACETS)]}) for number, word in enumerate(WORDS)
    ]


def _summary(timings: list[float]) -> dict:
    return {
        "requests": len(timings),
        "p50_ms": statistics.median(timings),
        "p95_ms": percentile(timings, 95),
    }


def http_timings(site: str, *, rounds: int = 3) -> dict:
    """The API and the page, one request at a time over every query, ``rounds`` times."""
    measured = {}
    for name, path in (("api", "/api/search/"), ("page", "/recherche/")):
        timings, errors = [], 0
        for query in query_strings():
            get(f"{site}{path}?{query}")  # warm this query's caches
        for _ in range(rounds):
            for query in query_strings():
                status, _body, ms = get(f"{site}{path}?{query}")
                timings.append(ms)
                errors += status != 200
        measured[name] = {**_summary(timings), "errors": errors, "queries": len(WORDS)}
    return measured


def _timed(function, rounds: int) -> tuple[object, list[float]]:
    timings = []
    for _ in range(rounds):
        begin = time.perf_counter()
        result = function()
        timings.append((time.perf_counter() - begin) * 1000)
    return result, timings


def _engine(params_list, rounds: int) -> dict:
    from search import engine, selectors  # noqa: PLC0415 -- after django.setup()

    ours, took = [], []
    client = engine.get_client()
    for params in params_list:
        _result, timings = _timed(lambda params=params: selectors.search_content(params), rounds)
        ours += timings
        body = selectors.build_search(params).to_dict()
        for _ in range(rounds):
            took.append(client.search(index=engine.alias_name(), body=body)["took"])
    return {
        "mode": "engine",
        "application": _summary(ours),
        "reference": {**_summary(took), "what": "took du moteur"},
    }


def _fallback(params_list, rounds: int) -> dict:
    from django.db import connection  # noqa: PLC0415 -- after django.setup()

    from bench.search_fallback import raw_query  # noqa: PLC0415 -- sets Django up itself
    from search import fallback  # noqa: PLC0415 -- after django.setup()
    from search.analysis import query_terms  # noqa: PLC0415 -- after django.setup()

    ours, raw = [], []
    for params in params_list:
        fallback.search(params)  # the facet cache and the page cache
        _result, timings = _timed(lambda params=params: fallback.search(params), rounds)
        ours += timings
        groups = query_terms(params.q)
        if not groups:
            continue
        with connection.cursor() as cursor:
            _result, timings = _timed(
                lambda cursor=cursor, groups=groups: raw_query(cursor, connection.vendor, groups),
                rounds,
            )
        raw += timings
    return {
        "mode": "database",
        "vendor": connection.vendor,
        "application": _summary(ours),
        "reference": {**_summary(raw), "what": "requête plein texte brute"},
    }


def main(argv: list[str] | None = None) -> dict:
    from django.http import QueryDict  # noqa: PLC0415 -- after django.setup()

    from search import engine  # noqa: PLC0415 -- after django.setup()
    from search.forms import SearchForm  # noqa: PLC0415 -- after django.setup()
    from search.query import SearchParams  # noqa: PLC0415 -- after django.setup()

    parser = argparse.ArgumentParser()
    parser.add_argument("--json", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    params_list = [SearchParams.from_form(SearchForm(QueryDict(q))) for q in query_strings()]
    if engine.is_configured() and engine.is_available():
        measured = _engine(params_list, args.rounds)
        # The same queries on the database's index, filled by the same rebuild.
        measured["database"] = _fallback(params_list, args.rounds)
    else:
        measured = _fallback(params_list, args.rounds)
    measured["queries"] = len(params_list)
    args.json.write_text(json.dumps(measured, indent=2))
    return measured


if __name__ == "__main__":
    main()
