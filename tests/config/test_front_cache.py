"""nginx's production configuration in front of the site: it keeps the public pages anonymous
visitors read, and never a private one.

The template is run by the nginx installed here (skipped without one), in front of the live
server, changed only where this machine differs from production (by ``front_cache_render``
of ``bench/servers.py``, which the bench runs too): local ports, a throw-away certificate,
cache and include paths, no object store, and HTTP/2 switched on the old way when the local
nginx predates ``http2 on``."""

import http.client
import re
import shutil
import socket
import ssl
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings

from bench.servers import front_cache_render
from tests.factories.archive import ArchiveIndexPageFactory, ArchiveItemPageFactory
from tests.factories.home import site_with_home
from tests.migrated_rows import migrated_rows_restore

TEMPLATES = Path(settings.BASE_DIR) / "deploy/nginx/templates"
NGINX = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin")


def test_the_front_cache_honours_the_site_and_keeps_no_session():
    """What the site says decides (its s-maxage, its private answers); the session and a
    waiting message bypass the cache; a CSRF cookie left by an earlier form does not."""
    template = TEMPLATES.joinpath("default.conf.template").read_text()
    location = re.sub(r"#.*", "", template.split("location / {")[-1])

    assert "proxy_ignore_headers Cache-Control" not in location
    assert "proxy_cache_valid" not in location
    bypass = re.search(r"proxy_cache_bypass([^;]*);", location).group(1)
    assert "$cookie_sessionid" in bypass and "$cookie_messages" in bypass
    assert "$cookie_csrftoken" not in bypass
    assert "$cookie_django_language" in re.search(r"proxy_cache_key([^;]*);", location).group(1)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def keep_migrated_rows(migrated_rows, django_db_blocker):
    """Put back the rows migrations made (root page, locale, site…) once the live server's
    transactional test has emptied the tables, for the next ``--reuse-db`` run.

    Module-wide: pytest-django sets the live server's ``transactional_db`` up before any
    fixture of ours, so its flush is undone only after the module's last test."""
    yield
    with django_db_blocker.unblock():
        migrated_rows_restore(migrated_rows)


@pytest.fixture
def nginx(keep_migrated_rows, migrated_db, live_server, tmp_path) -> Iterator[int]:
    """The production nginx configuration running in front of the live server: its port."""
    if NGINX is None or shutil.which("openssl") is None:
        pytest.skip("nginx et openssl sont nécessaires pour essayer la configuration")
    port = _free_port()
    main = front_cache_render(
        tmp_path,
        upstream=urlsplit(live_server.url).netloc,
        https_port=port,
        http_port=_free_port(),
    )
    command = [NGINX, "-p", str(tmp_path), "-c", str(main), "-e", str(tmp_path / "error.log")]
    checked = subprocess.run([*command, "-t"], capture_output=True, text=True)  # noqa: S603
    assert checked.returncode == 0, checked.stderr
    server = subprocess.Popen([*command, "-g", "daemon off;"])  # noqa: S603
    try:
        for _ in range(100):
            if (tmp_path / "nginx.pid").exists():
                break
            time.sleep(0.05)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=10)


def _get(port: int, path: str, cookie: str = "") -> http.client.HTTPResponse:
    # The throw-away certificate signs itself.
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    connection = http.client.HTTPSConnection("127.0.0.1", port, context=context, timeout=30)
    connection.request("GET", path, headers={"Host": "localhost", "Cookie": cookie})
    response = connection.getresponse()
    response.read()
    connection.close()
    return response


def test_nginx_keeps_anonymous_public_pages_and_never_a_private_one(nginx):
    home = site_with_home()
    item = ArchiveItemPageFactory(parent=ArchiveIndexPageFactory(parent=home))
    addition_form = f"/contribuer/complement/{item.pk}/"

    first = _get(nginx, item.url)
    second = _get(nginx, item.url)
    english = _get(nginx, item.url, cookie="django_language=en")
    after_a_form = _get(nginx, item.url, cookie="csrftoken=abc")
    signed_in = _get(nginx, item.url, cookie="sessionid=abc")
    forms = [_get(nginx, addition_form) for _ in range(2)]
    admin = _get(nginx, "/admin/login/")

    assert first.status == 200 and first.getheader("Set-Cookie") is None
    assert first.getheader("X-Cache-Status") == "MISS"
    assert second.getheader("X-Cache-Status") == "HIT"
    assert english.getheader("X-Cache-Status") == "MISS"  # its own entry
    assert after_a_form.getheader("X-Cache-Status") == "HIT"
    assert signed_in.getheader("X-Cache-Status") == "BYPASS"
    assert [form.getheader("X-Cache-Status") for form in forms] == ["MISS", "MISS"]
    assert all("no-store" in form.getheader("Cache-Control") for form in forms)
    assert admin.getheader("X-Cache-Status") is None  # the admin never meets the cache
    assert "no-store" in admin.getheader("Cache-Control")
