"""The search page and its API: as many database queries at 30 matching items as at one, on
each engine and on the database's own index; the database answers when the engine cannot,
and a page says so when neither can."""

import pytest
from django.db import OperationalError, connection

from search import engine, fallback, selectors, services
from tests.search.factories import MINER, archive_index, item, item_at, mapped_archive, place

# The page's own reads: the places of the « near » control, the site, and its menu and footer
# (the footer's settings, the menu's pages): read again here because the first visit created the
# footer's settings, which renews the cache of the menu and footer (home.site_chrome). The
# view restrictions come from the cache (core.page_privacy).
PAGE_QUERIES = 4
# The database's search: its entries' generation (the facets are kept in memory), every
# match and the ranked page (one query on PostgreSQL, two on SQLite), the page's entries with
# their places.
DATABASE_SEARCH_QUERIES = {"postgresql": 3, "sqlite": 4}
# Below three results the database also looks up each typed word among its own words for a
# « did you mean » (the engines answer it within the search request)...
DATABASE_SUGGESTION_QUERIES = 1
# ...and, when the words are all known, weighs the phrases they are close to in one query.
DATABASE_PHRASE_QUERIES = 1


@pytest.mark.parametrize("n", [1, 30])
def test_search_page_queries_do_not_grow(backend, home_page, client, django_assert_num_queries, n):
    index = archive_index(home_page)
    for number in range(n):
        item(index, title=f"Souvenir de la fosse {number}")
    services.index_rebuild()
    client.get("/recherche/")  # the footer is created and the facets loaded on a first visit
    expected = PAGE_QUERIES
    if backend == "database":
        expected += DATABASE_SEARCH_QUERIES[connection.vendor]
        expected += DATABASE_SUGGESTION_QUERIES if n < 3 else 0

    with django_assert_num_queries(expected):
        response = client.get("/recherche/", {"q": "fosse"})

    assert response.status_code == 200
    assert response.context["results"].engine == backend
    assert response.context["results"].count == n


@pytest.mark.parametrize("n", [1, 30])
def test_search_page_phrase_suggestion_queries_do_not_grow(
    home_page, client, settings, django_assert_num_queries, n
):
    settings.ELASTICSEARCH_URL = ""
    engine.reset()
    index = mapped_archive(home_page)
    for number in range(n):
        item(index, title=f"Le saint patron de la fosse {number}")
    services.index_rebuild()
    client.get("/recherche/")
    words = 2  # « saint », « barbe »

    with django_assert_num_queries(
        PAGE_QUERIES
        + DATABASE_SEARCH_QUERIES[connection.vendor]
        + words * DATABASE_SUGGESTION_QUERIES
        + DATABASE_PHRASE_QUERIES
    ):
        response = client.get("/recherche/", {"q": "saint barbe"})

    assert response.context["results"].count == 1
    assert response.context["results"].suggestion == "sainte barbe"


def test_an_engine_answer_that_cannot_be_read_gives_the_database_s(
    home_page, settings, client, monkeypatch
):
    mapped_archive(home_page)
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # configured: the engine is asked first
    engine.reset()

    def unreadable(params):
        raise KeyError("hits")

    monkeypatch.setattr(selectors, "_engine_search", unreadable)
    page = client.get("/recherche/", {"q": "mineurs"})
    api = client.get("/api/search/", {"q": "mineurs"}).json()
    engine.reset()

    assert page.status_code == 200
    assert "directement de la base de données" in page.content.decode()
    assert api["engine"] == "database"
    assert [hit["title"] for hit in api["results"]] == [MINER["title"]]


def test_a_database_that_cannot_answer_gives_the_unavailable_page(
    home_page, settings, client, monkeypatch
):
    settings.ELASTICSEARCH_URL = ""
    engine.reset()

    def broken(params):
        raise OperationalError("disk I/O error")

    monkeypatch.setattr(fallback, "search", broken)
    page = client.get("/recherche/", {"q": "mineurs"})
    api = client.get("/api/search/", {"q": "mineurs"})

    assert page.status_code == 503
    assert "momentanément indisponible" in page.content.decode()
    assert api.status_code == 503


def test_active_filters_speak_the_interface_s_language_and_places_stay_french(
    backend, home_page, client
):
    index = archive_index(home_page)
    pit = place(name="Cité des Provinces", slug="cite-des-provinces")
    item_at(index, [pit], title="Le carreau de la fosse", year_start=1962, year_end=1962)
    services.index_rebuild()
    filters = {"q": "carreau", "decade": "1960", "place": pit.name}

    french = client.get("/recherche/", filters).content.decode()
    client.get("/langue/en/", {"next": "/"})
    english = client.get("/recherche/", filters).content.decode()

    assert "<li>années 1960 <a" in french
    assert '<span lang="fr">Cité des Provinces</span>' not in french
    assert "<li>1960s <a" in english
    assert '<li><span lang="fr">Cité des Provinces</span> <a' in english
