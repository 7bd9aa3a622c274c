"""With nothing configured the site runs on its own: SQLite under var/."""

import os
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]


def database_engine(database_url: str | None) -> str:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    if database_url is not None:
        env["DATABASE_URL"] = database_url
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.DATABASES['default']['ENGINE'])",
        ],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout.strip()


def test_no_database_url_runs_on_sqlite():
    assert database_engine(None) == "django.db.backends.sqlite3"


def test_an_empty_database_url_counts_as_unset():
    assert database_engine("") == "django.db.backends.sqlite3"
