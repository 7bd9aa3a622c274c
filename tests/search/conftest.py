"""The real search engines for the tests: Elasticsearch 8.19 and OpenSearch 2.19, each a node.

Production runs Elasticsearch 8; the engine tests run on both, and their ids say which
(``[elasticsearch]``, ``[opensearch]``):

- Elasticsearch 8.19 (``tools/elasticsearch/run.sh``), which the client talks to directly. It is
  built from Maven Central's artifacts, with a test-only plugin standing in for the analysis and
  ``GET /`` of modules that are not published there (see the plugin's header);
- OpenSearch 2.19 (``tools/opensearch/run.sh``), behind a header proxy run inside the pytest
  process (``engine_proxy.py``), since the Elasticsearch 8 client does not accept it as it is.

Each node is started once per test session when it does not answer already (e.g. started by
``.ci/run``), and stopped at the end if the session started it. Fixtures:

- ``search_engine``: parametrised over both engines; points the application at one, with an
  index prefix of its own, and leaves no index behind. ``search_node`` is its session half.
- ``opensearch_engine`` / ``elasticsearch_engine``: one engine, for a test about that engine or
  for the browser tests, which run on one engine. A fixture that runs its tests on each engine
  and on the database requests ``backend`` (or, when it must do more, takes
  ``params=BACKENDS`` and calls ``answering_backend``).
- A test that checks what one engine cannot do calls
  ``environment.skip_not_on_engine(node.name, "what is not covered")``.
"""

import os
import shutil
import signal
import subprocess
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import urllib3

from search.engine import alias_name, get_client
from search.engine import reset as reset_engine
from tests import environment
from tests.search.engine_proxy import EngineProxy

ROOT = Path(__file__).resolve().parents[2]
SERVICE = "moteur de recherche"


@dataclass(frozen=True)
class Engine:
    """One engine's test node: where it answers and how ``run.sh`` is told its port and home."""

    key: str
    name: str
    url: str
    home: Path
    port_variable: str
    home_variable: str
    behind_proxy: bool

    @property
    def run_script(self) -> Path:
        return ROOT / "tools" / self.key / "run.sh"


# Same defaults as each run.sh, which writes the node's pid file in its home.
ENGINES = {
    "elasticsearch": Engine(
        key="elasticsearch",
        name="Elasticsearch",
        url=os.environ.get("ELASTICSEARCH_TEST_URL", "http://127.0.0.1:9260"),
        home=Path(os.environ.get("ELASTICSEARCH_TEST_HOME", "/tmp/gohelliades-elasticsearch")),  # noqa: S108
        port_variable="ELASTICSEARCH_TEST_PORT",
        home_variable="ELASTICSEARCH_TEST_HOME",
        behind_proxy=False,
    ),
    "opensearch": Engine(
        key="opensearch",
        name="OpenSearch",
        url=os.environ.get("OPENSEARCH_TEST_URL", "http://127.0.0.1:9250"),
        home=Path(os.environ.get("OPENSEARCH_HOME", "/tmp/gohelliades-opensearch")),  # noqa: S108
        port_variable="OPENSEARCH_PORT",
        home_variable="OPENSEARCH_HOME",
        behind_proxy=True,
    ),
}
ENGINE_PARAMS = list(ENGINES)
DEFAULT_ENGINE = "elasticsearch"
# For a fixture that runs its tests on each engine and on the database (``answering_backend``).
BACKEND_PARAMS = [*ENGINE_PARAMS, "database"]
# The same, the engines marked as the external services they are.
BACKENDS = [pytest.param(name, marks=pytest.mark.integration) for name in ENGINE_PARAMS]
BACKENDS.append("database")


def _answers(url: str) -> bool:
    try:
        response = urllib3.request("GET", f"{url}/_cluster/health", timeout=2, retries=False)
    except urllib3.exceptions.HTTPError:
        return False
    return response.status == 200


@dataclass
class SearchNode:
    engine: Engine
    url: str
    proxy: EngineProxy | None = None

    @property
    def name(self) -> str:
        return self.engine.name

    @property
    def client_url(self) -> str:
        """What the application talks to: OpenSearch through the proxy, Elasticsearch directly."""
        return self.proxy.url if self.proxy is not None else self.url

    @property
    def pid(self) -> int:
        return int((self.engine.home / "node.pid").read_text())

    def freeze(self) -> None:
        """Stop the node's process (SIGSTOP): it keeps its socket but answers nothing."""
        os.kill(self.pid, signal.SIGSTOP)

    def thaw(self) -> None:
        os.kill(self.pid, signal.SIGCONT)


def _node_version(url: str) -> str:
    response = urllib3.request("GET", url, timeout=5, retries=False)
    version = response.json().get("version", {})
    engine = "OpenSearch" if version.get("distribution") == "opensearch" else "Elasticsearch"
    return f"{engine} {version.get('number', '?')}, nœud réel"


