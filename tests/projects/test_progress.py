"""Progress: the carriers' news waits for the team's review; the team's appears at once."""

import datetime

import pytest

from media.models import CustomImage
from projects.links import project_follow_path, project_follow_token
from projects.models import ProgressUpdate, ProjectStatus, Side, UpdateStatus
from projects.progress import ProgressError, progress_post, progress_review
from tests.factories.media import jpeg_with_gps_bytes, upload
from tests.factories.projects import ProgressUpdateFactory, ProjectFactory

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 5, 2)


def _follow(project) -> str:
    return project_follow_path(token=project_follow_token(project=project))


def test_residents_post_is_held_for_review_with_its_clean_photos():
    project = ProjectFactory(status=ProjectStatus.RUNNING)

    update = progress_post(
        project=project,
        side=Side.RESIDENTS,
        text="Les trous sont creusés.",
        happened_on=DAY,
        photos=[upload(jpeg_with_gps_bytes(), "IMG.jpg", "image/jpeg")],
    )

    assert update.status == UpdateStatus.PENDING
    assert update.reviewed_at is None
    photo = update.photos.get()
    assert photo.project == project
    assert photo.image is not None
    assert photo.raw.name == ""


def test_town_post_appears_at_once():
    project = ProjectFactory(status=ProjectStatus.AGREED)

    update = progress_post(project=project, side=Side.TOWN, text="Plants livrés.", happened_on=DAY)

    assert update.status == UpdateStatus.PUBLISHED


@pytest.mark.parametrize("status", [ProjectStatus.RECEIVED, ProjectStatus.COMPLETED])
def test_post_is_refused_before_the_agreement_and_after_the_end(status):
    project = ProjectFactory(status=status)

    with pytest.raises(ProgressError):
        progress_post(project=project, side=Side.RESIDENTS, text="Déjà ?", happened_on=DAY)

    assert ProgressUpdate.objects.count() == 0


def test_review_publishes_an_update():
    update = ProgressUpdateFactory()

    progress_review(update=update, publish=True)

    update.refresh_from_db()
    assert update.status == UpdateStatus.PUBLISHED
    assert update.reviewed_at is not None


def test_review_declines_an_update_and_erases_its_photos():
    project = ProjectFactory(status=ProjectStatus.RUNNING)
    update = progress_post(
        project=project,
        side=Side.RESIDENTS,
        text="Voici la rue.",
        happened_on=DAY,
        photos=[upload(jpeg_with_gps_bytes(), "IMG.jpg", "image/jpeg")],
    )

    progress_review(update=update, publish=False)

    update.refresh_from_db()
    assert update.status == UpdateStatus.DECLINED
    assert update.photos.count() == 0
    assert CustomImage.objects.count() == 0


def test_follow_page_posts_news_with_a_french_message(client, home_page):
    project = ProjectFactory(status=ProjectStatus.RUNNING)
    data = {"text": "Les plants sont en terre.", "happened_on": "2026-05-02"}
    data["photos"] = [upload(jpeg_with_gps_bytes(), "IMG.jpg", "image/jpeg")]

    response = client.post(_follow(project) + "nouvelles/", data, follow=True)

    update = ProgressUpdate.objects.get()
    assert (update.side, update.status) == (Side.RESIDENTS, UpdateStatus.PENDING)
    assert update.photos.count() == 1
    assert "une fois relues par l&#x27;équipe de la ville" in response.content.decode()


def test_follow_page_news_errors_are_french_with_the_text_kept(client, home_page):
    project = ProjectFactory(status=ProjectStatus.RUNNING)
    data = {"text": "Demain on plante.", "happened_on": "2999-01-01"}

    response = client.post(_follow(project) + "nouvelles/", data)

    html = response.content.decode()
    assert response.status_code == 200
    assert ProgressUpdate.objects.count() == 0
    assert "Cette date est à venir" in html
    assert "Demain on plante." in html


def test_follow_page_offers_news_only_once_agreed(client, home_page):
    received = ProjectFactory(status=ProjectStatus.RECEIVED)
    running = ProjectFactory(status=ProjectStatus.RUNNING)

    assert "Donner des nouvelles" not in client.get(_follow(received)).content.decode()
    assert "Donner des nouvelles" in client.get(_follow(running)).content.decode()
