"""``make bench``: build the dataset at each size, measure every figure beside its reference.

    .venv/bin/python -m bench.run --quick            # 1,000 items, a few minutes
    .venv/bin/python -m bench.run                    # 1,000, 10,000 and 100,000 items
    DATABASE_URL=postgres://…/gohelliades_xx .venv/bin/python -m bench.run --quick

Each size gets a throwaway database of its own (``<name>_bench<size>`` on PostgreSQL, created
and dropped here; a temporary file on SQLite) and a temporary uploads folder. The site is served
by gunicorn (2 sync workers, DEBUG off) on 127.0.0.1, beside the framework's floor (the site
``wagtail start`` generates, served the same way) and nginx serving the same HTML as files;
each page is loaded in turn with its references, so the machine's load weighs on all alike.
With ``--bakerydemo <clone>`` (``make bench BAKERYDEMO=…``), issue 16's own reference is
served beside them too (``servers.bakerydemo_site``) and each page is compared with its
counterpart there (``BAKERYDEMO_PAGES``): the goals are then read against it.
Each page is loaded through the front cache too: nginx with the production configuration
(``deploy/nginx/templates``, over HTTPS as anonymous visitors get it) in front of the same
gunicorn, once a first request has let it keep the page (its ``X-Cache-Status`` is noted).
Results: ``bench/results/<date>-<size>.json``, ``latest.md`` and ``latency.png``."""

import argparse
import datetime
import json
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack, contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit
from urllib.request import Request, urlopen

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import report, searches, servers
from bench.load import get, load_measure, save

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
SIZES = (1_000, 10_000, 100_000)
QUICK_SIZE = 1_000
REBUILD_QUICK_SIZES = (1_000, 10_000)
PAGES = (
    "home",
    "archive_item",
    "oral_history",
    "archive_index",
    "programme",
    "event",
    "search",
)
# Issue 16's pairs: each page beside the bakerydemo page it was compared with. ``None``: its
# first blog post, found on its blog's index.
BAKERYDEMO_PAGES = {
    "home": "/",
    "archive_item": None,
    "oral_history": None,
    "archive_index": "/breads/",
    "search": "/search/?q=bread",
}


def say(text: str) -> None:
    print(f"→ {text}", flush=True)


def _python(module: str, *args: str, env: dict, timeout: float) -> None:
    subprocess.run(  # noqa: S603 -- our own modules, with our own interpreter
        [sys.executable, "-m", module, *args], cwd=ROOT, env=env, check=True, timeout=timeout
    )


