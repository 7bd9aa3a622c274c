"""A file the public may not download is still seen by the people whose work needs it: a
moderator the photos awaiting moderation, an editor a draft's recording, the fifty-fifty team
its projects' photos; and a public project's photos are served to anyone. Each is checked on
the embedded server and on the check nginx makes first, and a file sent only to the team is
never left in a cache."""

import pytest
from django.contrib.auth.models import Group

from archive.moderators import MODERATORS_GROUP
from home.groups import EDITORS_GROUP
from media.collections import PENDING, RESEARCH_ONLY, photo_collection
from projects.admin import TEAM_GROUP
from projects.models import ProjectStatus, UpdateStatus
from tests.factories.archive import ArchiveItemPageFactory
from tests.factories.media import CustomImageFactory
from tests.factories.projects import ProgressUpdateFactory, ProjectFactory, ProjectPhotoFactory
from tests.factories.transcripts import recording

pytestmark = pytest.mark.django_db

COORDINATORS = "Coordinateurs bénévoles"


def _sent(client, url: str) -> bool:
    """Handed out by the embedded server and allowed by the check nginx makes."""
    response = client.get(url)
    nginx = client.get("/-/media-check", headers={"x-original-uri": url})
    assert (response.status_code == 200) == (nginx.status_code == 204), url
    return response.status_code == 200


def _signed_in(client, django_user_model, group: str):
    user = django_user_model.objects.create_user(f"membre-{group}", "m@exemple.fr", "pw")
    user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    return client


def _private_photo(collection: str):
    image = CustomImageFactory(collection=photo_collection(name=collection))
    return image, image.get_rendition("fill-320x240").url


@pytest.mark.parametrize("collection", [PENDING, RESEARCH_ONLY])
def test_a_moderator_sees_a_private_photo_nobody_else_downloads(
    client, django_user_model, collection
):
    image, thumbnail = _private_photo(collection)

    assert not _sent(client, image.file.url)
    assert not _sent(client, thumbnail)

    _signed_in(client, django_user_model, MODERATORS_GROUP)
    assert _sent(client, image.file.url)
    response = client.get(thumbnail)
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]
    nginx = client.get("/-/media-check", headers={"x-original-uri": thumbnail})
    assert nginx["X-Media-Cache-Control"] == "private, no-store"


def test_a_volunteer_coordinator_does_not_see_a_photo_awaiting_moderation(
    client, django_user_model
):
    image, thumbnail = _private_photo(PENDING)
    _signed_in(client, django_user_model, COORDINATORS)

    assert not _sent(client, image.file.url)
    assert not _sent(client, thumbnail)


def test_a_public_file_is_sent_without_the_private_cache_header(client, django_user_model):
    image = CustomImageFactory()
    _signed_in(client, django_user_model, MODERATORS_GROUP)

    response = client.get(image.file.url)

    assert response.status_code == 200
    assert "private" not in response.get("Cache-Control", "")
    nginx = client.get("/-/media-check", headers={"x-original-uri": image.file.url})
    assert nginx.status_code == 204
    assert "X-Media-Cache-Control" not in nginx


def test_a_draft_recording_is_heard_by_its_editors_only(client, django_user_model, home_page):
    tape = recording(title="Bande du brouillon")
    ArchiveItemPageFactory(parent=home_page, live=False, media_file=tape)

    assert not _sent(client, tape.file.url)
    _signed_in(client, django_user_model, COORDINATORS)
    assert not _sent(client, tape.file.url)

    client.logout()
    _signed_in(client, django_user_model, EDITORS_GROUP)
    assert _sent(client, tape.file.url)


def _project_photo(**fields):
    """A project's photo, kept in the moderators' private collection as the proposal leaves
    it (``projects.photos.project_photos_clean``)."""
    photo = ProjectPhotoFactory(
        image=CustomImageFactory(collection=photo_collection(name=PENDING)), **fields
    )
    return photo, photo.image.get_rendition("fill-320x240").url


def test_a_public_projects_photos_are_served_to_anyone(client):
    photo, thumbnail = _project_photo()

    assert _sent(client, photo.image.file.url)
    assert _sent(client, thumbnail)


def test_a_hidden_projects_photos_are_served_to_the_team_only(client, django_user_model):
    hidden = ProjectFactory(status=ProjectStatus.UNCONFIRMED, show_publicly=True)
    _photo, thumbnail = _project_photo(project=hidden)
    private = ProjectFactory(status=ProjectStatus.RUNNING, show_publicly=False)
    private_photo, _ = _project_photo(project=private)

    assert not _sent(client, thumbnail)
    assert not _sent(client, private_photo.image.file.url)

    _signed_in(client, django_user_model, COORDINATORS)
    assert not _sent(client, thumbnail)

    client.logout()
    _signed_in(client, django_user_model, TEAM_GROUP)
    assert _sent(client, thumbnail)
    assert _sent(client, private_photo.image.file.url)


@pytest.mark.parametrize(
    ("status", "served"),
    [(UpdateStatus.PENDING, False), (UpdateStatus.DECLINED, False), (UpdateStatus.PUBLISHED, True)],
)
def test_an_updates_photos_are_served_once_the_update_is_published(client, status, served):
    project = ProjectFactory(status=ProjectStatus.RUNNING)
    update = ProgressUpdateFactory(project=project, status=status)
    photo, thumbnail = _project_photo(project=project, update=update)

    assert _sent(client, thumbnail) is served
    assert _sent(client, photo.image.file.url) is served
