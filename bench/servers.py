"""The servers the bench loads, all on 127.0.0.1, each stopped by the bench that started it.

- ``gunicorn``: our site, or the framework's floor, with 2 sync workers and DEBUG off;
- ``floor_site``: the minimal site ``wagtail start`` generates from the installed Wagtail,
  migrated on SQLite in a temporary folder: what any Wagtail page costs on this machine;
- ``bakerydemo_site``: Wagtail's demo site from a clone given to the bench, on the installed
  Django and Wagtail, its demo data loaded on SQLite: issue 16's own reference;
- ``nginx``: the same pages' HTML saved as files, served by nginx (when it is installed);
- ``front_cache``: nginx with the production configuration (``front_cache_render``: the
  template of ``deploy/nginx/templates`` filled in for this machine, also what
  ``tests/config/test_front_cache.py`` runs) in front of our site."""

import getpass
import http.client
import importlib.metadata
import os
import re
import shutil
import socket
import ssl
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

from bench.load import get

ROOT = Path(__file__).resolve().parents[1]
NGINX_TEMPLATES = ROOT / "deploy" / "nginx" / "templates"
BIN = Path(sys.executable).parent
WORKERS = 2
# The settings module the floor and bakerydemo are served with (both have a ``base``).
BENCH_SETTINGS = """\
from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "reference-bench-only"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
"""
# What bakerydemo's settings read from the environment (a database, a cache, a policy): none
# of ours may reach it.
BAKERYDEMO_ENV_KEPT = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR")
# Our own interpreter's versions: issue 16 measured bakerydemo on the Django and Wagtail the
# site runs, whatever its clone asks for.
BAKERYDEMO_PINNED = ("Django", "wagtail", "gunicorn")
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