@contextmanager
def throwaway_database(size: int, folder: Path):
    """A database URL of its own for this size, dropped at the end (PostgreSQL)."""
    given = os.environ.get("DATABASE_URL", "")
    if not given.startswith(("postgres://", "postgresql://")):
        yield f"sqlite:///{folder / 'bench.sqlite3'}", "sqlite"
        return
    import psycopg  # noqa: PLC0415 -- only when the bench runs on PostgreSQL

    parts = urlsplit(given)
    name = f"{parts.path.lstrip('/')}_bench{size}"
    url = urlunsplit(parts._replace(path=f"/{name}"))
    # Created and dropped from the server's maintenance database: the named one may not exist.
    maintenance = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield url, "postgresql"
    finally:
        if not os.environ.get("BENCH_KEEP"):
            with psycopg.connect(maintenance, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _settle(database_url: str, vendor: str) -> None:
    """``VACUUM (ANALYZE)`` once the dataset, its tasks and the search index are written: the
    hundreds of thousands of rows just inserted would otherwise set autovacuum working on two
    cores during the measures (what a database in service has long done)."""
    if vendor != "postgresql":
        return
    import psycopg  # noqa: PLC0415 -- only when the bench runs on PostgreSQL

    with psycopg.connect(database_url, autocommit=True) as connection:
        connection.execute("VACUUM (ANALYZE)")


def _drop_engine_indexes(engine: str, prefix: str) -> None:
    """The indexes this size left on the shared engine node, by name (never a wildcard)."""
    with urlopen(f"{engine}/_cat/indices/{prefix}*?format=json", timeout=30) as answer:  # noqa: S310 -- the configured engine
        names = [row["index"] for row in json.load(answer)]
    for name in names:
        request = Request(f"{engine}/{name}", method="DELETE")  # noqa: S310 -- idem
        urlopen(request, timeout=30).close()  # noqa: S310 -- idem


def _site_env(database_url: str, folder: Path) -> dict:
    env = dict(os.environ)
    engine = os.environ.get("ELASTICSEARCH_URL") or os.environ.get("OPENSEARCH_TEST_URL", "")
    env.update(
        ELASTICSEARCH_URL=engine,
        # Indexes of its own: never those of the site or of the test suite on the same node.
        ELASTICSEARCH_INDEX_PREFIX=f"gohelliades-bench-{folder.name}",
        DJANGO_SETTINGS_MODULE="bench.settings",
        DATABASE_URL=database_url,
        MEDIA_ROOT=str(folder / "media"),
        STATIC_ROOT=str(folder / "static"),
        PYTHONPATH=str(ROOT),
    )
    return env


def _through_front_cache(url: str, *, file_url: str, seconds: float) -> dict:
    """Anonymous GETs through the front cache, once a first one has let it keep the page,
    then the same nginx serving the page's HTML as a file over the same TLS (``file_url``)."""
    first = servers.https_get(url)
    second = servers.https_get(url)
    cached = load_measure(url, seconds=seconds)
    file = load_measure(file_url, seconds=seconds)
    return {
        **cached.as_dict(),
        "file": file.as_dict(),
        "first": first.getheader("X-Cache-Status"),
        "cache_status": second.getheader("X-Cache-Status"),
        "hit": second.getheader("X-Cache-Status") == "HIT",
        "cache_control": first.getheader("Cache-Control"),
        "set_cookie": first.getheader("Set-Cookie") is not None,
    }


def measure_pages(
    *,
    urls: dict,
    site: str,
    floor: str,
    static: str | None,
    front: str | None,
    html: Path,
    seconds: float,
    bakerydemo: dict | None = None,
) -> dict:
    """Each page under load, then the floor's home, then its counterpart on bakerydemo
    (``bakerydemo``: page name → full address, when it is served), then nginx serving the
    page's HTML, then the page through the front cache."""
    pages = {}
    for name in PAGES:
        path = urls.get(name)
        if not path:
            continue
        status, body, _ms = get(site + path)
        save(html / f"{name}.html", body)
        for _ in range(3):  # warm: renditions, caches, the workers' first imports
            get(site + path)
        single = sorted(get(site + path)[2] for _ in range(5))
        ours = load_measure(site + path, seconds=seconds)
        reference = load_measure(floor + "/", seconds=seconds)
        counterpart = _bakerydemo_measure((bakerydemo or {}).get(name), seconds=seconds)
        files = load_measure(f"{static}/{name}.html", seconds=seconds) if static else None
        cached = (
            _through_front_cache(
                front + path, file_url=f"{front}/static/{name}.html", seconds=seconds
            )
            if front
            else None
        )
        pages[name] = {
            "path": path,
            "status": status,
            "bytes": len(body),
            "single_ms": single[len(single) // 2],
            "site": ours.as_dict(),
            "floor": reference.as_dict(),
            "bakerydemo": counterpart or "absent",
            "nginx": files.as_dict() if files else "absent",
            "front_cache": cached or "absent",
        }
        say(
            f"{name:14} {ours.rps:7.1f} req/s (plancher {reference.rps:7.1f}"
            + (f", nginx {files.rps:8.0f}" if files else "")
            + (f", cache {cached['rps']:8.0f} {cached['cache_status']}" if cached else "")
            + (f", bakerydemo {counterpart['rps']:7.1f}" if counterpart else "")
            + f")  p50 {ours.p50_ms:6.1f} ms  p95 {ours.p95_ms:6.1f} ms"
        )
    return pages


def _bakerydemo_measure(url: str | None, *, seconds: float) -> dict | None:
    """bakerydemo's page under the same load, warmed the same way (its renditions made)."""
    if not url:
        return None
    for _ in range(4):
        get(url, timeout=120)
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return {"path": path, **load_measure(url, seconds=seconds).as_dict()}


def bakerydemo_paths(base: str) -> dict:
    """``BAKERYDEMO_PAGES`` as full addresses on ``base``, its first blog post found."""
    status, body, _ms = get(base + "/blog/", timeout=120)
    post = re.search(rb'href="(/blog/[^/"]+/)"', body) if status == 200 else None
    if post is None:
        raise SystemExit("bakerydemo : aucun article sur /blog/ à comparer aux éléments.")
    return {
        name: base + (path or post.group(1).decode()) for name, path in BAKERYDEMO_PAGES.items()
    }


def run_size(
    size: int,
    *,
    args,
    work: Path,
    floor: tuple[Path, dict],
    uploads: bool,
    bakerydemo: tuple[Path, dict, Path] | None = None,
) -> dict:
    folder = work / f"size-{size}"
    folder.mkdir()
    result: dict = {"items": size}
    with throwaway_database(size, folder) as (database_url, vendor):
        result["vendor"] = vendor
        env = _site_env(database_url, folder)
        say(f"{size} éléments sur {vendor} : migrations…")
        _python("django", "migrate", "--no-input", "-v0", env=env, timeout=1800)
        say("Jeu de données…")
        dataset_json = folder / "dataset.json"
        _python(
            "bench.dataset",
            "--items",
            str(size),
            "--json",
            str(dataset_json),
            env=env,
            timeout=6 * 3600,
        )
        result["dataset"] = json.loads(dataset_json.read_text())
        # The tasks go to the database as in production (bench/settings.py): what the build
        # queued (search and reference indexes, mails) is done by a worker, as there.
        say("Tâches mises en file par le jeu de données, faites par un worker…")
        _python("django", "db_worker", "--batch", "--no-startup-delay", env=env, timeout=6 * 3600)
        if env["ELASTICSEARCH_URL"]:
            say("Index du moteur de recherche…")
            try:
                _python("django", "search_index", "rebuild", env=env, timeout=6 * 3600)
            except subprocess.CalledProcessError:
                # The site answers from the database then: measured so, and said so.
                say("Moteur injoignable : la recherche est mesurée sur la base.")
                env["ELASTICSEARCH_URL"] = ""
                result["engine"] = "injoignable"
        say("Base au repos : ce qu'autovacuum ferait dans les minutes qui suivent…")
        _settle(database_url, vendor)
        urls = result["dataset"]["urls"]
        (folder / "urls.json").write_text(json.dumps(urls))
        say("Requêtes par page…")
        _python(
            "bench.queries",
            "--urls",
            str(folder / "urls.json"),
            "--json",
            str(folder / "queries.json"),
            env=env,
            timeout=600,
        )
        result["queries"] = json.loads((folder / "queries.json").read_text())

        ports = {
            name: servers.free_port() for name in ("site", "floor", "bakerydemo", "nginx", "front")
        }
        site, floor_url = (f"http://127.0.0.1:{ports[n]}" for n in ("site", "floor"))
        with ExitStack() as stack:
            stack.enter_context(
                servers.gunicorn(
                    app="config.wsgi:application",
                    env=env,
                    cwd=ROOT,
                    log=work / "gunicorn-site.log",
                    port=ports["site"],
                    check_path="/healthz",
                )
            )
            stack.enter_context(
                servers.gunicorn(
                    app="floor.wsgi:application",
                    env=floor[1],
                    cwd=floor[0],
                    log=work / "gunicorn-floor.log",
                    port=ports["floor"],
                )
            )
            counterparts = None
            if bakerydemo is not None:
                stack.enter_context(
                    servers.gunicorn(
                        app="bakerydemo.wsgi:application",
                        env=bakerydemo[1],
                        cwd=bakerydemo[0],
                        log=work / "gunicorn-bakerydemo.log",
                        port=ports["bakerydemo"],
                        bin_dir=bakerydemo[2],
                    )
                )
                counterparts = bakerydemo_paths(f"http://127.0.0.1:{ports['bakerydemo']}")
            static = None
            if servers.nginx_available():
                static = f"http://127.0.0.1:{ports['nginx']}"
                stack.enter_context(
                    servers.nginx(
                        folder=folder / "nginx", port=ports["nginx"], log=work / "nginx.log"
                    )
                )
            front = None
            if servers.front_cache_available():
                front = f"https://127.0.0.1:{ports['front']}"
                stack.enter_context(
                    servers.front_cache(
                        folder=folder / "front-cache",
                        upstream=f"127.0.0.1:{ports['site']}",
                        https_port=ports["front"],
                        log=work / "nginx-front-cache.log",
                        static=folder / "nginx" / "html",
                    )
                )
            say("Pages sous charge, chacune à côté de ses références…")
            result["pages"] = measure_pages(
                urls=urls,
                site=site,
                floor=floor_url,
                static=static,
                front=front,
                html=folder / "nginx" / "html",
                seconds=args.seconds,
                bakerydemo=counterparts,
            )
            say("Recherche : API et page sur des requêtes variées…")
            result["search_http"] = searches.http_timings(site, rounds=args.search_rounds)
        say("Recherche : le moteur ou la base, à côté de la requête brute…")
        _python("bench.searches", "--json", str(folder / "search.json"), env=env, timeout=1800)
        result["search_engine"] = json.loads((folder / "search.json").read_text())
        say("Inscriptions simultanées aux dernières places d'un créneau…")
        _python("bench.signups", "--json", str(folder / "signups.json"), env=env, timeout=600)
        result["signups"] = json.loads((folder / "signups.json").read_text())
        if env["ELASTICSEARCH_URL"]:
            _drop_engine_indexes(env["ELASTICSEARCH_URL"], env["ELASTICSEARCH_INDEX_PREFIX"])
        if uploads:
            say("Envois : une photo de 24 mégapixels et une bombe de décompression…")
            _python("bench.uploads", "--json", str(folder / "uploads.json"), env=env, timeout=900)
            result["uploads"] = json.loads((folder / "uploads.json").read_text())
    return result


def _rebuild(size: int, work: Path) -> dict:
    """The indexing bench (``bench/rebuild.py``, written apart), when it is there."""
    if not (ROOT / "bench" / "rebuild.py").exists():
        return {"skipped": "bench/rebuild.py absent : reconstruction de l'index non mesurée"}
    out = work / f"rebuild-{size}.json"
    # Its contract is ``main(argv)``: called so, whether or not it runs as a script.
    call = "import sys; from bench.rebuild import main; main(sys.argv[1:])"
    try:
        subprocess.run(  # noqa: S603 -- our own interpreter and module
            [sys.executable, "-c", call, "--items", str(size), "--json", str(out)],
            cwd=ROOT,
            env={
                **os.environ,
                "PYTHONPATH": str(ROOT),
                "ELASTICSEARCH_URL": os.environ.get("ELASTICSEARCH_URL")
                or os.environ.get("OPENSEARCH_TEST_URL", ""),
            },
            check=True,
            timeout=6 * 3600,
        )
    except subprocess.CalledProcessError as error:
        return {"skipped": f"bench/rebuild.py a échoué (code {error.returncode})"}
    if not out.exists():
        return {"skipped": "bench/rebuild.py n'a pas écrit de résultat"}
    return json.loads(out.read_text())


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1 000 éléments seulement")
    parser.add_argument("--sizes", type=int, nargs="+")
    parser.add_argument("--seconds", type=float, help="durée de charge par page et référence")
    parser.add_argument("--search-rounds", type=int, default=3)
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument(
        "--bakerydemo",
        type=Path,
        default=os.environ.get("BAKERYDEMO") or None,
        help="un clone de bakerydemo : la référence de l'issue 16, servie à côté",
    )
    args = parser.parse_args(argv)
    # Stopped from outside: still stop the servers, drop the databases, remove the folder.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    sizes = args.sizes or ((QUICK_SIZE,) if args.quick else SIZES)
    args.seconds = args.seconds or (5 if args.quick else 10)
    started = time.monotonic()
    result: dict = {
        "date": datetime.datetime.now(tz=datetime.UTC).isoformat(timespec="seconds"),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "load_average_before": os.getloadavg(),
            "load_tool": "wrk" if shutil.which("wrk") else "python",
            "nginx": "present" if servers.nginx_available() else "absent",
            "front_cache": "present" if servers.front_cache_available() else "absent",
            "bakerydemo": "present" if args.bakerydemo else "absent",
        },
        "sizes": {},
    }
    with tempfile.TemporaryDirectory(prefix="gohelliades-bench-") as tmp:
        work = Path(tmp)
        say("Plancher du framework : le site que génère « wagtail start »…")
        floor = servers.floor_site(work / "floor")
        bakerydemo = None
        if args.bakerydemo:
            say("bakerydemo, la référence de l'issue 16 : installé, migré, ses données chargées…")
            bakerydemo = servers.bakerydemo_site(args.bakerydemo, work / "bakerydemo")
        for number, size in enumerate(sizes):
            measured = run_size(
                size,
                args=args,
                work=work,
                floor=floor,
                uploads=number == 0,
                bakerydemo=bakerydemo,
            )
            if "uploads" in measured:
                result["uploads"] = measured.pop("uploads")
            result["sizes"][str(size)] = measured
        # The rebuild beside a raw _bulk: at 10,000 items too in the quick run (the bulk
        # builder makes them in a minute), at every size otherwise.
        rebuild_sizes = args.sizes or (REBUILD_QUICK_SIZES if args.quick else SIZES)
        result["rebuild"] = {}
        for size in rebuild_sizes:
            say(f"Reconstruction de l'index à {size} éléments, à côté d'un _bulk brut…")
            result["rebuild"][str(size)] = _rebuild(size, work)
    result["machine"]["load_average_after"] = os.getloadavg()
    result["seconds"] = time.monotonic() - started
    paths = report.report_write(result, folder=args.out)
    say(f"Terminé en {result['seconds'] / 60:.0f} min : " + ", ".join(p.name for p in paths))
    return result


if __name__ == "__main__":
    main()
