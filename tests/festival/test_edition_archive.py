"""An edition's page shows its year in the archive (items and collection), its poster and
theme, through the archive's one public rule."""

import pytest

from tests.factories.archive import (
    ArchiveCollectionFactory,
    ArchiveItemPageFactory,
)
from tests.factories.festival import EditionPageFactory
from tests.factories.media import CustomImageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition_1984(festival_index):
    return EditionPageFactory(
        parent=festival_index, year=1984, title="Gohelliades 1984", slug="1984"
    )


def _item(index, title, date_label, **fields):
    return ArchiveItemPageFactory(
        parent=index, title=title, date_label=date_label, year_start=None, year_end=None, **fields
    )


def test_1984_edition_links_its_own_collection(client, archive_index, edition_1984):
    collection = ArchiveCollectionFactory(name="Gohelliades 1984")
    ArchiveCollectionFactory(name="Gohelliades 1985")

    html = client.get(edition_1984.url).content.decode()

    assert f'href="{archive_index.url}collections/{collection.slug}/"' in html
    assert "La collection « Gohelliades 1984 »" in html
    assert "Gohelliades 1985" not in html


def test_edition_shows_the_public_items_of_its_year(client, archive_index, edition_1984):
    _item(archive_index, "Le défilé de 1984", "juin 1984")
    _item(archive_index, "Les années quatre-vingt", "années 1980")
    _item(archive_index, "La grève de 1963", "1963")
    _item(archive_index, "Brouillon de 1984", "1984", live=False)

    html = client.get(edition_1984.url).content.decode()

    assert "Le défilé de 1984" in html and "Les années quatre-vingt" in html
    assert "La grève de 1963" not in html and "Brouillon de 1984" not in html
    assert f'href="{archive_index.url}decennies/1980/"' in html


def test_edition_without_items_invites_to_contribute(client, archive_index, edition_1984):
    html = client.get(edition_1984.url).content.decode()

    assert "L'archive n'a encore rien de 1984" in html
    assert "Gohelliades 1984 »" not in html  # no collection named after it


def test_edition_shows_its_poster_and_theme(client, festival_index):
    edition = EditionPageFactory(
        parent=festival_index,
        year=1990,
        theme="Les terrils, montagnes du Nord",
        image=CustomImageFactory(description="Affiche : un terril sous la lune"),
    )

    html = client.get(edition.url).content.decode()

    assert "Thème :</span> Les terrils, montagnes du Nord" in html
    assert 'alt="Affiche : un terril sous la lune"' in html
    assert "<figcaption>L'affiche des Gohelliades 1990</figcaption>" in html


@pytest.mark.parametrize("n", [1, 30])
def test_edition_archive_queries_do_not_grow(
    client, archive_index, edition_1984, django_assert_num_queries, n
):
    ArchiveCollectionFactory(name="Gohelliades 1984")
    image = CustomImageFactory()
    for number in range(n):
        _item(archive_index, f"Souvenir {number}", "1984", cover_image=image)
    client.get(edition_1984.url)  # renditions are made on the first view

    with django_assert_num_queries(13):
        response = client.get(edition_1984.url)

    assert response.status_code == 200
    assert response.content.decode().count('class="card"') == min(n, 6)
