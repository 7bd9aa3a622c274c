"""Benchmark of the full search rebuild beside a raw ``_bulk`` of the same documents.

Builds N archive items in a throwaway database with the bench's bulk builder (one in three a
photo, one in ten an interview with its passages, places and themes on every item), then, in
the same run and on the same engine:

- times ``search.services.index_rebuild()`` (what ``manage.py search_index rebuild`` runs:
  the database's index and a new engine index, alias switched): until the new index answers
  behind the alias (what searches wait for, compared to the raw bulk), and until the
  database's index, filled in parallel on PostgreSQL, is committed too;
- times a raw ``_bulk`` of exactly the documents that rebuild sent, already serialised, in
  requests of the same size, into an empty index with the same mapping and build settings,
  then its refresh: the floor of what any indexing can cost on this engine;
- times the rebuild with no engine (the database's index alone).

    ELASTICSEARCH_URL=http://127.0.0.1:9260 .venv/bin/python bench/rebuild.py --items 1000
    DATABASE_URL=postgres://…/gohelliades_xx ELASTICSEARCH_URL=… .venv/bin/python \
        bench/rebuild.py --items 10000 --bulk-mb 1 2 4 8 --json bench/results/rebuild.json

``--existing`` measures on the database as configured (a dataset ``make bench`` built)
instead of a throwaway one. The engine indices get a prefix of their own, deleted at the end.
Goal (issue 16): the rebuild takes at most 1.5× the raw bulk's time.
"""

import argparse
import json
import os
import random
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from archive.demo import ensure_collections, ensure_places, ensure_themes  # noqa: E402
from archive.models import ArchiveIndexPage  # noqa: E402
from bench import bulk  # noqa: E402
from media.demo import demo_image  # noqa: E402
from search import documents, engine, services  # noqa: E402
from search.sources import SOURCES  # noqa: E402
from tests.factories.home import site_with_home  # noqa: E402

GOAL_RATIO = 1.5
SHARED_FILES = 4


def build_dataset(items: int, rng: random.Random) -> None:
    """``items`` live archive items under one index, as ``make bench`` builds them
    (``bench.bulk``): one in three a photo, one in ten an interview with its passages."""
    home = site_with_home()
    index = home.add_child(instance=ArchiveIndexPage(title="L'archive", slug="archive"))
    shared = bulk.Shared(
        places=ensure_places(),
        themes=[theme for theme, _words in ensure_themes()],
        collections=ensure_collections(),
        images=[
            demo_image(title=f"Photo partagée {n}", alt_text="Vue d'un terril.", seed=n)
            for n in range(1, SHARED_FILES + 1)
        ],
        tape_file=None,
    )
    bulk.items_bulk_create(parent=index, count=items, shared=shared, seed=rng.randrange(10**6))


def _timed_rebuild() -> tuple[services.RebuildReport, float]:
    started = time.perf_counter()
    report = services.index_rebuild()
    return report, time.perf_counter() - started


def _raw_bulk(client, lines: list[bytes], bulk_bytes: int) -> float:
    """The same documents, serialised beforehand, into an empty index built the same way."""
    name = f"{engine.alias_name()}-raw-{uuid.uuid4().hex[:6]}"
    documents.content_index(name, building=True).create(using=client)
    timed = client.options(request_timeout=300)
    try:
        started = time.perf_counter()
        body = bytearray()
        for line in lines:
            body += line
            if len(body) >= bulk_bytes:
                timed.bulk(index=name, operations=bytes(body))
                body = bytearray()
        if body:
            timed.bulk(index=name, operations=bytes(body))
        timed.indices.refresh(index=name)
        seconds = time.perf_counter() - started
        count = client.count(index=name)["count"]
        if count != len(lines):
            raise SystemExit(f"Bulk brut : {count} documents sur {len(lines)}")
        return seconds
    finally:
        client.options(ignore_status=404).indices.delete(index=name)


def _same_documents() -> list[bytes]:
    """What the rebuild sends, as it sends it (read and serialised outside any timing)."""
    return [
        services._bulk_lines(item)
        for source in SOURCES.values()
        for chunk in source.chunks()
        for item in chunk
    ]


