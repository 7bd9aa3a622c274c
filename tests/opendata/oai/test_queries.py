"""A page of a harvest costs the same queries whether it holds one record or thirty."""

import pytest
from django.utils import timezone
from lxml import etree

from opendata.models import DeletedRecord
from tests.factories.archive import ArchiveItemPageFactory, PlaceFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def _items(archive_index, n):
    for number in range(n):
        page = ArchiveItemPageFactory(parent=archive_index, live=False, title=f"Élément {number}")
        page.themes.set([ThemeFactory()])
        page.places.set([PlaceFactory()])
        page.save_revision().publish()
        DeletedRecord.objects.create(
            page_id=100_000 + number,
            identifier=f"oai:testserver:item/{100_000 + number}",
            datestamp=timezone.now(),
            set_specs=" kind:memory ",
        )


@pytest.mark.parametrize("n", [1, 30])
def test_list_records_queries_do_not_grow(client, archive_index, django_assert_num_queries, n):
    _items(archive_index, n)

    # The view restrictions (the public rule), the list's size (items, tombstones), the items
    # with their collection and recording, their themes, places, contributions and festival
    # links, the site's root for the addresses, and the tombstones.
    with django_assert_num_queries(10):
        response = client.get("/oai/", {"verb": "ListRecords", "metadataPrefix": "oai_dc"})

    assert response.content.decode().count("<record>") == 2 * n


@pytest.mark.parametrize("n", [1, 30])
def test_list_identifiers_queries_do_not_grow(client, archive_index, django_assert_num_queries, n):
    _items(archive_index, n)

    # The view restrictions, the list's size (items, tombstones), the items with their
    # collection, their themes, and the tombstones.
    with django_assert_num_queries(6):
        response = client.get("/oai/", {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc"})

    assert response.content.decode().count("<header") == 2 * n


def test_a_next_page_costs_no_count(client, archive_index, django_assert_num_queries, settings):
    settings.OAI_PAGE_SIZE = 5
    _items(archive_index, 10)
    first = client.get("/oai/", {"verb": "ListRecords", "metadataPrefix": "oai_dc"})
    token = etree.fromstring(first.content).findtext(
        ".//{http://www.openarchives.org/OAI/2.0/}resumptionToken"
    )

    # As the first page, without the counts (the token carries the size) nor the site's root
    # (cached by the first page).
    with django_assert_num_queries(6):
        client.get("/oai/", {"verb": "ListRecords", "resumptionToken": token})
