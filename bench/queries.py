"""Database queries per page, through Django's test client, on the bench's dataset.

The first request fills the caches; the second is what a visitor costs once they are warm.

    .venv/bin/python -m bench.queries --urls urls.json --json out.json"""

import argparse
import json
import os
import sys
from pathlib import Path

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext


def page_queries(urls: dict[str, str]) -> dict[str, dict]:
    """For each page: status, size in bytes, queries of a cold and of a warm request."""
    client = Client()
    counted = {}
    for name, url in urls.items():
        if not url:
            continue
        runs = []
        for _ in range(2):
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            runs.append(len(queries))
        counted[name] = {
            "status": response.status_code,
            "bytes": len(response.content),
            "queries_cold": runs[0],
            "queries": runs[1],
        }
    return counted


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser()
    parser.add_argument("--urls", type=Path, required=True)
    parser.add_argument("--json", type=Path, required=True)
    args = parser.parse_args(argv)
    counted = page_queries(json.loads(args.urls.read_text()))
    args.json.write_text(json.dumps(counted, indent=2))
    return counted


if __name__ == "__main__":
    main()
