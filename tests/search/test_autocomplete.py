"""Suggestions while typing: the completion suggester and the edge n-grams on the real engine,
the database's titles without it."""

import pytest

from search import selectors, services
from tests.search.conftest import BACKENDS, answering_backend
from tests.search.factories import (
    CHURCH,
    CHURCH_BELLS,
    MINER,
    MINERS_PORTRAIT,
    SPOIL_TIP,
    archive_index,
    item,
)

ALL = (CHURCH, CHURCH_BELLS, MINER, MINERS_PORTRAIT, SPOIL_TIP)


def build_archive(home):
    index = archive_index(home)
    for fields in ALL:
        item(index, **fields)
    services.index_rebuild()


@pytest.fixture
def archive(search_engine, home_page):
    build_archive(home_page)


@pytest.fixture
def database_archive(home_page, settings):
    settings.ELASTICSEARCH_URL = ""
    build_archive(home_page)


@pytest.fixture(params=BACKENDS)
def any_archive(request, settings, home_page) -> str:
    """The archive on each engine and on the database; the backend's name as reported."""
    answering = answering_backend(request, settings)
    build_archive(home_page)
    return answering


def suggested(q):
    suggestions, engine_name = selectors.autocomplete(q)
    assert engine_name == "elasticsearch"
    return [suggestion["title"] for suggestion in suggestions]


def test_autocomplete_completes_the_words_being_typed(any_archive):
    suggestions, engine_name = selectors.autocomplete("sainte bar")

    assert engine_name == any_archive
    assert [suggestion["title"] for suggestion in suggestions] == [CHURCH["title"]]


@pytest.mark.integration
def test_autocomplete_completes_the_beginning_of_a_title(archive):
    assert suggested("min")[0] == MINERS_PORTRAIT["title"]


@pytest.mark.integration
def test_autocomplete_finds_a_word_inside_a_title(archive):
    assert suggested("terr") == [SPOIL_TIP["title"]]


@pytest.mark.integration
@pytest.mark.parametrize("typed", ["eglis", "l'eglis", "elgise saint"])
def test_autocomplete_forgives_missing_accents_and_a_typo(archive, typed):
    assert suggested(typed)[0] == CHURCH_BELLS["title"]


@pytest.mark.integration
def test_autocomplete_lists_each_title_once_with_its_link_and_kind(archive):
    suggestions, _ = selectors.autocomplete("eglise")

    titles = [suggestion["title"] for suggestion in suggestions]
    assert sorted(titles) == sorted([CHURCH["title"], CHURCH_BELLS["title"]])
    bells = next(s for s in suggestions if s["title"] == CHURCH_BELLS["title"])
    assert bells["url"].endswith("/")
    assert bells["kind"] == "photo"
    assert bells["kind_label"] == "Photographie"


@pytest.mark.integration
def test_autocomplete_keeps_to_the_limit(archive, home_page):
    suggestions, _ = selectors.autocomplete("le", limit=2)

    assert len(suggestions) == 2


@pytest.mark.integration
def test_autocomplete_api_answers_from_the_engine(archive, client):
    data = client.get("/api/search/autocomplete/", {"q": "min"}).json()

    assert data["engine"] == "elasticsearch"
    assert data["suggestions"][0]["title"] == MINERS_PORTRAIT["title"]
    assert data["suggestions"][0]["kind_label"] == "Photographie"


def test_autocomplete_without_engine_answers_from_the_database(database_archive, client):
    data = client.get("/api/search/autocomplete/", {"q": "eglise"}).json()

    assert data["engine"] == "database"
    assert CHURCH_BELLS["title"] in [suggestion["title"] for suggestion in data["suggestions"]]


def test_autocomplete_waits_for_two_letters(database_archive, client):
    data = client.get("/api/search/autocomplete/", {"q": "m"}).json()

    assert data == {"suggestions": [], "engine": "none"}