def gunicorn(
    *,
    app: str,
    env: dict,
    cwd: Path,
    log: Path,
    port: int,
    check_path: str = "/",
    bin_dir: Path = BIN,
):
    command = [
        str(bin_dir / "gunicorn"),
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
    (folder / "floor" / "settings" / "bench.py").write_text(BENCH_SETTINGS)
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


def bakerydemo_requirements(text: str) -> list[str]:
    """bakerydemo's own requirements (``requirements/base.txt``), Django, Wagtail and gunicorn
    pinned to ours: the other lines as written, comments and includes left out."""
    pinned = {name.lower() for name in BAKERYDEMO_PINNED}
    kept = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        name = re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", line)
        if not name or line.startswith("-") or name.group(0).lower() in pinned:
            continue
        kept.append(line)
    return [
        *(f"{name}=={importlib.metadata.version(name)}" for name in BAKERYDEMO_PINNED),
        *kept,
    ]


def bakerydemo_site(clone: Path, folder: Path) -> tuple[Path, dict, Path]:
    """bakerydemo copied from ``clone`` into ``folder``, with a virtual environment of its own
    (its requirements, Django and Wagtail pinned to ours: ``bakerydemo_requirements``), DEBUG
    off, migrated on SQLite, its demo data loaded and its static files collected. Returns
    what ``gunicorn`` serves it with: its folder, its environment and its ``bin`` folder."""
    if not (clone / "bakerydemo" / "settings" / "base.py").exists():
        raise SystemExit(f"{clone} n'est pas un clone de bakerydemo (bakerydemo/settings absent).")
    site = folder / "site"
    shutil.copytree(
        clone,
        site,
        ignore=shutil.ignore_patterns(
            ".git", ".venv", "venv", "node_modules", "bakerydemodb", "*.sqlite3"
        ),
    )
    (site / "bakerydemo" / "settings" / "bench.py").write_text(BENCH_SETTINGS)
    env = {key: os.environ[key] for key in BAKERYDEMO_ENV_KEPT if key in os.environ}
    # The package index the machine is configured with, if any, for its requirements.
    env.update({key: value for key, value in os.environ.items() if key.startswith("PIP_")})
    env["DJANGO_SETTINGS_MODULE"] = "bakerydemo.settings.bench"
    venv = folder / "venv"
    steps = [
        [sys.executable, "-m", "venv", str(venv)],
        [
            str(venv / "bin" / "pip"),
            *("install", "--quiet", "--disable-pip-version-check"),
            *bakerydemo_requirements((site / "requirements" / "base.txt").read_text()),
        ],
        [str(venv / "bin" / "python"), "manage.py", "migrate", "--no-input", "-v0"],
        [str(venv / "bin" / "python"), "manage.py", "load_initial_data"],
        [str(venv / "bin" / "python"), "manage.py", "collectstatic", "--no-input", "-v0"],
    ]
    for step in steps:
        done = subprocess.run(step, cwd=site, env=env, capture_output=True, text=True)  # noqa: S603 -- fixed commands, bakerydemo's own manage.py
        if done.returncode:
            raise SystemExit(f"bakerydemo : « {' '.join(step[:3])} » a échoué :\n{done.stderr}")
    return site, env, venv / "bin"


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


def _nginx_version(nginx_path: str) -> tuple[int, ...]:
    banner = subprocess.run(  # noqa: S603 -- the installed nginx, fixed arguments
        [nginx_path, "-v"], capture_output=True, text=True, check=True
    ).stderr
    return tuple(int(part) for part in re.search(r"nginx/([\d.]+)", banner).group(1).split("."))


def front_cache_render(
    folder: Path,
    *,
    upstream: str,
    https_port: int,
    http_port: int,
    static: Path | None = None,
) -> Path:
    """The production template, filled in as the image's envsubst would, for this machine:
    local ports, ``upstream`` for the site, a throw-away certificate, cache and include paths
    in ``folder``, no object store, HTTP/2 switched on the old way when the local nginx
    predates ``http2 on``; ``/static/`` served from ``static`` when given (the bench puts the
    pages' HTML there: the same nginx serving the same bytes as a file, over the same TLS).
    Returns the main configuration file to give ``nginx -c``."""
    text = NGINX_TEMPLATES.joinpath("default.conf.template").read_text()
    for name, value in {
        "NGINX_SERVER_NAME": "localhost",
        "NGINX_MEDIA_BUCKET": "media",
        "NGINX_CLIENT_MAX_BODY_SIZE": "1m",
    }.items():
        text = text.replace("${" + name + "}", value)
    if "${NGINX_" in text:
        raise ValueError("a variable docker-compose.yml does not give nginx")
    replacements = {
        "server web:8000;": f"server {upstream};",
        "minio:9000": "127.0.0.1:9",
        "/var/cache/nginx/pages": str(folder / "cache"),
        "/etc/nginx/conf.d/": f"{folder}/",
        "/etc/nginx/tls/": f"{folder}/",
        "listen 80 default_server;": f"listen 127.0.0.1:{http_port} default_server;",
        "listen 443 ssl default_server;": f"listen 127.0.0.1:{https_port} ssl default_server;",
        "listen [::]:80 default_server;": "",
        "listen [::]:443 ssl default_server;": "",
    }
    if static is not None:
        replacements["/srv/static/current/"] = f"{static}/"
    if _nginx_version(nginx_available()) < (1, 25, 1):
        replacements["http2 on;"] = ""
        replacements["ssl default_server;"] = "ssl http2 default_server;"
    for old, new in replacements.items():
        if old not in text:
            raise ValueError(f"the template no longer says {old!r}")
        text = text.replace(old, new)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "default.conf").write_text(text)
    (folder / "gohelliades-proxy.inc").write_text(
        NGINX_TEMPLATES.joinpath("gohelliades-proxy.inc.template").read_text()
    )
    subprocess.run(  # noqa: S603 -- a throw-away certificate, fixed arguments
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"),
            *("-subj", "/CN=localhost", "-keyout", folder / "privkey.pem"),
            *("-out", folder / "fullchain.pem"),
        ],
        capture_output=True,
        check=True,
    )
    temp = "\n".join(
        f"  {kind}_temp_path {folder}/{kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    main = folder / "nginx.conf"
    # The workers run as whoever runs nginx (its default user could not read the folder);
    # ignored when that is not root. One per core, as the image's own nginx.conf says.
    main.write_text(
        f"user {getpass.getuser()};\nworker_processes auto;\npid {folder}/nginx.pid;\n"
        f"error_log {folder}/error.log;\nevents {{}}\n"
        f"http {{\n  access_log off;\n{temp}\n  include {folder}/default.conf;\n}}\n"
    )
    return main


def front_cache_available() -> bool:
    return bool(nginx_available() and shutil.which("openssl"))


def front_cache(
    *, folder: Path, upstream: str, https_port: int, log: Path, static: Path | None = None
):
    """nginx with the production rules in front of ``upstream``, answering HTTPS on
    ``https_port`` as it does anonymous visitors (its port 80 only redirects there)."""
    http_port = free_port()
    main = front_cache_render(
        folder, upstream=upstream, https_port=https_port, http_port=http_port, static=static
    )
    command = [
        *(nginx_available(), "-p", str(folder), "-c", str(main)),
        *("-e", str(folder / "error.log"), "-g", "daemon off;"),
    ]
    return running(
        command,
        url=f"http://127.0.0.1:{http_port}/-/nginx-health",
        env=dict(os.environ),
        cwd=folder,
        log=log,
    )


def https_get(url: str, *, timeout: float = 30) -> http.client.HTTPResponse:
    """One GET to the front cache (its certificate is a throw-away one, signed by itself);
    the answer's body is read, its headers kept."""
    parts = urlsplit(url)
    if parts.hostname != "127.0.0.1":
        raise ValueError(f"Le banc ne charge que 127.0.0.1, pas {url}")
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    connection = http.client.HTTPSConnection(
        "127.0.0.1", parts.port, context=context, timeout=timeout
    )
    try:
        connection.request(
            "GET", parts.path + (f"?{parts.query}" if parts.query else ""), headers={}
        )
        response = connection.getresponse()
        response.read()
    finally:
        connection.close()
    return response
