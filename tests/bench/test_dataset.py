"""The bench's dataset builder, at a tiny size: what it builds and the pages it points at."""

import pytest
from django.utils import timezone

from archive.models import ArchiveItemPage, ItemKind
from archive.transcripts.models import Segment
from bench.dataset import dataset_build
from festival.demo import edition_count
from festival.models import EditionPage
from festival.volunteers.models import Volunteer
from media.models import CustomImage

pytestmark = pytest.mark.django_db


# Building the festival's editions since 1984, the shared photos and an hour of recording takes a
# minute or more on a busy machine: once, for every check.
@pytest.mark.slow
def test_dataset_build_makes_items_in_proportion_festival_and_answering_pages(client):
    built = dataset_build(items=6, programmes=0, progress=False)

    items = ArchiveItemPage.objects.live()
    assert built.items == items.count() == 6
    # The first of every ten is an oral history (the first one an hour long), every third
    # item else a photo of its own.
    assert items.filter(kind=ItemKind.ORAL_HISTORY).count() == built.oral_histories == 1
    assert items.filter(cover_image__isnull=False).count() == built.photos == 2
    assert CustomImage.objects.filter(title__in=items.values("title")).count() == 2
    assert built.segments == Segment.objects.count() > 300
    assert (
        built.editions == EditionPage.objects.count() == edition_count(today=timezone.localdate())
    )
    # One volunteer per item, beside the demo's own.
    assert Volunteer.objects.filter(email__startswith="benevole-bench-").count() == 6
    assert built.volunteers == Volunteer.objects.count()
    assert built.urls["event"] == ""  # no programme asked for: no event to measure
    assert built.urls["oral_history"] != built.urls["archive_item"]
    for name, url in built.urls.items():
        if url:
            assert client.get(url).status_code == 200, name
