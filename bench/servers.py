"""The servers the bench loads, all on 127.0.0.1, each stopped by the bench that started it.

- ``gunicorn``: our site, or the framework's floor, with 2 sync workers and DEBUG off;
- ``floor_site``: the minimal site ``wagtail start`` generates from the installed Wagtail,
  migrated on SQLite in a temporary folder: what any Wagtail page costs on this machine;
- ``nginx``: the same pages' HTML saved as files, served by nginx (when it is installed)."""

import os
import shutil
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from bench.load import get

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
WORKERS = 2
FLOOR_SETTINGS = """\
from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "floor-bench-only"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
"""
NGINX_CONF = """\
worker_processes {workers};
daemon off;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 256; }}
http {{
    access_log off;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    default_type text/html;
    server {{
        listen 127.0.0.1:{port};
        root {folder}/html;
    }}
}}
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_up(url: str, process: subprocess.Popen, *, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"Le serveur s'est arrêté au démarrage ({url}).")
        try:
            status, _body, _ms = get(url, timeout=10)
        except OSError:
            time.sleep(0.3)
            continue
        if status < 500:
            return
        time.sleep(0.3)
    raise RuntimeError(f"{url} ne répond pas après {timeout:.0f} s.")


@contextmanager
def running(command: list[str], *, url: str, env: dict, cwd: Path, log: Path):
    """Start ``command``, wait until ``url`` answers, stop it (and only it) at the end."""
    with log.open("ab") as output:
        process = subprocess.Popen(  # noqa: S603 -- our own command line
            command, cwd=cwd, env=env, stdout=output, stderr=output, start_new_session=True
        )
        try:
            _wait_until_up(url, process)
            yield process
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def gunicorn(*, app: str, env: dict, cwd: Path, log: Path, port: int, check_path: str = "/"):
    command = [
        str(BIN / "gunicorn"),
        app,
        "--workers",
        str(WORKERS),
        "--worker-class",
        "sync",
        "--bind",
        f"127.0.0.1:{port}",
        "--timeout",
        "60",
    ]
    return running(command, url=f"http://127.0.0.1:{port}{check_path}", env=env, cwd=cwd, log=log)


def floor_site(folder: Path) -> tuple[Path, dict]:
    """Generate and migrate the minimal Wagtail site; returns its folder and environment."""
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(  # noqa: S603 -- the installed Wagtail's own command
        [str(BIN / "wagtail"), "start", "floor", str(folder)],
        check=True,
        capture_output=True,
    )
    (folder / "floor" / "settings" / "bench.py").write_text(FLOOR_SETTINGS)
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "MEDIA_ROOT", "STATIC_ROOT"}
    }
    env["DJANGO_SETTINGS_MODULE"] = "floor.settings.bench"
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input", "-v0"],
        cwd=folder,
        env=env,
        check=True,
        capture_output=True,
    )
    return folder, env


def nginx_available() -> str | None:
    return shutil.which("nginx") or next(
        (path for path in ("/usr/sbin/nginx",) if Path(path).exists()), None
    )


def nginx(*, folder: Path, port: int, log: Path):
    """nginx serving ``folder/html`` (the pages saved as files) on ``port``."""
    for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi", "html"):
        (folder / name).mkdir(parents=True, exist_ok=True)
    conf = folder / "nginx.conf"
    conf.write_text(NGINX_CONF.format(workers=WORKERS, folder=folder, port=port))
    command = [nginx_available(), "-p", str(folder), "-c", str(conf)]
    return running(
        command, url=f"http://127.0.0.1:{port}/", env=dict(os.environ), cwd=folder, log=log
    )