def measure(bulk_sizes: list[int]) -> dict:
    client = engine.get_client()
    result: dict = {
        "database": connection.vendor,
        "engine": None,
        "load_average_before": list(os.getloadavg()),
    }
    # Read and serialise once untimed: the documents the raw bulk sends, and the first use of
    # every module on the way (a cold process compiles and imports for seconds).
    lines = _same_documents()
    engine_url = settings.ELASTICSEARCH_URL
    settings.ELASTICSEARCH_URL = ""
    engine.reset()
    report, seconds = _timed_rebuild()
    result["documents"] = report.documents
    result["database_rebuild"] = {
        "seconds": seconds,
        "documents_per_second": report.documents / seconds,
    }
    print(
        f"Index de la base seul : {report.documents / seconds:,.0f} documents/s ({seconds:.1f} s)"
    )
    settings.ELASTICSEARCH_URL = engine_url
    engine.reset()
    client = engine.get_client()
    if client is None:
        print("Pas de moteur (ELASTICSEARCH_URL vide) : pas de comparaison au bulk brut.")
        return result
    info = client.info()
    result["engine"] = (
        f"{info['version'].get('distribution', 'elasticsearch')} {info['version']['number']}"
    )
    lines = _same_documents()
    runs = []
    for bulk_bytes in bulk_sizes:
        settings.SEARCH_BULK_BYTES = bulk_bytes
        report, total_seconds = _timed_rebuild()
        # What searches wait for: the new index in service behind the alias.
        rebuild_seconds = report.engine_seconds or total_seconds
        raw_seconds = _raw_bulk(client, lines, bulk_bytes)
        run = {
            "bulk_bytes": bulk_bytes,
            "rebuild_seconds": rebuild_seconds,
            "rebuild_documents_per_second": report.documents / rebuild_seconds,
            "rebuild_total_seconds": total_seconds,
            "raw_bulk_seconds": raw_seconds,
            "raw_bulk_documents_per_second": len(lines) / raw_seconds,
            "ratio": rebuild_seconds / raw_seconds,
        }
        runs.append(run)
        print(
            f"Requêtes de {bulk_bytes / 2**20:g} Mo : index du moteur en service en "
            f"{rebuild_seconds:.1f} s ({run['rebuild_documents_per_second']:,.0f} documents/s), "
            f"index de la base validé à {total_seconds:.1f} s, bulk brut "
            f"{run['raw_bulk_documents_per_second']:,.0f} documents/s, ratio des temps "
            f"{run['ratio']:.2f} (objectif ≤ {GOAL_RATIO})"
        )
    best = min(runs, key=lambda run: run["ratio"])
    result.update(
        {
            "runs": runs,
            "bulk_bytes": best["bulk_bytes"],
            "rebuild": {
                "seconds": best["rebuild_seconds"],
                "documents_per_second": best["rebuild_documents_per_second"],
                "total_seconds": best["rebuild_total_seconds"],
            },
            "raw_bulk": {
                "seconds": best["raw_bulk_seconds"],
                "documents_per_second": best["raw_bulk_documents_per_second"],
            },
            "ratio": best["ratio"],
            "goal_ratio": GOAL_RATIO,
            "goal_met": best["ratio"] <= GOAL_RATIO,
        }
    )
    return result


def _engine_cleanup() -> None:
    client = engine.get_client()
    if client is None:
        return
    listed = client.options(ignore_status=404).cat.indices(
        index=f"{settings.ELASTICSEARCH_INDEX_PREFIX}-*", h="index", format="json"
    )
    names = [row["index"] for row in listed.body] if listed.meta.status == 200 else []
    if names:
        client.indices.delete(index=",".join(names))


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=1000, help="archive items to build")
    parser.add_argument(
        "--bulk-mb",
        type=float,
        nargs="+",
        default=[settings.SEARCH_BULK_BYTES / 2**20],
        help="bulk request sizes to try (MB); the best is reported",
    )
    parser.add_argument("--json", type=Path, help="where to write the results")
    parser.add_argument(
        "--existing", action="store_true", help="measure the configured database's content"
    )
    args = parser.parse_args(argv)
    # The indices of this run only, whatever else the engine holds.
    settings.ELASTICSEARCH_INDEX_PREFIX = f"bench-rebuild-{uuid.uuid4().hex[:8]}"
    # Wagtail's own index is not what is measured: building the items must not feed it.
    for backend in settings.WAGTAILSEARCH_BACKENDS.values():
        backend["AUTO_UPDATE"] = False
    engine.reset()
    bulk_sizes = [int(mb * 2**20) for mb in args.bulk_mb]

    old_name = None
    if not args.existing:
        setup_test_environment()
        # A database of its own, never the one the test suite may be using at the same time.
        connection.settings_dict.setdefault("TEST", {})["NAME"] = (
            None
            if connection.vendor == "sqlite"
            else f"{connection.settings_dict['NAME']}_rebuild_bench"
        )
        old_name = connection.creation.create_test_db(
            verbosity=0, autoclobber=True, serialize=False
        )
    try:
        if not args.existing:
            started = time.perf_counter()
            with transaction.atomic():
                build_dataset(args.items, random.Random(1984))
            print(f"{args.items} éléments créés en {time.perf_counter() - started:.0f} s")
        result = {"items": args.items if not args.existing else None, **measure(bulk_sizes)}
        result["load_average_after"] = list(os.getloadavg())
    finally:
        _engine_cleanup()
        if old_name is not None:
            connection.creation.destroy_test_db(old_name, verbosity=0)
    out = args.json or (
        Path(__file__).with_name("results")
        / f"rebuild_{result['database']}_{args.items if not args.existing else 'existing'}.json"
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False))
    print(f"→ {out}")
    return result


if __name__ == "__main__":
    main(sys.argv[1:])
