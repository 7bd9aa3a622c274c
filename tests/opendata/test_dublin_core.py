"""The one Dublin Core mapping of an archive item, read by every open-data channel."""

import pytest

from archive.contributions.services import contribution_create
from archive.models import ItemKind
from opendata.dublin_core import dublin_core_items, item_dublin_core, items_dublin_core
from tests.factories.archive import (
    ArchiveCollectionFactory,
    ArchiveItemPageFactory,
    PlaceFactory,
    ThemeFactory,
    contribution_data,
    published,
)

pytestmark = pytest.mark.django_db

ROOT = "https://gohelliades.example"


def test_an_item_maps_to_dublin_core(archive_index):
    item = published(
        archive_index,
        title="La fanfare à la fosse 11",
        summary="La fanfare des mineurs défile.",
        kind=ItemKind.PHOTO,
        date_label="années 1950",
        year_start=1950,
        year_end=1959,
        credit="Club photo de Loos",
        collection=ArchiveCollectionFactory(name="Fonds Kowalski"),
    )
    item.themes.set([ThemeFactory(name="La fanfare")])
    item.places.set([PlaceFactory(name="Fosse 11")])
    item.save_revision().publish()

    record = item_dublin_core(item=item, root=ROOT)

    assert record.identifier == f"{ROOT}{item.url}"
    assert record.title == ["La fanfare à la fosse 11"]
    assert record.creator == ["Club photo de Loos"]
    assert record.date == ["1950/1959", "années 1950"]
    assert record.subject == ["La fanfare"]
    assert record.coverage == ["Fosse 11", "années 1950"]
    assert record.type == ["StillImage", "Photographie"]
    assert record.rights == ["CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/"]
    assert record.relation == ["Fonds Kowalski"]
    assert ("identifier", f"{ROOT}{item.url}") in list(record.elements())


def test_the_creator_is_the_name_the_contributor_chose_never_the_full_name(archive_index, editor):
    contribution = contribution_create(data=contribution_data(name_display="initial"))
    item = contribution.item.specific
    item.save_revision().publish()

    record = item_dublin_core(item=item, root=ROOT)

    assert record.creator == ["Jeannine D."]
    assert "Dupont-Kowalski" not in repr(record)
    assert "jeannine.dupont@example.org" not in repr(record)


def test_only_public_items_are_mapped(archive_index):
    published(archive_index, title="Visible")
    ArchiveItemPageFactory(parent=archive_index, title="Brouillon", live=False)

    titles = [record.title[0] for record in items_dublin_core(site_url=ROOT)]

    assert titles == ["Visible"]


@pytest.mark.parametrize("n", [1, 30])
def test_mapping_many_items_costs_the_same_queries(archive_index, django_assert_num_queries, n):
    for number in range(n):
        item = published(archive_index, title=f"Élément {number}")
        item.themes.set([ThemeFactory()])
        item.places.set([PlaceFactory()])

    # The items with their collection and recording, then themes, places, contributions,
    # festival links and their events, and the site's root for the addresses.
    with django_assert_num_queries(7):
        records = list(items_dublin_core(items=dublin_core_items(), site_url=ROOT))

    assert len(records) == n
