"""The OpenSearch test proxy adds no delay of its own to what the engine tests measure."""

import http.client
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from threading import Thread

import pytest

from tests.search.engine_proxy import EngineProxy


class _Upstream(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True

    def log_message(self, format, *args):
        pass

    def do_GET(self):
        body = b'{"took":1}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def proxy():
    upstream = ThreadingHTTPServer(("127.0.0.1", 0), _Upstream)
    Thread(target=upstream.serve_forever, daemon=True).start()
    proxy = EngineProxy(f"http://127.0.0.1:{upstream.server_address[1]}").start()
    yield proxy
    proxy.stop()
    upstream.shutdown()
    upstream.server_close()


def test_requests_on_a_kept_alive_connection_are_not_held_back(proxy):
    """Without TCP_NODELAY each answer's body waits for the client's delayed ACK (~40 ms)."""
    port = int(proxy.url.rsplit(":", 1)[-1])
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    durations = []
    for _ in range(15):
        started = time.perf_counter()
        connection.request("GET", "/_search")
        connection.getresponse().read()
        durations.append(time.perf_counter() - started)
    connection.close()

    assert sorted(durations)[len(durations) // 2] < 0.03
