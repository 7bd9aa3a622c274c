"""The run's closing line and CI's reading of skips (tests/environment.py)."""

from collections import Counter

import pytest

from tests import environment


@pytest.fixture
def fresh_record(monkeypatch):
    """A record of its own, so that this test leaves the run's real closing line alone."""
    monkeypatch.setattr(environment, "_used", {})
    monkeypatch.setattr(environment, "_skipped", {})
    monkeypatch.setattr(environment, "_tests", Counter())


class _Item:
    def __init__(self, *fixturenames):
        self.fixturenames = list(fixturenames)
        self.stash = pytest.Stash()


def test_closing_line_counts_the_tests_of_each_engine(fresh_record):
    service = "moteur de recherche"
    environment.record_used(service, "OpenSearch 2.19.6, nœud réel", variant="OpenSearch")
    environment.record_used(service, "Elasticsearch 8.19.21, nœud réel", variant="Elasticsearch")
    for variant in ("Elasticsearch", "Elasticsearch", "OpenSearch"):
        item = _Item("search_engine")
        environment.record_use(item, service, variant)
        environment.record_test(item)

    assert environment.describe(service) == (
        "Elasticsearch 8.19.21, nœud réel (2 tests) et OpenSearch 2.19.6, nœud réel (1 test)"
    )


def test_closing_line_says_which_engine_was_skipped_and_why(fresh_record):
    service = "moteur de recherche"
    environment.record_used(service, "OpenSearch 2.19.6, nœud réel", variant="OpenSearch")
    with pytest.raises(pytest.skip.Exception, match="Absent : moteur de recherche Elasticsearch"):
        environment.skip_missing(service, "mvn introuvable", variant="Elasticsearch")

    assert environment.describe(service) == (
        "Elasticsearch ignoré (mvn introuvable) et OpenSearch 2.19.6, nœud réel (0 test)"
    )


def test_ci_accepts_a_test_its_engine_cannot_run_but_not_a_missing_engine(fresh_record):
    with pytest.raises(pytest.skip.Exception) as not_on_engine:
        environment.skip_not_on_engine("Elasticsearch", "_reindex")
    with pytest.raises(pytest.skip.Exception) as missing:
        environment.skip_missing("moteur de recherche", "java introuvable", variant="OpenSearch")

    assert "Elasticsearch" in str(not_on_engine.value)
    assert "_reindex" in str(not_on_engine.value)
    assert not environment.is_missing_service_skip(str(not_on_engine.value))
    assert environment.is_missing_service_skip(str(missing.value))
