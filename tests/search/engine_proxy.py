"""A loopback proxy that lets the Elasticsearch 8 client talk to the OpenSearch test node.

Test harness only, never used by the application. The client refuses any server that does
not answer ``X-Elastic-Product: Elasticsearch`` and sends ``compatible-with=8`` media types
that OpenSearch rejects with 406; the proxy adapts those two headers and nothing else.

Run by hand in front of ``tools/opensearch/run.sh start``::

    .venv/bin/python -m tests.search.engine_proxy --upstream http://127.0.0.1:9250 --port 9251
"""

import argparse
import http.client
import re
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

COMPAT_MEDIA_TYPE = re.compile(
    r"application/vnd\.elasticsearch\+(json|x-ndjson)\s*;\s*compatible-with=\d+", re.IGNORECASE
)
HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade"}


def plain_media_type(value: str) -> str:
    return COMPAT_MEDIA_TYPE.sub(lambda match: f"application/{match.group(1)}", value)


class _NoDelayConnection(http.client.HTTPConnection):
    """The upstream side of the proxy, without Nagle's delay either (see ``_Handler``)."""

    def connect(self):
        super().connect()
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: "_Server"
    # Headers and body leave in separate writes: with Nagle's algorithm on, the second waits
    # for the client's delayed ACK, ~40 ms added to every request measured through the proxy.
    disable_nagle_algorithm = True

    def log_message(self, format, *args):
        pass  # a test run has no use for an access log

    def _forward(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        headers = {}
        for name, value in self.headers.items():
            if name.lower() in HOP_BY_HOP or name.lower() == "host":
                continue
            if name.lower() in ("content-type", "accept"):
                value = plain_media_type(value)
            headers[name] = value
        upstream = _NoDelayConnection(
            self.server.upstream_host, self.server.upstream_port, timeout=120
        )
        try:
            upstream.request(self.command, self.path, body=body, headers=headers)
            response = upstream.getresponse()
            payload = response.read()
        except OSError:
            self.send_error(502, "upstream unreachable")
            return
        finally:
            upstream.close()
        self.send_response(response.status, response.reason)
        for name, value in response.getheaders():
            if name.lower() in HOP_BY_HOP or name.lower() == "content-length":
                continue
            self.send_header(name, value)
        self.send_header("X-Elastic-Product", "Elasticsearch")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(payload)

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _forward


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    upstream_host: str
    upstream_port: int


class EngineProxy:
    """Start with ``start()``; ``url`` is what the application's settings should point at."""

    def __init__(self, upstream: str, *, port: int = 0):
        parts = urlsplit(upstream)
        self.upstream = upstream
        self._port = port
        self._host = parts.hostname or "127.0.0.1"
        self._upstream_port = parts.port or 9200
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._port}"

    def start(self) -> "EngineProxy":
        server = _Server(("127.0.0.1", self._port), _Handler)
        server.upstream_host = self._host
        server.upstream_port = self._upstream_port
        self._port = server.server_address[1]
        self._server = server
        self._thread = threading.Thread(target=server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Close the listening socket: clients then get "connection refused", like a dead node."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--upstream", default="http://127.0.0.1:9250")
    parser.add_argument("--port", type=int, default=9251)
    args = parser.parse_args()
    proxy = EngineProxy(args.upstream, port=args.port).start()
    print(f"{proxy.url} -> {args.upstream}")  # noqa: T201 - a command-line tool
    if proxy._thread is not None:
        proxy._thread.join()


if __name__ == "__main__":
    main()
