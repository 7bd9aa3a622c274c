"""The test harness itself: real engine nodes that the Elasticsearch 8 client accepts as they are
(Elasticsearch) or through the header proxy (OpenSearch)."""

import pytest
from elasticsearch import Elasticsearch
from elasticsearch.dsl import Document, Keyword, Text

from search import analysis

pytestmark = pytest.mark.integration

EXPECTED = {"Elasticsearch": ("elasticsearch", "8.19."), "OpenSearch": ("opensearch", "2.19.")}


class Note(Document):
    title = Text(analyzer=analysis.french_index, search_analyzer=analysis.french_search)
    tag = Keyword()


def test_dsl_indexes_and_searches_with_our_french_analysis(search_engine):
    client = Elasticsearch(search_engine.client_url)
    index = f"{client.info()['cluster_name']}-harness"
    Note.init(index=index, using=client)
    try:
        Note(title="Les mineurs de la fosse 11", tag="memoire").save(
            index=index, using=client, refresh=True
        )

        found = Note.search(index=index, using=client).query("match", title="mineur").execute()

        assert [hit.tag for hit in found] == ["memoire"]
    finally:
        client.indices.delete(index=index)


def test_node_is_the_engine_and_version_the_test_id_names(search_engine):
    client = Elasticsearch(search_engine.client_url)
    distribution, version = EXPECTED[search_engine.name]

    info = client.info()["version"]

    assert info.get("distribution", "elasticsearch") == distribution
    assert info["number"].startswith(version)
    assert client.ping()


def test_elasticsearch_is_reached_without_the_proxy(elasticsearch_engine):
    """The client's own product check passes on the node itself: nothing adapts its headers."""
    response = Elasticsearch(elasticsearch_engine.client_url).info()

    assert elasticsearch_engine.proxy is None
    assert elasticsearch_engine.client_url == elasticsearch_engine.url
    assert response.meta.headers["X-Elastic-Product"] == "Elasticsearch"
