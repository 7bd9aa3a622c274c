"""A bounded load on one address of 127.0.0.1: requests per second, p50 and p95 latency.

wrk when it is installed (a few connections for a few seconds, its own percentiles written
as JSON by a Lua ``done`` hook); otherwise a small client of our own in threads, bounded in
time and in count. Both refuse any host but 127.0.0.1."""

import http.client
import json
import math
import shutil
import statistics
import subprocess
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import urlsplit

# wrk calls done() once at the end: percentiles in microseconds, counts over the whole run.
WRK_REPORT = """
done = function(summary, latency, requests)
  io.write("BENCH-JSON ")
  io.write(string.format(
    '{"requests": %d, "seconds": %f, "p50_us": %f, "p95_us": %f, "errors": %d, "non_2xx": %d}\\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50), latency:percentile(95),
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end
"""
MAX_REQUESTS = 200_000


@dataclass
class Load:
    tool: str
    requests: int
    seconds: float
    rps: float
    p50_ms: float
    p95_ms: float
    errors: int

    def as_dict(self) -> dict:
        return asdict(self)


def _only_local(url: str) -> None:
    if urlsplit(url).hostname != "127.0.0.1":
        raise ValueError(f"Le banc ne charge que 127.0.0.1, pas {url}")


def load_measure(url: str, *, seconds: float = 5, connections: int = 8) -> Load:
    """Load ``url`` with ``connections`` at once for ``seconds``."""
    _only_local(url)
    if shutil.which("wrk"):
        return _wrk(url, seconds=seconds, connections=connections)
    return _threads(url, seconds=seconds, connections=connections)


def _wrk(url: str, *, seconds: float, connections: int) -> Load:
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        script.write(WRK_REPORT)
        script.flush()
        command = [
            "wrk",
            "-t2",
            f"-c{connections}",
            f"-d{max(1, round(seconds))}s",
            "--timeout",
            "10s",
            "-s",
            script.name,
            url,
        ]
        output = subprocess.run(  # noqa: S603 -- our own arguments, wrk found on PATH
            command, capture_output=True, text=True, check=True, timeout=seconds + 60
        ).stdout
    line = next(line for line in output.splitlines() if line.startswith("BENCH-JSON "))
    data = json.loads(line.removeprefix("BENCH-JSON "))
    return Load(
        tool="wrk",
        requests=data["requests"],
        seconds=data["seconds"],
        rps=data["requests"] / data["seconds"],
        p50_ms=data["p50_us"] / 1000,
        p95_ms=data["p95_us"] / 1000,
        errors=data["errors"] + data["non_2xx"],
    )


def _threads(url: str, *, seconds: float, connections: int) -> Load:
    parts = urlsplit(url)
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    deadline = time.perf_counter() + seconds
    timings: list[float] = []
    errors = [0]
    lock = threading.Lock()

    def worker():
        connection = http.client.HTTPConnection("127.0.0.1", parts.port, timeout=10)
        while time.perf_counter() < deadline and len(timings) < MAX_REQUESTS:
            begin = time.perf_counter()
            try:
                connection.request("GET", target)
                response = connection.getresponse()
                response.read()
                ok = response.status == 200
            except OSError:
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", parts.port, timeout=10)
                ok = False
            with lock:
                timings.append((time.perf_counter() - begin) * 1000)
                errors[0] += not ok
        connection.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    return Load(
        tool="python",
        requests=len(timings),
        seconds=elapsed,
        rps=len(timings) / elapsed,
        p50_ms=statistics.median(timings) if timings else math.nan,
        p95_ms=percentile(timings, 95),
        errors=errors[0],
    )


def percentile(values: list[float], rank: float) -> float:
    """The nearest-rank percentile (``math.nan`` when there is nothing)."""
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[max(0, math.ceil(len(ordered) * rank / 100) - 1)]


def get(url: str, *, timeout: float = 30) -> tuple[int, bytes, float]:
    """One request: status, body, and milliseconds."""
    _only_local(url)
    parts = urlsplit(url)
    connection = http.client.HTTPConnection("127.0.0.1", parts.port, timeout=timeout)
    begin = time.perf_counter()
    try:
        connection.request("GET", parts.path + (f"?{parts.query}" if parts.query else ""))
        response = connection.getresponse()
        body = response.read()
    finally:
        connection.close()
    return response.status, body, (time.perf_counter() - begin) * 1000


def save(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
