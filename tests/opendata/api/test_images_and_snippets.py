"""The images endpoint lists only images the public may download; places, themes and
collections have small read-only endpoints."""

import pytest
from wagtail.models import Collection

from media.collections import PENDING
from tests.factories.archive import (
    ArchiveCollectionFactory,
    ArchiveItemPageFactory,
    PlaceFactory,
    ThemeFactory,
)
from tests.factories.media import CustomImageFactory

pytestmark = pytest.mark.django_db


def _titles(response) -> list[str]:
    return sorted(image["title"] for image in response.json()["items"])


def test_the_images_endpoint_lists_images_of_public_items(client, archive_index):
    item = ArchiveItemPageFactory(
        parent=archive_index, live=False, cover_image=CustomImageFactory(title="Photo publique")
    )
    item.save_revision().publish()
    draft = ArchiveItemPageFactory(
        parent=archive_index, live=False, cover_image=CustomImageFactory(title="Photo cachée")
    )
    draft.save_revision()

    response = client.get("/api/v2/images/")

    assert response.status_code == 200
    assert _titles(response) == ["Photo publique"]
    detail = client.get(f"/api/v2/images/{item.cover_image_id}/").json()
    assert detail["meta"]["download_url"].startswith("http://testserver/media/original_images/")
    assert client.get(f"/api/v2/images/{draft.cover_image_id}/").status_code == 404


def test_an_image_awaiting_moderation_is_not_listed(client, home_page):
    pending = Collection.get_first_root_node().add_child(name=PENDING)
    CustomImageFactory(title="En attente", collection=pending)
    CustomImageFactory(title="Affiche du festival")

    response = client.get("/api/v2/images/")

    assert _titles(response) == ["Affiche du festival"]


@pytest.mark.parametrize("n", [1, 30])
def test_the_images_listing_queries_do_not_grow(
    client, archive_index, django_assert_num_queries, n
):
    for number in range(n):
        item = ArchiveItemPageFactory(
            parent=archive_index, live=False, cover_image=CustomImageFactory(title=f"P{number}")
        )
        item.save_revision().publish()

    # What holds files back (contributions, projects) is read once for the whole page.
    with django_assert_num_queries(22):
        response = client.get("/api/v2/images/")

    assert response.json()["meta"]["total_count"] == n


def test_places_themes_and_collections_have_their_endpoints(client, home_page):
    PlaceFactory(name="Fosse 11", slug="fosse-11")
    ThemeFactory(name="La fanfare", slug="la-fanfare")
    ArchiveCollectionFactory(name="Fonds Kowalski", slug="fonds-kowalski")

    places = client.get("/api/v2/places/").json()["items"]
    themes = client.get("/api/v2/themes/").json()["items"]
    collections = client.get("/api/v2/collections/").json()["items"]

    assert [(p["name"], p["slug"]) for p in places] == [("Fosse 11", "fosse-11")]
    assert [t["name"] for t in themes] == ["La fanfare"]
    assert [c["name"] for c in collections] == ["Fonds Kowalski"]
    detail = client.get(f"/api/v2/places/{places[0]['id']}/").json()
    assert detail["kind"] == PlaceFactory._meta.model.objects.get().kind


@pytest.mark.parametrize("n", [1, 30])
def test_the_places_listing_queries_do_not_grow(client, home_page, django_assert_num_queries, n):
    for _ in range(n):
        PlaceFactory()

    with django_assert_num_queries(3):
        client.get("/api/v2/places/")
