"""Benchmark of the database search fallback (not a timed test).

Generates N French documents of about 150 words in a throwaway test database, indexes them
through the same path as the application (``search.services``), then times, on the same data,
the first page of results with facets the way ``/api/search/`` asks for it, next to the raw
full-text query it is built on (FTS5 bm25 top 20 + count on SQLite, the tsvector/GIN query
top 20 + count on PostgreSQL).

    .venv/bin/python bench/search_fallback.py             # SQLite, 10,000 documents
    DATABASE_URL=postgres://…/gohelliades_xx .venv/bin/python bench/search_fallback.py --docs 100000

The PostgreSQL run creates and drops ``<database name>_bench``, never the database itself.
Goal (issue 6): first page with facets under 100 ms p95 at 10,000 documents, and within 2× of
the raw query at 100,000.
"""

import argparse
import cProfile
import json
import math
import os
import pstats
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from search import fallback, services  # noqa: E402
from search.analysis import query_terms  # noqa: E402
from search.dialects import DIALECTS  # noqa: E402
from search.query import SearchParams  # noqa: E402
from search.sources import SearchData, decades_between  # noqa: E402

TEXT = (
    "la fosse les mineurs le terril l'église Saint-Vaast la cité le coron le chevalement "
    "la berline le galibot le porion la lampe la remonte le poste de nuit la ducasse la "
    "fanfare la Sainte-Barbe les jardins ouvriers les pigeons voyageurs le carreau la "
    "grève l'hiver l'école les enfants la poussière de charbon le café polonais ch'ti "
    "les familles le dimanche la sirène la galerie le casse-croûte les copains la maison "
    "en brique le lavoir les bleus de travail le quartier le silence la houille"
)
WORDS = TEXT.split()
PLACES = [
    "Base 11/19",
    "fosse 11/19",
    "terrils jumeaux",
    "église Saint-Vaast",
    "cité des Provinces",
]
THEMES = ["Travail au fond", "Vie de la cité", "Fêtes", "Luttes", "Enfance", "Migrations"]
QUERIES = ["mineur", "eglise", "l'eglise saint vaast", "mineurs fosse", "terri", "coron"]
RAW_PAGE = 20
MISSPELT = "minneurs"


def raw_query(cursor, vendor: str, groups) -> tuple[list[int], int]:
    """The full-text index alone: the top 20 by rank and the number of matches."""
    expression = DIALECTS[vendor].expression(groups)
    if vendor == "sqlite":
        cursor.execute(
            "SELECT rowid FROM search_entry_fts WHERE search_entry_fts MATCH %s "
            "ORDER BY rank LIMIT %s",
            [expression, RAW_PAGE],
        )
        ids = [row[0] for row in cursor.fetchall()]
        cursor.execute(
            "SELECT COUNT(*) FROM search_entry_fts WHERE search_entry_fts MATCH %s", [expression]
        )
    else:
        cursor.execute(
            "SELECT e.id FROM search_searchentry e, to_tsquery('gohelliades_fr', %s) query "
            "WHERE e.search_vector @@ query ORDER BY ts_rank(e.search_vector, query) DESC "
            "LIMIT %s",
            [expression, RAW_PAGE],
        )
        ids = [row[0] for row in cursor.fetchall()]
        cursor.execute(
            "SELECT COUNT(*) FROM search_searchentry "
            "WHERE search_vector @@ to_tsquery('gohelliades_fr', %s)",
            [expression],
        )
    return ids, cursor.fetchone()[0]


def timed(function, repeat: int) -> tuple[object, dict]:
    """The last result, and the p50 and p95 of the run times in milliseconds: elapsed, and the
    CPU time of this process (SQLite runs in it: its CPU time is what load from others on a
    shared machine does not inflate)."""
    elapsed, cpu = [], []
    for _ in range(repeat):
        begin, begin_cpu = time.perf_counter(), time.process_time()
        result = function()
        elapsed.append((time.perf_counter() - begin) * 1000)
        cpu.append((time.process_time() - begin_cpu) * 1000)
    return result, {
        "p50_ms": statistics.median(elapsed),
        "p95_ms": _p95(elapsed),
        "cpu_p50_ms": statistics.median(cpu),
        "cpu_p95_ms": _p95(cpu),
    }


def _meaningful(timing: dict) -> dict:
    """PostgreSQL works in its own process: there, this one's CPU time means nothing."""
    if connection.vendor == "sqlite":
        return timing
    return {key: value for key, value in timing.items() if not key.startswith("cpu_")}


def _p95(timings: list[float]) -> float:
    return sorted(timings)[max(0, math.ceil(len(timings) * 0.95) - 1)]


