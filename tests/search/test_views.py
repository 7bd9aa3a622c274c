"""The search page's database queries: as many at 30 matching items as at one, on each engine
and on the database's own index."""

import pytest
from django.db import connection

from search import services
from tests.search.conftest import BACKENDS, answering_backend
from tests.search.factories import archive_index, item

# The page's own reads: the places of the « near » control, the site, its menu (pages and
# their view restrictions) and its footer.
PAGE_QUERIES = 5
# The database's search: its entries' generation (the facets are kept in memory), every
# match and the ranked page (one query on PostgreSQL, two on SQLite), the page's entries with
# their places.
DATABASE_SEARCH_QUERIES = {"postgresql": 3, "sqlite": 4}
# Below three results the database also looks up the typed word among its own words for a
# « did you mean » (the engines answer it within the search request).
DATABASE_SUGGESTION_QUERIES = 1


@pytest.fixture(params=BACKENDS)
def backend(request, settings) -> str:
    return answering_backend(request, settings)


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
