"""Search answered by the database's own full-text index (no engine configured)."""

import pytest
from django.contrib.auth import get_user_model

from search import fallback, services
from search.models import SearchEntry
from search.query import SearchParams
from tests.search.factories import CHURCH, MINER, SPOIL_TIP, indexed_archive, item


@pytest.fixture
def archive(home_page, settings):
    settings.ELASTICSEARCH_URL = ""
    return indexed_archive(home_page)


def titles(q, **filters):
    return [hit.title for hit in fallback.search(SearchParams(q=q, filters=filters)).results]


def test_unpublishing_removes_the_item_from_the_database_index(
    archive, django_capture_on_commit_callbacks
):
    _, items = archive
    with django_capture_on_commit_callbacks(execute=True):
        items["church"].unpublish()

    assert titles("eglise") == []
    assert not SearchEntry.objects.filter(doc_id=f"archive_item-{items['church'].pk}").exists()


def test_publishing_adds_the_item_to_the_database_index(
    archive, django_capture_on_commit_callbacks
):
    index, _ = archive
    new = item(index, title="La lampisterie de la fosse 12", live=False)
    assert titles("lampisterie") == []

    with django_capture_on_commit_callbacks(execute=True):
        new.save_revision().publish()

    assert titles("lampisterie") == ["La lampisterie de la fosse 12"]


def test_database_index_holds_no_personal_data(archive):
    _, items = archive
    editor = get_user_model().objects.create_user(
        "paulette", email="paulette.wiart@example.org", password="x", first_name="Paulette"
    )
    items["church"].owner = editor
    items["church"].save_revision(user=editor).publish()
    services.index_rebuild()

    stored = " ".join(
        f"{entry.title} {entry.body} {entry.url} {entry.thumbnail}"
        for entry in SearchEntry.objects.all()
    )
    assert "paulette" not in stored.lower()
    assert "example.org" not in stored


def test_search_api_rejects_a_bad_parameter_with_a_400(archive, client):
    response = client.get("/api/search/", {"decade": "soixante"})

    assert response.status_code == 400


def test_database_search_sorted_by_date_puts_the_newest_first_and_undated_last(archive):
    index, _ = archive
    item(index, title="Un souvenir sans date de la fosse", date_label="", year_start=None)
    services.index_rebuild()

    results = fallback.search(SearchParams(q="", sort="date"))

    assert [hit.title for hit in results.results] == [
        SPOIL_TIP["title"],
        CHURCH["title"],
        MINER["title"],
        "Un souvenir sans date de la fosse",
    ]


def test_database_facet_counts_follow_a_publication(archive, django_capture_on_commit_callbacks):
    index, _ = archive
    assert _decades(fallback.search(SearchParams(q=""))) == {"1950": 1, "1960": 1, "1970": 1}
    new = item(index, title="La lampisterie", date_label="1958", year_start=1958, live=False)

    with django_capture_on_commit_callbacks(execute=True):
        new.save_revision().publish()

    assert _decades(fallback.search(SearchParams(q=""))) == {"1950": 2, "1960": 1, "1970": 1}
    assert titles("", decade="1950") == ["La lampisterie", MINER["title"]]


def _decades(results) -> dict[str, int]:
    return {facet["value"]: facet["count"] for facet in results.facets["decade"]}


def test_search_api_gives_the_database_suggestion(archive, client):
    data = client.get("/api/search/", {"q": "minneur"}).json()

    assert data["engine"] == "database"
    assert data["count"] == 0
    assert data["suggestion"] == "mineur"


@pytest.mark.parametrize(
    ("q", "suggestion"),
    [
        ("saint barbe", "sainte barbe"),
        # No entry holds the whole phrase: the words around the change weigh it.
        ("Fête de la saint barbe", "Fête de la sainte barbe"),
    ],
)
def test_words_known_apart_are_offered_the_phrase_the_index_holds(archive, q, suggestion):
    # « saint » is a word of the index (« Saint-Vaast »): no single word is a typo.
    results = fallback.search(SearchParams(q=q))

    assert results.suggestion == suggestion


@pytest.mark.parametrize("q", ["sainte barbe", "l'église Saint-Vaast", "jusqu'à Lens"])
def test_a_phrase_the_index_holds_as_typed_is_offered_no_other(archive, q):
    results = fallback.search(SearchParams(q=q))

    assert results.count == 1
    assert results.suggestion is None


def test_search_page_offers_the_phrase_the_index_holds(archive, client):
    html = client.get("/recherche/", {"q": "saint barbe"}).content.decode()

    assert "Le jour de la Sainte-Barbe" in html
    assert 'Vouliez-vous dire <a href="?q=sainte%20barbe">sainte barbe</a>' in html
    assert titles("sainte barbe") == [CHURCH["title"]]  # what the suggestion finds


def test_search_page_offers_the_nearest_word_for_chevalment(archive_index, client, settings):
    """Issue 15's typo: « chevalment » finds nothing, the page offers « chevalement »."""
    settings.ELASTICSEARCH_URL = ""
    item(archive_index, title="Le chevalement du 11/19", summary="Il domine la cité.")
    services.index_rebuild()

    typo = client.get("/recherche/", {"q": "chevalment"}).content.decode()
    offered = client.get("/recherche/", {"q": "chevalement"}).content.decode()

    assert 'Vouliez-vous dire <a href="?q=chevalement">chevalement</a>' in typo
    assert "Le chevalement du 11/19" not in typo
    assert "Le chevalement du 11/19" in offered


def test_the_embedded_default_greets_no_visitor_with_an_engine_failure(archive, client):
    """No engine is configured: the database's search is the search, nothing failed."""
    page = client.get("/recherche/", {"q": "mineurs"})

    assert page.status_code == 200
    assert MINER["title"] in page.content.decode()
    assert "ne répond pas" not in page.content.decode()
    assert 'class="search-notice"' not in page.content.decode()