def _start_node(engine: Engine) -> None:
    """Start the engine's test node the way .ci/run does, or skip naming what is missing."""
    tools = [tool for tool in ("java", "javac", "mvn") if shutil.which(tool) is None]
    if tools:
        environment.skip_missing(
            SERVICE,
            f"{', '.join(tools)} introuvable(s) pour lancer le nœud {engine.name} de test "
            "(apt-get install openjdk-17-jdk-headless maven), ou un nœud déjà lancé à "
            f"{engine.key.upper()}_TEST_URL",
            variant=engine.name,
        )
    port = engine.url.rsplit(":", 1)[-1]
    try:
        subprocess.run(  # noqa: S603 - our own script, fixed arguments
            [str(engine.run_script), "start"],
            check=True,
            env={**os.environ, engine.port_variable: port, engine.home_variable: str(engine.home)},
            timeout=600,
        )
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
        environment.skip_missing(
            SERVICE,
            f"le nœud {engine.name} de test n'a pas démarré ({error}) : voir "
            f"{engine.home / 'node.log'} ; Maven doit pouvoir télécharger ses paquets une "
            "première fois",
            variant=engine.name,
        )


def _session_node(engine: Engine) -> Iterator[SearchNode]:
    started_here = False
    if not _answers(engine.url):
        _start_node(engine)
        started_here = True
    environment.record_used(SERVICE, _node_version(engine.url), variant=engine.name)
    proxy = EngineProxy(engine.url).start() if engine.behind_proxy else None
    yield SearchNode(engine=engine, url=engine.url, proxy=proxy)
    if proxy is not None:
        proxy.stop()
    if started_here:
        subprocess.run(  # noqa: S603
            [str(engine.run_script), "stop"],
            check=False,
            env={**os.environ, engine.home_variable: str(engine.home)},
        )


@pytest.fixture(scope="session")
def elasticsearch_node() -> Iterator[SearchNode]:
    yield from _session_node(ENGINES["elasticsearch"])


@pytest.fixture(scope="session")
def opensearch_node() -> Iterator[SearchNode]:
    yield from _session_node(ENGINES["opensearch"])


def pytest_generate_tests(metafunc):
    """Every test that reaches ``search_node`` runs once per engine, its id naming the engine."""
    if "search_node" in metafunc.fixturenames:
        metafunc.parametrize("search_node", ENGINE_PARAMS, indirect=True, scope="session")


@pytest.fixture(scope="session")
def search_node(request) -> SearchNode:
    # Asked for from inside another fixture (``getfixturevalue``), a test has no engine
    # parameter: it gets the production engine.
    return request.getfixturevalue(f"{getattr(request, 'param', DEFAULT_ENGINE)}_node")


def _use_node(node: SearchNode, settings, request) -> Iterator[SearchNode]:
    """Point the application at the node with an index prefix of its own; clean up after."""
    environment.record_use(request.node, SERVICE, node.name)
    prefix = f"test-{uuid.uuid4().hex[:10]}"
    settings.ELASTICSEARCH_URL = node.client_url
    settings.ELASTICSEARCH_INDEX_PREFIX = prefix
    reset_engine()
    yield node
    reset_engine()
    # The node may have been frozen by a failing test: never leave it stopped for the next.
    node.thaw()
    # By name: Elasticsearch 8 refuses wildcard deletes (action.destructive_requires_name), as
    # in production, and the test node keeps that default.
    listed = urllib3.request(
        "GET", f"{node.url}/_cat/indices/{prefix}-*?h=index&format=json", timeout=30, retries=False
    )
    names = [row["index"] for row in listed.json()] if listed.status == 200 else []
    if names:
        urllib3.request("DELETE", f"{node.url}/{','.join(names)}", timeout=30, retries=False)


@pytest.fixture
def search_engine(search_node, settings, request) -> Iterator[SearchNode]:
    yield from _use_node(search_node, settings, request)


@pytest.fixture
def elasticsearch_engine(elasticsearch_node, settings, request) -> Iterator[SearchNode]:
    yield from _use_node(elasticsearch_node, settings, request)


@pytest.fixture
def opensearch_engine(opensearch_node, settings, request) -> Iterator[SearchNode]:
    yield from _use_node(opensearch_node, settings, request)


def answering_backend(request, settings) -> str:
    """Put the engine ``request.param`` names in place, or none for "database"; returns what
    the application then reports as answering ("elasticsearch" for either engine)."""
    if request.param in ENGINES:
        request.getfixturevalue(f"{request.param}_engine")
        return "elasticsearch"
    settings.ELASTICSEARCH_URL = ""
    reset_engine()
    return "database"


@pytest.fixture(params=BACKENDS)
def backend(request, settings) -> str:
    """Each engine in turn, then the database: the backend's name as the results report it,
    "elasticsearch" or "database"."""
    return answering_backend(request, settings)


@pytest.fixture
def sync(django_capture_on_commit_callbacks, backend):
    """Run what an action schedules after its commit, and let the engine show it at once.

    With ``backend``: on the engines, the index is refreshed."""

    class Sync:
        def __enter__(self):
            self.capture = django_capture_on_commit_callbacks(execute=True)
            self.capture.__enter__()

        def __exit__(self, *exc):
            self.capture.__exit__(*exc)
            if backend == "elasticsearch" and exc[0] is None:
                get_client().indices.refresh(index=alias_name())

    return Sync()
