"""What the sources read as plain rows gives the documents what Wagtail itself would: the
item's address, and the thumbnail made for the image's focal point — an item's cover, an
event's image, a project's first photo alike."""

import pytest

from projects.models import ProjectStatus
from search.sources import SOURCES, THUMBNAIL_FILTER
from tests.factories.festival import EditionPageFactory, FestivalIndexPageFactory, event_at, paris
from tests.factories.media import CustomImageFactory
from tests.factories.projects import ProjectFactory, ProjectPhotoFactory
from tests.search.factories import archive_index, item

pytestmark = pytest.mark.django_db


def _document(obj, doc_type: str = "archive_item"):
    source = SOURCES[doc_type]
    (data,) = source.iter_data(source.queryset().filter(pk=obj.pk))
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


def test_events_and_projects_show_their_image_s_thumbnail(home_page):
    edition = EditionPageFactory(parent=FestivalIndexPageFactory(parent=home_page), year=2026)
    at = paris(2026, 6, 13, 15, 30)
    with_image = event_at(edition=edition, start=at, title="Bal", image=CustomImageFactory())
    without = event_at(edition=edition, start=at, title="Causerie", image=None)
    project = ProjectFactory(status=ProjectStatus.RUNNING)
    first, second = CustomImageFactory(), CustomImageFactory()
    ProjectPhotoFactory(project=project, image=first, position=0)
    ProjectPhotoFactory(project=project, image=second, position=1)

    assert _document(with_image, "event").thumbnail == (
        with_image.image.get_rendition(THUMBNAIL_FILTER).url
    )
    assert _document(without, "event").thumbnail == ""
    assert _document(project, "project").thumbnail == first.get_rendition(THUMBNAIL_FILTER).url
