"""The test harness itself: a real OpenSearch node that the Elasticsearch 8 client accepts."""

import pytest
from elasticsearch import Elasticsearch
from elasticsearch.dsl import Document, Keyword, Text

pytestmark = pytest.mark.integration


class Note(Document):
    title = Text(analyzer="french")
    tag = Keyword()


def test_dsl_indexes_and_searches_through_the_proxy(search_engine):
    client = Elasticsearch(search_engine.proxy.url)
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


def test_node_is_opensearch_219_behind_the_proxy(search_engine):
    client = Elasticsearch(search_engine.proxy.url)

    version = client.info()["version"]

    assert version["distribution"] == "opensearch"
    assert version["number"].startswith("2.19.")
