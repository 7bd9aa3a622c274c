"""« Près d'un lieu »: a place chosen by name and a distance narrow the results, on the real
engine and on the database, through the page and the API."""

import pytest

from tests.search.conftest import BACKEND_PARAMS, answering_backend
from tests.search.factories import LENS, MINER, PIT_11_19, SPOIL_TIP, mapped_archive, place


@pytest.fixture(params=BACKEND_PARAMS)
def engine_name(request, settings, home_page):
    answering = answering_backend(request, settings)
    mapped_archive(home_page)
    return answering


def api(client, **params):
    data = client.get("/api/search/", params).json()
    return data, sorted(hit["title"] for hit in data["results"])


@pytest.mark.integration
def test_near_a_place_keeps_what_is_within_the_distance(client, engine_name):
    data, titles = api(client, place_near=PIT_11_19["slug"], km=2)

    assert data["engine"] == engine_name
    assert titles == [MINER["title"]]


@pytest.mark.integration
def test_near_a_place_widens_with_the_distance(client, engine_name):
    _, titles = api(client, place_near=PIT_11_19["slug"], km=5)

    assert titles == sorted([MINER["title"], SPOIL_TIP["title"]])


@pytest.mark.integration
def test_near_a_place_combines_with_the_words_typed(client, engine_name):
    _, titles = api(client, q="terril", place_near=LENS["slug"], km=1)

    assert titles == [SPOIL_TIP["title"]]
    _, titles = api(client, q="terril", place_near=PIT_11_19["slug"], km=1)
    assert titles == []


@pytest.mark.integration
def test_near_coordinates_give_the_same_answer_as_the_place(client, engine_name):
    _, by_place = api(client, place_near=LENS["slug"], km=2)
    _, by_point = api(client, lat=LENS["latitude"], lon=LENS["longitude"], km=2)

    assert by_place == by_point == [SPOIL_TIP["title"]]


@pytest.mark.integration
def test_search_page_shows_the_place_as_an_active_filter_that_can_be_removed(client, engine_name):
    response = client.get("/recherche/", {"q": "", "place_near": PIT_11_19["slug"], "km": "2"})
    html = response.content.decode()

    assert response.status_code == 200
    assert "1 résultat" in html
    assert MINER["title"] in html
    assert SPOIL_TIP["title"] not in html
    assert "À moins de 2 km de Base 11/19" in html
    assert 'aria-label="Retirer le filtre À moins de 2 km de Base 11/19"' in html
    assert f'<option value="{PIT_11_19["slug"]}" selected>' in html
    assert '<option value="2" selected>' in html

    removed = client.get("/recherche/", {"q": ""}).content.decode()
    assert "3 résultats" in removed


@pytest.mark.integration
def test_an_unknown_place_is_explained_and_the_words_typed_are_kept(client, engine_name):
    page = client.get("/recherche/", {"q": "terril", "place_near": "nulle-part"})
    html = page.content.decode()
    response = client.get("/api/search/", {"q": "terril", "place_near": "nulle-part"})

    assert page.status_code == 200
    assert "Ce lieu n&#x27;est pas connu" in html
    assert 'value="terril"' in html
    assert SPOIL_TIP["title"] in html
    assert response.status_code == 400
    assert "place_near" in response.json()["errors"]


def test_places_without_coordinates_are_not_offered(client, home_page, settings):
    settings.ELASTICSEARCH_URL = ""
    place(**PIT_11_19)
    place(name="Le coron disparu", slug="le-coron-disparu", latitude=None, longitude=None)

    html = client.get("/recherche/").content.decode()

    assert "Base 11/19" in html
    assert "Le coron disparu" not in html


def test_a_distance_out_of_the_list_is_explained_and_the_words_typed_are_kept(
    client, home_page, settings
):
    settings.ELASTICSEARCH_URL = ""
    place(**PIT_11_19)

    html = client.get("/recherche/", {"q": "terril", "km": "loin"}).content.decode()

    assert "Choisissez une distance dans la liste." in html
    assert 'aria-invalid="true" aria-describedby="km-error"' in html
    assert 'value="terril"' in html
