"""Search answered by the database's own full-text index (no engine configured)."""

import pytest
from django.contrib.auth import get_user_model

from search import fallback, services
from search.models import SearchEntry
from search.query import SearchParams
from tests.search.factories import CHURCH, MINER, SPOIL_TIP, archive_index, item


@pytest.fixture
def archive(home_page, settings):
    settings.ELASTICSEARCH_URL = ""
    index = archive_index(home_page)
    items = {
        name: item(index, **fields)
        for name, fields in (("church", CHURCH), ("miner", MINER), ("tip", SPOIL_TIP))
    }
    services.index_rebuild()
    return index, items


def titles(q, **filters):
    return [hit.title for hit in fallback.search(SearchParams(q=q, filters=filters)).results]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("l'eglise", CHURCH["title"]),
        ("L’ÉGLISE saint vaast", CHURCH["title"]),
        ("mineurs", MINER["title"]),
        ("terri", SPOIL_TIP["title"]),
        ("puits 11", MINER["title"]),
    ],
)
def test_database_search_understands_french_as_typed(archive, typed, expected):
    assert titles(typed) == [expected]


def test_database_search_counts_every_facet_value(archive, home_page):
    index, _ = archive
    for year in range(1900, 2020, 10):  # twelve decades: more than any "top ten"
        item(
            index,
            title=f"Souvenir de la fosse en {year}",
            date_label=str(year),
            year_start=year,
            year_end=year,
        )
    services.index_rebuild()

    results = fallback.search(SearchParams(q="fosse"))

    decades = {facet["value"]: facet["count"] for facet in results.facets["decade"]}
    assert len(decades) == 12
    assert results.count == 13
    assert results.engine == "database"


def test_database_search_filters_by_decade_and_kind(archive):
    assert titles("", decade="1950") == [MINER["title"]]
    assert titles("", kind="photo") == [SPOIL_TIP["title"]]
    assert titles("terril", kind="memory") == []


def test_database_search_highlights_the_words_found(archive):
    results = fallback.search(SearchParams(q="mineurs"))

    assert "<mark>mineur</mark>" in results.results[0].excerpt


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


def test_search_api_answers_from_the_database_with_the_issue_shape(archive, client):
    response = client.get("/api/search/", {"q": "l'eglise saint vaast"})

    data = response.json()
    assert response.status_code == 200
    assert data["engine"] == "database"
    assert data["count"] == 1
    assert set(data["facets"]) == {"kind", "theme", "place", "decade", "collection", "edition"}
    hit = data["results"][0]
    assert hit["title"] == CHURCH["title"]
    assert "<mark>" in hit["excerpt"]
    assert {"url", "kind", "date", "place", "thumbnail", "timecode"} <= set(hit)


def test_search_page_shows_results_and_the_database_notice(archive, client):
    response = client.get("/recherche/", {"q": "mineurs"})

    page = response.content.decode()
    assert response.status_code == 200
    assert MINER["title"] in page
    assert "directement de la base de données" in page


def test_search_api_rejects_a_bad_parameter_with_a_400(archive, client):
    response = client.get("/api/search/", {"decade": "soixante"})

    assert response.status_code == 400


def test_autocomplete_completes_titles_from_the_database(archive, client):
    response = client.get("/api/search/autocomplete/", {"q": "sainte bar"})

    assert [s["title"] for s in response.json()["suggestions"]] == [CHURCH["title"]]


@pytest.mark.parametrize("n", [1, 30])
def test_search_page_queries_do_not_grow(
    home_page, settings, client, django_assert_max_num_queries, n
):
    settings.ELASTICSEARCH_URL = ""
    index = archive_index(home_page)
    for number in range(n):
        item(index, title=f"Souvenir de la fosse {number}")
    services.index_rebuild()

    # Below three results, one more looks for a « did you mean » in the index's words.
    with django_assert_max_num_queries(14):
        response = client.get("/recherche/", {"q": "fosse"})

    assert response.status_code == 200


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


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("minneur", "mineur"),
        ("terill", "terril"),
        ("l'eglize Saint-Vaast", "l'eglise Saint-Vaast"),
    ],
)
def test_database_search_suggests_a_known_word_when_nothing_is_found(archive, typed, expected):
    results = fallback.search(SearchParams(q=typed))

    assert results.count == 0
    assert results.suggestion == expected


def test_database_search_suggests_nothing_when_the_words_are_known(archive):
    assert fallback.search(SearchParams(q="terril")).suggestion is None
    assert fallback.search(SearchParams(q="terril mineur")).suggestion is None


def test_database_search_suggests_nothing_that_finds_no_more(archive):
    # « zzzzz » is like no word of the index: there is nothing better to offer.
    assert fallback.search(SearchParams(q="terril zzzzz")).suggestion is None


def test_search_api_gives_the_database_suggestion(archive, client):
    data = client.get("/api/search/", {"q": "minneur"}).json()

    assert data["engine"] == "database"
    assert data["count"] == 0
    assert data["suggestion"] == "mineur"
