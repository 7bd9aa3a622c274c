"""Exact query counts of the pages every visitor and every crawler opens first.

The same count at 1 and 30 items: a query more per item (an N+1) or one more in all shows the
day it appears."""

import pytest

from tests.factories.archive import ArchiveItemPageFactory
from tests.factories.media import CustomImageFactory

pytestmark = pytest.mark.django_db


def _published_items(index, n, **fields):
    items = []
    for _ in range(n):
        item = ArchiveItemPageFactory(parent=index, cover_image=CustomImageFactory(), **fields)
        item.save_revision().publish()
        items.append(item)
    return items


@pytest.mark.parametrize("n", [1, 30])
def test_home_page_queries_do_not_grow(
    client, home_page, archive_index, django_assert_num_queries, n
):
    _published_items(archive_index, n, featured=True)
    client.get("/")  # renditions are made on the first view; count what every later one costs

    with django_assert_num_queries(10):
        response = client.get("/")

    assert response.status_code == 200
    assert response.content.decode().count('class="card"') == min(n, 6)


@pytest.mark.parametrize("n", [1, 30])
def test_sitemap_queries_do_not_grow(client, archive_index, django_assert_num_queries, n):
    _published_items(archive_index, n)

    # 9 for the pages, 1 for the public projects (none here: the section's list and tally),
    # 2 for the Ch'ti TAIDx's evenings and talks (none here: its page).
    with django_assert_num_queries(12):
        response = client.get("/sitemap.xml")

    assert response.status_code == 200
    # The home page, the index, the items, the projects' list and tally, the Ch'ti TAIDx page.
    assert response.content.decode().count("<url>") == n + 5
