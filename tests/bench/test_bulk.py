"""The bench's bulk builder: the items it writes a batch at a time are real, published pages,
seen by every channel of the public site exactly as items published through Wagtail."""

import re

import pytest
from django.utils import timezone
from wagtail.models import Page

from archive.demo import ensure_collections, ensure_places, ensure_themes
from archive.models import ArchiveItemPage, ItemKind
from archive.selectors import public_items
from bench import bulk
from festival.demo import PROGRAMME, ensure_venues
from festival.models import EventPage
from search import selectors, services
from search.models import SearchEntry, SearchFacetValue
from search.query import SearchParams
from tests.factories.archive import ArchiveIndexPageFactory, ArchiveItemPageFactory
from tests.factories.festival import EditionPageFactory, FestivalIndexPageFactory
from tests.factories.media import CustomImageFactory

pytestmark = pytest.mark.django_db

ITEMS = 30


@pytest.fixture
def no_engine(settings):
    settings.ELASTICSEARCH_URL = ""


def _shared(images: int = 2) -> bulk.Shared:
    return bulk.Shared(
        places=ensure_places(),
        themes=[theme for theme, _words in ensure_themes()],
        collections=ensure_collections(),
        images=[CustomImageFactory() for _ in range(images)],
        tape_file=None,
    )


def _sitemap_paths(client) -> set[str]:
    body = client.get("/sitemap.xml").content.decode()
    return {re.sub(r"^https?://[^/]+", "", url) for url in re.findall(r"<loc>([^<]+)</loc>", body)}


def test_bulk_items_are_public_pages_found_by_search_and_the_sitemap(home_page, client, no_engine):
    index = ArchiveIndexPageFactory(parent=home_page)
    published = ArchiveItemPageFactory(parent=index, title="Publié par Wagtail")

    built = bulk.items_bulk_create(parent=index, count=ITEMS, shared=_shared())

    items = list(ArchiveItemPage.objects.child_of(index).exclude(pk=published.pk))
    assert built.items == len(items) == ITEMS
    assert set(public_items().values_list("pk", flat=True)) == {published.pk} | {
        item.pk for item in items
    }
    # One in ten an interview with its passages, one in three of the rest a photo of its own.
    orals = [item for item in items if item.kind == ItemKind.ORAL_HISTORY]
    assert len(orals) == built.oral_histories == 3
    assert built.segments == 3 * bulk.SHORT_PASSAGES
    assert sum(item.cover_image_id is not None for item in items) == built.photos == 9
    # The tree is whole: Wagtail finds no fault and adds the next child after them.
    assert Page.find_problems() == ([], [], [], [], [])
    after = ArchiveItemPageFactory(parent=index, title="Publié après")
    assert after.path > max(item.path for item in items)
    assert index.get_children().count() == ITEMS + 2

    for item in items:
        response = client.get(item.url)
        assert response.status_code == 200, item.url
        assert item.title in response.content.decode()
    public_paths = {item.url for item in items} | {published.url, after.url}
    archive_paths = {path for path in _sitemap_paths(client) if path.startswith(index.url)}
    assert archive_paths - {index.url} == public_paths

    report = services.index_rebuild()
    assert set(
        SearchEntry.objects.filter(doc_type="archive_item").values_list("object_id", flat=True)
    ) == {item.pk for item in [*items, published, after]}
    assert SearchEntry.objects.filter(doc_type="segment").count() == built.segments
    assert report.documents == ITEMS + 2 + built.segments
    found = selectors.search_content(SearchParams(q=items[4].title))
    assert items[4].url in [hit.url for hit in found.results]
    photo = next(item for item in items if item.cover_image_id)
    assert SearchEntry.objects.get(doc_id=f"archive_item-{photo.pk}").thumbnail


def test_bulk_programme_is_served_and_indexed(home_page, client, no_engine):
    edition = EditionPageFactory(parent=FestivalIndexPageFactory(parent=home_page), year=2001)

    made = bulk.programme_bulk_create(
        edition=edition, venues=ensure_venues(), images=[CustomImageFactory()]
    )

    events = list(EventPage.objects.child_of(edition).live().order_by("path"))
    assert made == len(events) == len(PROGRAMME)
    assert all(event.occurrences.exists() for event in events)
    assert client.get(events[0].url).status_code == 200
    assert bulk.programme_bulk_create(edition=edition, venues=ensure_venues(), images=[]) == 0
    services.index_rebuild()
    assert SearchEntry.objects.filter(doc_type="event").count() == len(PROGRAMME)
    # Each event under its edition's year, as the programme and the search's facet show it.
    assert SearchFacetValue.objects.filter(facet="edition", value="2001").count() == len(PROGRAMME)
    assert timezone.localdate(events[0].occurrences.first().start).year == 2001
