"""The Elasticsearch node the tests run is the one production runs, to the patch."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_test_node_runs_the_elasticsearch_version_of_docker_compose():
    compose = (ROOT / "docker-compose.yml").read_text()
    pom = (ROOT / "tools" / "elasticsearch" / "pom.xml").read_text()

    [production] = re.findall(r"image:\s*elasticsearch:(\S+)", compose)
    [tested] = re.findall(r"<elasticsearch\.version>([^<]+)<", pom)

    assert tested == production
