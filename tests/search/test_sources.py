"""What the sources read as plain rows gives the documents what Wagtail itself would: the
item's address, and the thumbnail made for the image's focal point."""

import pytest

from search.sources import SOURCES, THUMBNAIL_FILTER
from tests.factories.media import CustomImageFactory
from tests.search.factories import archive_index, item

pytestmark = pytest.mark.django_db


def _document(page):
    source = SOURCES["archive_item"]
    (data,) = source.iter_data(source.queryset().filter(pk=page.pk))
    return data


def test_thumbnails_are_wagtails_own_for_the_focal_point_made_when_missing(home_page):
    index = archive_index(home_page)
    plain = item(index, cover_image=CustomImageFactory())
    framed = item(
        index,
        cover_image=CustomImageFactory(
            focal_point_x=5, focal_point_y=5, focal_point_width=4, focal_point_height=4
        ),
    )
    never_made = _document(plain).thumbnail  # no thumbnail yet: made while indexing
    framed.cover_image.get_rendition("fill-320x240")  # the crop of the centre, made earlier
    framed.cover_image.focal_point_x = 1  # then the focal point moved: a new crop is due
    framed.cover_image.save()

    assert never_made == plain.cover_image.get_rendition(THUMBNAIL_FILTER).url
    assert _document(plain).thumbnail == never_made
    assert _document(framed).thumbnail == framed.cover_image.get_rendition(THUMBNAIL_FILTER).url
    assert framed.cover_image.renditions.filter(filter_spec="fill-320x240").count() == 2


def test_addresses_are_the_pages_own(home_page):
    index = archive_index(home_page)
    accented = item(index, slug="mémoire-de-la-fosse")

    assert _document(accented).url == accented.get_url()
    assert _document(accented).url.endswith("/m%C3%A9moire-de-la-fosse/")
