"""Benchmark of the database search fallback (not a timed test).

Generates N French documents of about 150 words in a throwaway test database, indexes them
through the same path as the application (``search.services``), then times the first page
of results with facets, the way ``/api/search/`` asks for it.

    .venv/bin/python bench/search_fallback.py             # SQLite, 10,000 documents
    DATABASE_URL=postgres://… .venv/bin/python bench/search_fallback.py --docs 100000

Goal (issue 6): first page with facets under 100 ms p95 at 10,000 documents.
"""

import argparse
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

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


def generate(count: int, rng: random.Random):
    from search.sources import SearchData, decades_between

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
    args = parser.parse_args()
    settings.ELASTICSEARCH_URL = ""

    from search import fallback, services
    from search.query import SearchParams

    setup_test_environment()
    # A database of its own, never the one the test suite may be using at the same time.
    connection.settings_dict.setdefault("TEST", {})["NAME"] = (
        None if connection.vendor == "sqlite" else "bench_gohelliades"
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

        report = {"vendor": connection.vendor, "docs": args.docs, "queries": {}}
        for q in QUERIES:
            timings = []
            for _ in range(args.repeat):
                begin = time.perf_counter()
                results = fallback.search(SearchParams(q=q))
                timings.append((time.perf_counter() - begin) * 1000)
            timings.sort()
            p50 = statistics.median(timings)
            p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
            report["queries"][q] = {"count": results.count, "p50_ms": p50, "p95_ms": p95}
            print(f"  {q!r:28} {results.count:6d} résultats  p50 {p50:6.1f} ms  p95 {p95:6.1f} ms")
        out = (
            Path(__file__).with_name("results")
            / f"search_fallback_{connection.vendor}_{args.docs}.json"
        )
        out.write_text(json.dumps(report, indent=2, ensure_ascii=False))
        worst = max(item["p95_ms"] for item in report["queries"].values())
        print(f"Pire p95 : {worst:.1f} ms (objectif < 100 ms à 10 000 documents) → {out.name}")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
