"""The database restarts under traffic: requests fail cleanly, then the app recovers alone.

A real gunicorn serves the test database with persistent connections, as production does.
The test cuts its connections (what a restart does to them) and refuses new ones for a while
(the database is down), from a separate administration connection."""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest
import urllib3
from django.db import connection

pytestmark = [pytest.mark.integration, pytest.mark.postgresql]

ROOT = Path(__file__).resolve().parents[2]
APPLICATION_NAME = "gohelliades-restart-test"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _connect(dbname: str) -> psycopg.Connection:
    """Autocommit, beside Django's connection: never one of the connections the test cuts."""
    params = connection.get_connection_params()
    wanted = {key: params[key] for key in ("host", "port", "user", "password") if key in params}
    return psycopg.connect(dbname=dbname, autocommit=True, **wanted)


@pytest.fixture
def admin_connection(db):
    test_database = connection.settings_dict["NAME"]
    with _connect("postgres") as conn:
        yield conn, test_database
        conn.execute(f'ALTER DATABASE "{test_database}" ALLOW_CONNECTIONS true')


@pytest.fixture
def app_server(admin_connection):
    _conn, test_database = admin_connection
    settings = connection.settings_dict
    port = _free_port()
    url = (
        f"postgres://{settings['USER']}:{settings['PASSWORD']}@{settings['HOST']}:"
        f"{settings['PORT'] or 5432}/{test_database}?application_name={APPLICATION_NAME}"
    )
    process = subprocess.Popen(  # noqa: S603 - our own app server, fixed arguments
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "config.wsgi",
        ],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": url,
            "DATABASE_CONN_MAX_AGE": "600",
        },
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib3.request("GET", f"{base}/healthz", timeout=2, retries=False)
            break
        except urllib3.exceptions.HTTPError:
            time.sleep(0.2)
    yield base, process
    process.terminate()
    process.wait(timeout=10)
    # The server committed outside the test's transaction: a page it rendered made the site's
    # footer settings (Wagtail creates them on first read). Leave the test database as found.
    with _connect(test_database) as conn:
        conn.execute("DELETE FROM home_footersettings")


def _cut_connections(conn) -> int:
    rows = conn.execute(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = %s",
        [APPLICATION_NAME],
    ).fetchall()
    return len(rows)


def get(url: str):
    return urllib3.request("GET", url, timeout=10, retries=False, redirect=False)


def test_database_restart_fails_cleanly_and_recovers_without_restarting_the_app(
    admin_connection, app_server
):
    conn, test_database = admin_connection
    base, process = app_server
    assert get(f"{base}/healthz").status == 200
    assert get(f"{base}/recherche/").status == 200  # holds a persistent connection now

    # A restart: every connection of the app is cut while it sleeps between requests.
    assert _cut_connections(conn) >= 1
    assert get(f"{base}/recherche/").status == 200  # the stale connection is replaced at once

    # Down for a while: new connections are refused.
    conn.execute(f'ALTER DATABASE "{test_database}" ALLOW_CONNECTIONS false')
    _cut_connections(conn)
    down = get(f"{base}/recherche/")
    assert down.status == 503
    assert down.headers["Retry-After"] == "30"
    page = down.data.decode()
    assert "Le site est momentanément indisponible" in page
    assert "Traceback" not in page
    assert get(f"{base}/healthz").status == 503

    # Back: the same process serves again.
    conn.execute(f'ALTER DATABASE "{test_database}" ALLOW_CONNECTIONS true')
    assert get(f"{base}/recherche/").status == 200
    assert get(f"{base}/healthz").status == 200
    assert process.poll() is None
