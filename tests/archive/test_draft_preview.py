"""Moderators' « Voir le brouillon »: the draft as it would be published, never a 500."""

import pytest
from wagtail.models import Page

from archive.contributions.services import contribution_create
from archive.models import ArchiveItemImage
from tests.factories.archive import (
    ArchiveItemPageFactory,
    PlaceFactory,
    ThemeFactory,
    contribution_data,
)
from tests.factories.media import CustomImageFactory, jpeg_with_gps_bytes, upload
from tests.factories.transcripts import InterviewFactory, SegmentFactory

pytestmark = pytest.mark.django_db


def _view_draft(client, page: Page):
    return client.get(f"/admin/pages/{page.pk}/view_draft/")


def test_draft_of_a_published_item_shows_its_new_relations(editor_client, archive_index):
    neighbour = ArchiveItemPageFactory(parent=archive_index, title="La lampisterie en 1950")
    item = ArchiveItemPageFactory(parent=archive_index, title="Le carreau de la fosse 11")
    item.save_revision().publish()
    item.title = "Le carreau de la fosse 11, relu"
    item.related_items = [neighbour]
    item.places = [PlaceFactory(name="Base 11/19")]
    item.themes = [ThemeFactory(name="La mine")]
    item.gallery_images = [
        ArchiveItemImage(image=CustomImageFactory(), caption="Le chevalement vu du terril")
    ]
    item.save_revision()

    response = _view_draft(editor_client, item)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Le carreau de la fosse 11, relu" in html
    assert "La lampisterie en 1950" in html
    assert "Base 11/19" in html
    assert "La mine" in html
    assert "Le chevalement vu du terril" in html
    # The public page is unchanged until the draft is published.
    assert "La lampisterie en 1950" not in editor_client.get(item.url).content.decode()


def test_draft_does_not_show_a_related_item_the_public_may_not_see(editor_client, archive_index):
    hidden = ArchiveItemPageFactory(parent=archive_index, title="Brouillon voisin", live=False)
    item = ArchiveItemPageFactory(parent=archive_index, title="Le carreau de la fosse 11")
    item.related_items = [hidden]
    item.save_revision()

    response = _view_draft(editor_client, item)

    assert response.status_code == 200
    assert "Brouillon voisin" not in response.content.decode()


def test_draft_of_a_contribution_in_moderation(editor_client, archive_index):
    photo = upload(jpeg_with_gps_bytes(), "IMG_1.jpg", "image/jpeg")
    contribution = contribution_create(data=contribution_data(), photos=[photo, photo])

    response = _view_draft(editor_client, contribution.item)

    assert response.status_code == 200
    assert "La Sainte-Barbe à la fosse 11" in response.content.decode()


def test_draft_of_an_interview(editor_client, archive_index):
    interview = InterviewFactory(page__parent=archive_index, page__title="Entretien avec Marcel")
    SegmentFactory(interview=interview, text="On descendait au fond à quatorze ans.")
    page = interview.page
    page.save_revision()

    response = _view_draft(editor_client, page)

    assert response.status_code == 200
    assert "On descendait au fond à quatorze ans." in response.content.decode()
