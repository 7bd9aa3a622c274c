"""The API at ``/api/v2/``: public pages only, public fields only, a fixed number of queries."""

import json

import pytest

from archive.contributions.services import contribution_create
from archive.models import ItemKind
from tests.archive.test_public_channels import HIDDEN, HIDDEN_KINDS, VISIBLE, _world
from tests.factories.archive import (
    ArchiveCollectionFactory,
    PlaceFactory,
    ThemeFactory,
    contribution_data,
    published,
)
from tests.factories.festival import (
    EditionPageFactory,
    EventPageFactory,
    FestivalIndexPageFactory,
    paris,
)

pytestmark = pytest.mark.django_db


def _titles(response) -> list[str]:
    return [page["title"] for page in response.json()["items"]]


def test_the_pages_endpoint_lists_public_items_editions_and_events(
    client, home_page, archive_index
):
    item = published(archive_index, title="La fanfare à la fosse 11")
    festival = published(home_page, FestivalIndexPageFactory)
    edition = published(festival, EditionPageFactory, year=2026, title="Gohelliades 2026")
    published(edition, EventPageFactory, title="Le bal des mineurs")

    response = client.get("/api/v2/pages/", {"order": "title"})

    assert response.status_code == 200
    assert _titles(response) == [
        "Gohelliades 2026",
        "La fanfare à la fosse 11",
        "Le bal des mineurs",
    ]
    assert response.json()["items"][1]["meta"]["html_url"] == f"http://testserver{item.url}"


def test_an_item_detail_shows_its_public_fields_and_dublin_core(client, archive_index):
    item = published(
        archive_index,
        title="La fanfare à la fosse 11",
        summary="La fanfare des mineurs défile.",
        kind=ItemKind.PHOTO,
        date_label="années 1950",
        year_start=1950,
        year_end=1959,
        credit="Club photo de Loos",
        collection=ArchiveCollectionFactory(name="Fonds Kowalski", slug="fonds-kowalski"),
    )
    item.themes.set([ThemeFactory(name="La fanfare", slug="la-fanfare")])
    item.places.set([PlaceFactory(name="Fosse 11", slug="fosse-11")])
    item.save_revision().publish()

    data = client.get(f"/api/v2/pages/{item.pk}/").json()

    assert data["meta"]["type"] == "archive.ArchiveItemPage"
    assert data["kind"] == "photo"
    assert data["date_label"] == "années 1950"
    assert data["credit"] == "Club photo de Loos"
    assert data["themes"] == [
        {"id": item.themes.get().pk, "name": "La fanfare", "slug": "la-fanfare"}
    ]
    assert data["places"][0]["name"] == "Fosse 11"
    assert data["collection"]["name"] == "Fonds Kowalski"
    assert data["dublin_core"]["type"] == ["StillImage", "Photographie"]
    assert data["dublin_core"]["date"] == ["1950/1959", "années 1950"]
    assert data["dublin_core"]["identifier"] == f"http://testserver{item.url}"


def test_an_item_listing_of_one_type_shows_its_summary(client, archive_index):
    published(archive_index, title="Le terril", summary="Le terril 74.", kind=ItemKind.MEMORY)

    items = client.get("/api/v2/pages/", {"type": "archive.ArchiveItemPage"}).json()["items"]

    assert [(i["title"], i["summary"], i["kind"]) for i in items] == [
        ("Le terril", "Le terril 74.", "memory")
    ]


def test_an_event_detail_shows_its_dates_and_venue(client, home_page):
    festival = published(home_page, FestivalIndexPageFactory)
    edition = published(festival, EditionPageFactory, year=2026)
    event = EventPageFactory(parent=edition, live=False, title="Le bal des mineurs")
    event.occurrences.create(start=paris(2026, 6, 13, 21), end=paris(2026, 6, 13, 23))
    event.save_revision().publish()

    data = client.get(f"/api/v2/pages/{event.pk}/").json()

    assert data["title"] == "Le bal des mineurs"
    assert data["venue"]["town"] == "Loos-en-Gohelle"
    assert [o["start"] for o in data["occurrences"]] == ["2026-06-13T19:00:00+00:00"]


def test_the_contributors_personal_data_never_appears(client, archive_index, editor):
    contribution = contribution_create(data=contribution_data(name_display="initial"))
    item = contribution.item.specific
    item.save_revision().publish()

    detail = client.get(f"/api/v2/pages/{item.pk}/", {"fields": "*"}).content.decode()
    listing = client.get("/api/v2/pages/", {"type": "archive.ArchiveItemPage", "fields": "*"})

    assert "Jeannine D." in detail
    for text in (detail, listing.content.decode()):
        assert "Dupont-Kowalski" not in text
        assert "jeannine.dupont@example.org" not in text


def test_a_page_of_another_kind_is_not_in_the_api(client, home_page):
    response = client.get(f"/api/v2/pages/{home_page.pk}/")

    assert response.status_code == 404


def test_the_dublin_core_is_asked_one_item_at_a_time(client, archive_index):
    published(archive_index)

    response = client.get(
        "/api/v2/pages/", {"type": "archive.ArchiveItemPage", "fields": "dublin_core"}
    )

    assert response.status_code == 400


@pytest.mark.parametrize("hidden_kind", HIDDEN_KINDS)
def test_a_hidden_item_is_never_in_the_api(
    client, archive_index, editor, django_capture_on_commit_callbacks, hidden_kind
):
    _, visible, hidden = _world(
        archive_index, editor, django_capture_on_commit_callbacks, hidden_kind
    )

    listing = json.dumps(
        client.get("/api/v2/pages/", {"type": "archive.ArchiveItemPage", "fields": "*"}).json(),
        ensure_ascii=False,
    )
    search = json.dumps(client.get("/api/v2/pages/", {"search": HIDDEN}).json())

    assert VISIBLE in listing
    assert HIDDEN not in listing
    assert HIDDEN not in search
    assert client.get(f"/api/v2/pages/{hidden.pk}/").status_code == 404
    assert client.get(f"/api/v2/pages/{visible.pk}/").status_code == 200


@pytest.mark.parametrize("n", [1, 30])
def test_the_pages_listing_queries_do_not_grow(client, archive_index, django_assert_num_queries, n):
    for number in range(n):
        item = published(archive_index, title=f"Souvenir {number}")
        item.themes.set([ThemeFactory()])
        item.places.set([PlaceFactory()])
        item.save_revision().publish()

    with django_assert_num_queries(8):
        response = client.get("/api/v2/pages/", {"order": "id"})

    # Wagtail serves at most 20 a time (``WAGTAILAPI_LIMIT_MAX``); the count says all are there.
    assert response.json()["meta"]["total_count"] == n


@pytest.mark.parametrize("n", [1, 30])
def test_the_items_listing_with_every_field_queries_do_not_grow(
    client, archive_index, django_assert_num_queries, n
):
    collection = ArchiveCollectionFactory()
    for number in range(n):
        item = published(archive_index, title=f"Souvenir {number}", collection=collection)
        item.themes.set([ThemeFactory()])
        item.places.set([PlaceFactory()])
        item.save_revision().publish()

    with django_assert_num_queries(10):
        response = client.get("/api/v2/pages/", {"type": "archive.ArchiveItemPage", "fields": "*"})

    # Wagtail serves at most 20 a time (``WAGTAILAPI_LIMIT_MAX``); the count says all are there.
    assert response.json()["meta"]["total_count"] == n
