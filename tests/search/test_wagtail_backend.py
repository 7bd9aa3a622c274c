"""Wagtail's own search (admin, page search) on its elasticsearch8 backend, on the real node."""

import pytest
from django.core.management import call_command
from wagtail.search.backends import get_search_backend

from archive.models import ArchiveItemPage
from tests.search.factories import MINER, SPOIL_TIP, archive_index, item

pytestmark = pytest.mark.integration


def test_wagtail_elasticsearch8_backend_indexes_and_searches_pages(
    search_engine, settings, home_page
):
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.elasticsearch8",
            "URLS": [search_engine.client_url],
            "INDEX": f"{settings.ELASTICSEARCH_INDEX_PREFIX}-wagtail",
            "TIMEOUT": 10,
            "ATOMIC_REBUILD": True,
        }
    }
    index = archive_index(home_page)
    item(index, **MINER)
    item(index, **SPOIL_TIP)

    call_command("update_index", stdout=None, verbosity=0)
    backend = get_search_backend()
    found = backend.search("terril", ArchiveItemPage.objects.live())

    assert [page.title for page in found] == [SPOIL_TIP["title"]]
