"""The real search engine for the tests: an OpenSearch 2.19 node behind a header proxy.

The node is started once per test session by ``tools/opensearch/run.sh`` (or reused when one
already answers, e.g. started by ``.ci/run``); the proxy runs inside the pytest process. Each
test that asks for ``search_engine`` gets its own index prefix and leaves no index behind.
"""

import os
import shutil
import signal
import subprocess
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
import urllib3

from tests import environment
from tests.search.engine_proxy import EngineProxy

ROOT = Path(__file__).resolve().parents[2]
RUN_SCRIPT = ROOT / "tools" / "opensearch" / "run.sh"
NODE_URL = os.environ.get("OPENSEARCH_TEST_URL", "http://127.0.0.1:9250")
# Same default as run.sh, which writes the node's pid file there.
NODE_HOME = Path(os.environ.get("OPENSEARCH_HOME", "/tmp/gohelliades-opensearch"))  # noqa: S108


def _answers(url: str) -> bool:
    try:
        response = urllib3.request("GET", f"{url}/_cluster/health", timeout=2, retries=False)
    except urllib3.exceptions.HTTPError:
        return False
    return response.status == 200


@dataclass
class SearchNode:
    url: str
    proxy: EngineProxy

    @property
    def pid(self) -> int:
        return int((NODE_HOME / "node.pid").read_text())

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


def _start_node() -> None:
    """Start our test node the way .ci/run does, or skip naming what is missing."""
    service = "moteur de recherche"
    tools = [tool for tool in ("java", "javac", "mvn") if shutil.which(tool) is None]
    if tools:
        environment.skip_missing(
            service,
            f"{', '.join(tools)} introuvable(s) pour lancer le nœud OpenSearch de test "
            "(apt-get install openjdk-17-jdk-headless maven), ou un nœud déjà lancé à "
            "OPENSEARCH_TEST_URL",
        )
    port = NODE_URL.rsplit(":", 1)[-1]
    try:
        subprocess.run(  # noqa: S603 - our own script, fixed arguments
            [str(RUN_SCRIPT), "start"],
            check=True,
            env={**os.environ, "OPENSEARCH_PORT": port, "OPENSEARCH_HOME": str(NODE_HOME)},
            timeout=600,
        )
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
        environment.skip_missing(
            service,
            f"le nœud OpenSearch de test n'a pas démarré ({error}) : voir "
            f"{NODE_HOME / 'node.log'} ; Maven doit pouvoir télécharger ses paquets une "
            "première fois",
        )


@pytest.fixture(scope="session")
def search_node():
    started_here = False
    if not _answers(NODE_URL):
        _start_node()
        started_here = True
    environment.record_used("moteur de recherche", _node_version(NODE_URL))
    proxy = EngineProxy(NODE_URL).start()
    yield SearchNode(url=NODE_URL, proxy=proxy)
    proxy.stop()
    if started_here:
        subprocess.run(  # noqa: S603
            [str(RUN_SCRIPT), "stop"],
            check=False,
            env={**os.environ, "OPENSEARCH_HOME": str(NODE_HOME)},
        )


@pytest.fixture
def search_engine(search_node, settings):
    """Point the application at the node (through the proxy) with an index prefix of its own."""
    from search import engine

    prefix = f"test-{uuid.uuid4().hex[:10]}"
    settings.ELASTICSEARCH_URL = search_node.proxy.url
    settings.ELASTICSEARCH_INDEX_PREFIX = prefix
    engine.reset()
    yield search_node
    engine.reset()
    urllib3.request("DELETE", f"{search_node.url}/{prefix}-*", timeout=30, retries=False)
    # The node may have been frozen by a failing test: never leave it stopped for the next.
    search_node.thaw()