def generate(count: int, rng: random.Random):
    for number in range(1, count + 1):
        year = rng.randint(1920, 2010)
        yield SearchData(
            doc_type="archive_item",
            object_id=number,
            title=" ".join(rng.choices(WORDS, k=8)).capitalize(),
            body=" ".join(rng.choices(WORDS, k=150)),
            kind=rng.choice(["memory", "photo", "oral_history", "object"]),
            themes=rng.sample(THEMES, 2),
            places=[rng.choice(PLACES)],
            decades=decades_between(year, year + rng.randint(0, 4)),
            date_label=str(year),
            url=f"/archive/{number}/",
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--profile", help="print a profile of the fallback for this query")
    args = parser.parse_args()
    settings.ELASTICSEARCH_URL = ""

    setup_test_environment()
    # A database of its own, never the one the test suite may be using at the same time.
    connection.settings_dict.setdefault("TEST", {})["NAME"] = (
        None if connection.vendor == "sqlite" else f"{connection.settings_dict['NAME']}_bench"
    )
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        started = time.perf_counter()
        rng = random.Random(1984)
        chunk = []
        with transaction.atomic():
            for data in generate(args.docs, rng):
                chunk.append(data)
                if len(chunk) == 1000:
                    services._entries_write(chunk)
                    chunk = []
            if chunk:
                services._entries_write(chunk)
        indexing = time.perf_counter() - started
        print(f"{connection.vendor}: {args.docs} documents indexés en {indexing:.1f} s")

        # Other work on a shared machine skews timings: the load average goes with them.
        report = {
            "vendor": connection.vendor,
            "docs": args.docs,
            "load_average_before": os.getloadavg(),
            "queries": {},
        }
        print(f"  {'':28} {'':6}            fallback p50/p95      brut p50/p95   ratio p50/p95")
        for q in QUERIES:
            groups = query_terms(q)
            fallback.search(SearchParams(q=q))  # warm the facet cache and the page cache
            results, ours = timed(lambda q=q: fallback.search(SearchParams(q=q)), args.repeat)
            with connection.cursor() as cursor:
                (_, raw_count), raw = timed(
                    lambda cursor=cursor, groups=groups: raw_query(
                        cursor, connection.vendor, groups
                    ),
                    args.repeat,
                )
            if raw_count != results.count:
                raise SystemExit(f"{q!r}: {raw_count} au brut, {results.count} par le fallback")
            ours, raw = _meaningful(ours), _meaningful(raw)
            report["queries"][q] = {
                "count": results.count,
                **ours,
                **{f"raw_{key}": value for key, value in raw.items()},
                **{f"ratio_{key.removesuffix('_ms')}": ours[key] / raw[key] for key in ours},
            }
            print(
                f"  {q!r:28} {results.count:6d} résultats  "
                f"{ours['p50_ms']:7.1f} /{ours['p95_ms']:7.1f} ms  "
                f"{raw['p50_ms']:7.1f} /{raw['p95_ms']:7.1f} ms  "
                f"{ours['p50_ms'] / raw['p50_ms']:4.2f} / {ours['p95_ms'] / raw['p95_ms']:4.2f}"
                + (
                    f"  (CPU {ours['cpu_p50_ms']:.1f} / {raw['cpu_p50_ms']:.1f} ms)"
                    if connection.vendor == "sqlite"
                    else ""
                )
            )
        # "Did you mean": a word the index does not know, so almost nothing is found.
        results, timing = timed(lambda: fallback.search(SearchParams(q=MISSPELT)), args.repeat)
        report["suggestion"] = {
            "q": MISSPELT,
            "suggestion": results.suggestion,
            **_meaningful(timing),
        }
        print(
            f"  {MISSPELT!r:28} {results.count:6d} résultats  {timing['p50_ms']:7.1f} /"
            f"{timing['p95_ms']:7.1f} ms  suggestion : {results.suggestion!r}"
        )
        if args.profile:
            profile = cProfile.Profile()
            profile.runcall(fallback.search, SearchParams(q=args.profile))
            pstats.Stats(profile).sort_stats("cumulative").print_stats(25)
        report["load_average_after"] = os.getloadavg()
        out = (
            Path(__file__).with_name("results")
            / f"search_fallback_{connection.vendor}_{args.docs}.json"
        )
        out.write_text(json.dumps(report, indent=2, ensure_ascii=False))
        worst = max(item["p95_ms"] for item in report["queries"].values())
        ratio = max(item["ratio_p95"] for item in report["queries"].values())
        print(
            f"Pire p95 : {worst:.1f} ms (objectif < 100 ms à 10 000 documents), pire ratio p95 "
            f"au brut : {ratio:.2f} (objectif ≤ 2 à 100 000 documents) → {out.name}"
        )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
