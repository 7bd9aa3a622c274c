"""The bench's servers: bakerydemo, issue 16's reference, set up from a clone."""

import http.server
import importlib.metadata
import threading

import pytest

from bench.run import bakerydemo_paths
from bench.servers import bakerydemo_requirements, bakerydemo_site

BASE_TXT = """\
Django>=6.0,<6.1
python-dotenv>=1.2.1,<2
wagtail>=7.4,<7.5   # the framework
# django-debug-toolbar>=4.2,<5
-r other.txt
django-csp>=3.8,<4
"""


def test_bakerydemo_runs_on_our_django_and_wagtail_with_its_other_requirements():
    wanted = bakerydemo_requirements(BASE_TXT)

    assert wanted == [
        f"Django=={importlib.metadata.version('Django')}",
        f"wagtail=={importlib.metadata.version('wagtail')}",
        f"gunicorn=={importlib.metadata.version('gunicorn')}",
        "python-dotenv>=1.2.1,<2",
        "django-csp>=3.8,<4",
    ]


def test_a_folder_that_is_not_bakerydemo_is_refused_in_french(tmp_path):
    with pytest.raises(SystemExit, match="n'est pas un clone de bakerydemo"):
        bakerydemo_site(tmp_path, tmp_path / "work")


class _Blog(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = b'<a href="/blog/">Blog</a> <a href="/blog/first-post/">x</a> <a href="/blog/b/">'
        self.send_response(200 if self.path == "/blog/" else 404)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def test_each_page_is_paired_with_bakerydemos_and_items_with_its_first_blog_post():
    server = http.server.HTTPServer(("127.0.0.1", 0), _Blog)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    try:
        paths = bakerydemo_paths(base)
    finally:
        server.shutdown()
        server.server_close()

    assert paths == {
        "home": f"{base}/",
        "archive_item": f"{base}/blog/first-post/",
        "oral_history": f"{base}/blog/first-post/",
        "archive_index": f"{base}/breads/",
        "search": f"{base}/search/?q=bread",
    }
