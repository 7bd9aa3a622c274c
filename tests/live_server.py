"""The live server of the browser and protocol tests, on the test database in SQLite's shared
memory: two requests writing at once (a IIIF viewer asks for many tiles together, each making
its rendition) meet « database table is locked » at once instead of waiting. There, requests are
served one after the other (connections stay kept alive, so the browser never waits on an idle
one), and when a test ends the request being served is waited for and those still queued are
refused, so that nothing writes while the database is emptied."""

import threading

from django.core.servers.basehttp import ThreadedWSGIServer
from django.db import connection
from django.test.testcases import LiveServerThread


class OneRequestAtATimeOnSqlite(ThreadedWSGIServer):
    serving = threading.Lock()
    refusing = False

    def get_app(self):
        app = super().get_app()
        if connection.vendor != "sqlite":
            return app

        def serve_one(environ, start_response):
            with self.serving:
                if OneRequestAtATimeOnSqlite.refusing:
                    start_response("503 Service Unavailable", [("Content-Type", "text/plain")])
                    return [b""]
                return app(environ, start_response)

        return serve_one


def live_server_serves_one_request_at_a_time() -> None:
    LiveServerThread.server_class = OneRequestAtATimeOnSqlite


def live_server_open() -> None:
    """A test begins: its requests are served."""
    OneRequestAtATimeOnSqlite.refusing = False


def live_server_drain() -> None:
    """A test ends: wait for the request being served, refuse the ones still queued."""
    OneRequestAtATimeOnSqlite.refusing = True
    with OneRequestAtATimeOnSqlite.serving:
        pass
