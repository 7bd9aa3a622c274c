"""A bulk load (the demo) indexes what it saved once, at its end: the site search, the admin's
search and the images' « where used » all find it afterwards, none of them after each save."""

import pytest
from wagtail.models import ReferenceIndex

from archive.models import ArchiveItemPage
from core.indexing import indexing_deferred
from search.models import SearchEntry
from tests.factories.archive import ArchiveIndexPageFactory, ArchiveItemPageFactory
from tests.factories.media import CustomImageFactory

pytestmark = pytest.mark.django_db


def _indexed(item: ArchiveItemPage) -> tuple[bool, bool, bool]:
    return (
        SearchEntry.objects.filter(doc_type="archive_item", object_id=item.pk).exists(),
        ArchiveItemPage.objects.live().search("chevalement").count() == 1,
        ReferenceIndex.get_references_to(item.cover_image).exists(),
    )


def test_indexing_deferred_indexes_each_saved_object_once_at_the_end(home_page):
    index = ArchiveIndexPageFactory(parent=home_page)

    with indexing_deferred():
        item = ArchiveItemPageFactory(
            parent=index, title="Le chevalement sous la neige", cover_image=CustomImageFactory()
        )
        item.save_revision().publish()
        during = _indexed(item)

    assert during == (False, False, False)
    assert _indexed(item) == (True, True, True)


def test_indexing_deferred_gives_saves_back_their_own_indexing(
    home_page, django_capture_on_commit_callbacks
):
    index = ArchiveIndexPageFactory(parent=home_page)
    with indexing_deferred():
        pass

    with django_capture_on_commit_callbacks(execute=True):
        item = ArchiveItemPageFactory(
            parent=index, title="Le chevalement sous la neige", cover_image=CustomImageFactory()
        )
        item.save_revision().publish()

    assert _indexed(item) == (True, True, True)
