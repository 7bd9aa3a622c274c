"""Container healthchecks (docker-compose.yml): ``web``, ``worker`` or ``scheduler``.

Standard library only: the image has no curl, and Django's start-up would make the check slow.
"""

import http.client
import os
import sys
from pathlib import Path

import psycopg


def web() -> bool:
    """/healthz answers 200 as long as the database does (see home/health.py)."""
    # Django rejects a Host it does not know: present the site's own name.
    hosts = [h.strip().lstrip(".") for h in os.environ.get("ALLOWED_HOSTS", "").split(",")]
    host = next((h for h in hosts if h and h != "*"), "localhost")
    connection = http.client.HTTPConnection("127.0.0.1", 8000, timeout=8)
    try:
        connection.request("GET", "/healthz", headers={"Host": host})
        return connection.getresponse().status == 200
    finally:
        connection.close()


def _main_process_runs(command_name: bytes) -> bool:
    return command_name in Path("/proc/1/cmdline").read_bytes().split(b"\0")


def _database_answers() -> bool:
    with psycopg.connect(os.environ["DATABASE_URL"], connect_timeout=5) as connection:
        return connection.execute("SELECT 1").fetchone() == (1,)


def worker() -> bool:
    """The worker process is the container's main process and its database answers."""
    return _main_process_runs(b"db_worker") and _database_answers()


def scheduler() -> bool:
    """The scheduler loop is the container's main process and its database answers."""
    return _main_process_runs(b"run_periodic_jobs") and _database_answers()


if __name__ == "__main__":
    check = {"web": web, "worker": worker, "scheduler": scheduler}[
        sys.argv[1] if len(sys.argv) > 1 else "web"
    ]
    try:
        healthy = check()
    except Exception as error:  # noqa: BLE001  (any failure means the same thing: unhealthy)
        print(f"unhealthy: {error}", file=sys.stderr)  # noqa: T201
        sys.exit(1)
    sys.exit(0 if healthy else 1)
