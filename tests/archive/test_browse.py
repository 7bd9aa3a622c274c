import pytest

from archive.models import ArchiveItemImage
from tests.factories.archive import (
    ArchiveCollectionFactory,
    ArchiveItemPageFactory,
    PlaceFactory,
    ThemeFactory,
)
from tests.factories.media import CustomImageFactory

pytestmark = pytest.mark.django_db


def _items(index, n, **fields):
    items = []
    for _ in range(n):
        item = ArchiveItemPageFactory(parent=index, **fields)
        items.append(item)
    return items


def test_theme_page_lists_its_live_items(client, archive_index):
    theme = ThemeFactory(name="La Sainte-Barbe")
    [shown] = _items(archive_index, 1, title="La fanfare")
    shown.themes.set([theme])
    shown.save_revision().publish()
    hidden = ArchiveItemPageFactory(parent=archive_index, title="Brouillon", live=False)
    hidden.themes.set([theme])
    hidden.save()

    listing = client.get(f"{archive_index.url}themes/").content.decode()
    detail = client.get(f"{archive_index.url}themes/{theme.slug}/").content.decode()

    assert "La Sainte-Barbe" in listing and "1 élément" in listing
    assert "La fanfare" in detail
    assert "Brouillon" not in detail


def test_places_page_has_map_pins_and_text_list(client, archive_index):
    place = PlaceFactory(name="Base 11/19", alternative_names="Fosse 11/19")
    PlaceFactory(name="Sans coordonnées", latitude=None, longitude=None)

    html = client.get(f"{archive_index.url}lieux/").content.decode()

    assert "data-map" in html
    assert '"lat": 50.4574' in html
    assert "Sans coordonnées" in html  # listed as text even without a pin
    assert "Aussi appelé : Fosse 11/19" in html
    assert f"lieux/{place.slug}/" in html


def test_decade_timeline_and_decade_page(client, archive_index):
    ArchiveItemPageFactory(parent=archive_index, title="Années cinquante", date_label="1953")
    ArchiveItemPageFactory(parent=archive_index, title="Années soixante", date_label="vers 1965")

    timeline = client.get(f"{archive_index.url}decennies/").content.decode()
    fifties = client.get(f"{archive_index.url}decennies/1950/").content.decode()

    assert timeline.index("Années 1950") < timeline.index("Années 1960")
    assert "Années cinquante" in fifties
    assert "Années soixante" not in fifties
    assert client.get(f"{archive_index.url}decennies/1955/").status_code == 404


def test_collection_page(client, archive_index):
    collection = ArchiveCollectionFactory(name="Gohelliades 1984")
    ArchiveItemPageFactory(parent=archive_index, title="Affiche 1984", collection=collection)

    html = client.get(f"{archive_index.url}collections/{collection.slug}/").content.decode()

    assert "Gohelliades 1984" in html and "Affiche 1984" in html


@pytest.mark.parametrize("n", [1, 30])
def test_theme_page_queries_do_not_grow(client, archive_index, django_assert_num_queries, n):
    theme = ThemeFactory()
    image = CustomImageFactory()
    for item in _items(archive_index, n, cover_image=image):
        item.themes.set([theme])
    with django_assert_num_queries(15):
        response = client.get(f"{archive_index.url}themes/{theme.slug}/")
    assert response.status_code == 200


@pytest.mark.parametrize("n", [1, 30])
def test_places_page_queries_do_not_grow(client, archive_index, django_assert_num_queries, n):
    for _ in range(n):
        PlaceFactory()
    with django_assert_num_queries(14):
        assert client.get(f"{archive_index.url}lieux/").status_code == 200


@pytest.mark.parametrize("n", [1, 30])
def test_decades_page_queries_do_not_grow(client, archive_index, django_assert_num_queries, n):
    _items(archive_index, n)
    with django_assert_num_queries(14):
        assert client.get(f"{archive_index.url}decennies/").status_code == 200


def test_item_page_shows_gallery_credit_licence_and_citation(client, archive_index):
    place = PlaceFactory(name="Cité des Provinces")
    item = ArchiveItemPageFactory(
        parent=archive_index,
        title="Les lavoirs",
        credit="Marie D.",
        licence="cc-by-sa-4.0",
        date_label="années 50",
    )
    item.places.set([place])
    ArchiveItemImage.objects.create(page=item, image=CustomImageFactory(), caption="Le lavoir")
    item.save_revision().publish()

    html = client.get(item.url).content.decode()

    assert "Le lavoir" in html
    assert "CC BY-SA 4.0" in html
    assert "Citer cet élément" in html
    assert "Marie D., « Les lavoirs », années 50" in html
    assert "Cité des Provinces" in html
    assert "Vous reconnaissez quelqu'un ?" in html


@pytest.mark.parametrize("n", [1, 30])
def test_themes_page_queries_do_not_grow(client, archive_index, django_assert_num_queries, n):
    for item in _items(archive_index, n):
        item.themes.set([ThemeFactory()])
        item.save()
    with django_assert_num_queries(14):
        assert client.get(f"{archive_index.url}themes/").status_code == 200


@pytest.mark.parametrize("n", [1, 30])
def test_place_page_queries_do_not_grow(client, archive_index, django_assert_num_queries, n):
    place = PlaceFactory()
    image = CustomImageFactory()
    for item in _items(archive_index, n, cover_image=image):
        item.places.set([place])
        item.save()  # a parental many-to-many is written with its page
    with django_assert_num_queries(21):
        assert client.get(f"{archive_index.url}lieux/{place.slug}/").status_code == 200


@pytest.mark.parametrize("n", [1, 30])
def test_decade_page_queries_do_not_grow(client, archive_index, django_assert_num_queries, n):
    _items(archive_index, n, date_label="1955", year_start=1955, year_end=1955)
    with django_assert_num_queries(15):
        assert client.get(f"{archive_index.url}decennies/1950/").status_code == 200


@pytest.mark.parametrize("n", [1, 30])
def test_collections_page_queries_do_not_grow(client, archive_index, django_assert_num_queries, n):
    for _ in range(n):
        _items(archive_index, 1, collection=ArchiveCollectionFactory())
    with django_assert_num_queries(14):
        assert client.get(f"{archive_index.url}collections/").status_code == 200


@pytest.mark.parametrize("n", [1, 30])
def test_collection_page_queries_do_not_grow(client, archive_index, django_assert_num_queries, n):
    collection = ArchiveCollectionFactory()
    _items(archive_index, n, collection=collection, cover_image=CustomImageFactory())
    with django_assert_num_queries(22):
        assert client.get(f"{archive_index.url}collections/{collection.slug}/").status_code == 200
