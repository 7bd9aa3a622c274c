"""Exact query count of an archive item's page, whatever it holds: gallery, themes, places and
related items. The same count with 1 and 30 of each shows an N+1 the day it appears."""

import pytest

from archive.models import ArchiveItemImage
from tests.factories.archive import ArchiveItemPageFactory, PlaceFactory, ThemeFactory
from tests.factories.media import CustomImageFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("n", [1, 30])
def test_item_page_queries_do_not_grow(client, archive_index, django_assert_num_queries, n):
    theme = ThemeFactory()
    item = ArchiveItemPageFactory(parent=archive_index, cover_image=CustomImageFactory())
    for position in range(n):
        ArchiveItemImage.objects.create(page=item, image=CustomImageFactory(), sort_order=position)
    item.themes.set([theme, *(ThemeFactory() for _ in range(n - 1))])
    item.places.set(PlaceFactory() for _ in range(n))
    item.save_revision().publish()
    for _ in range(n):
        related = ArchiveItemPageFactory(parent=archive_index, cover_image=CustomImageFactory())
        related.themes.set([theme])
        related.save_revision().publish()
    client.get(item.url)  # renditions are made on the first view; count what every later one costs

    # 20 for the item, 1 for the Ch'ti TAIDx talks it may record, 1 for the fifty-fifty
    # project it may have become (none here).
    # and 5 for its Dublin Core in the head (JSON-LD, description): the item with its
    # collection and recording, its themes, places, contributions and festival links.
    with django_assert_num_queries(18):
        response = client.get(item.url)

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<figure>") == n
