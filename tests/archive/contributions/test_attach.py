"""Attaching a contribution to what the archive holds, and taking everything back."""

import os

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import ModelLogEntry, Revision, WorkflowState

from archive.contributions.services import contribution_attach, contribution_create
from archive.contributions.withdrawal import contribution_withdraw
from archive.models import ArchiveItemPage, Contribution, ContributionStatus, Tape
from media.audiovisual import caption_track_create
from media.models import CustomImage, MediaFile
from tests.archive.helpers import describe_photos
from tests.factories.archive import (
    ArchiveCollectionFactory,
    ArchiveItemPageFactory,
    contribution_data,
)
from tests.factories.media import CustomImageFactory, jpeg_with_gps_bytes, upload, wav_bytes
from tests.factories.transcripts import InterviewFactory, recording

pytestmark = pytest.mark.django_db

VTT = b"WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nBonjour, je m'appelle Marcel.\n"


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _photos(n):
    return [upload(jpeg_with_gps_bytes(), f"IMG_{i}.jpg", "image/jpeg") for i in range(n)]


def _approve(item, user):
    state = WorkflowState.objects.active().for_instance(item).get()
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, user, "approve")


def _files_under(root) -> list[str]:
    return [os.path.join(folder, name) for folder, _dirs, names in os.walk(root) for name in names]


@pytest.fixture
def existing(archive_index):
    item = ArchiveItemPageFactory(
        parent=archive_index,
        title="La Sainte-Barbe de 1962",
        cover_image=CustomImageFactory(title="Le cortège"),
        credit="Club photo de Loos",
    )
    item.save_revision().publish()
    return item


# Attach ----------------------------------------------------------------------------------------


def test_attach_moves_photos_and_story_into_the_existing_item(existing, editor):
    contribution = contribution_create(data=contribution_data(), photos=_photos(2))
    own_draft_pk = contribution.item.pk

    contribution_attach(contribution=contribution, item=existing, user=editor)

    contribution.refresh_from_db()
    assert contribution.item_id == existing.pk
    assert contribution.status == ContributionStatus.IN_REVIEW
    assert not ArchiveItemPage.objects.filter(pk=own_draft_pk).exists()
    draft = ArchiveItemPage.objects.get(pk=existing.pk).get_latest_revision_as_object()
    assert draft.cover_image.title == "Le cortège"
    assert [entry.image.title for entry in draft.gallery_images.all()] == [
        "La Sainte-Barbe à la fosse 11 (1)",
        "La Sainte-Barbe à la fosse 11 (2)",
    ]
    story = str(draft.story)
    assert "Souvenir transmis par Jeannine D." in story
    assert "Mon père remontait du fond." in story
    assert "Dupont-Kowalski" not in story
    assert draft.credit == "Club photo de Loos, Jeannine D."
    assert WorkflowState.objects.active().for_instance(existing).exists()


def test_attached_contribution_waits_for_review_then_is_published(
    existing, editor, client, django_capture_on_commit_callbacks
):
    contribution = contribution_create(data=contribution_data(), photos=_photos(1))
    contribution_attach(contribution=contribution, item=existing, user=editor)
    describe_photos(contribution)
    assert "Mon père remontait du fond." not in client.get(existing.url).content.decode()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        _approve(existing, editor)

    html = client.get(existing.url).content.decode()
    assert "Mon père remontait du fond." in html
    contribution.refresh_from_db()
    assert contribution.status == ContributionStatus.PUBLISHED
    [message] = mail.outbox
    assert message.to == ["jeannine.dupont@example.org"]


def test_attach_refused_without_web_consent(existing, editor):
    contribution = contribution_create(
        data=contribution_data(allow_web=False, allow_festival=True), photos=_photos(1)
    )

    with pytest.raises(ValidationError) as refused:
        contribution_attach(contribution=contribution, item=existing, user=editor)

    assert "n'a pas autorisé la publication sur le site" in str(refused.value)
    assert (
        ArchiveItemPage.objects.get(pk=existing.pk)
        .get_latest_revision_as_object()
        .gallery_images.count()
        == 0
    )


def test_attach_to_a_collection_files_the_draft(archive_index, editor):
    collection = ArchiveCollectionFactory(name="Fonds de la famille Kowalski")
    contribution = contribution_create(data=contribution_data())

    contribution_attach(contribution=contribution, collection=collection, user=editor)

    draft = ArchiveItemPage.objects.get(pk=contribution.item_id).get_latest_revision_as_object()
    assert draft.collection == collection


def test_attach_is_in_the_audit_log(existing, editor):
    contribution = contribution_create(data=contribution_data())

    contribution_attach(contribution=contribution, item=existing, user=editor)

    entry = ModelLogEntry.objects.get(action="archive.contribution.attach")
    assert entry.user == editor
    assert entry.data["item"] == existing.pk


def test_admin_attach_view_attaches_and_opens_the_item(client, editor, existing):
    client.force_login(editor)
    contribution = contribution_create(data=contribution_data())

    response = client.post(
        f"/admin/archive/contributions/{contribution.pk}/rattacher/", {"item": existing.pk}
    )

    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/{existing.pk}/edit/"
    contribution.refresh_from_db()
    assert contribution.item_id == existing.pk


def test_admin_attach_view_says_in_french_what_is_missing(client, editor, archive_index):
    client.force_login(editor)
    contribution = contribution_create(data=contribution_data())

    response = client.post(f"/admin/archive/contributions/{contribution.pk}/rattacher/", {})

    assert response.status_code == 200
    assert "Choisissez un élément, une collection, ou les deux." in response.content.decode()


# Withdrawal ----------------------------------------------------------------------------------


def test_withdraw_leaves_no_file_of_the_item_in_storage(media_root, archive_index, editor, client):
    contribution = contribution_create(
        data=contribution_data(),
        photos=_photos(2),
        media_upload=SimpleUploadedFile("souvenir.wav", wav_bytes(), "audio/wav"),
    )
    item = contribution.item.specific
    caption_track_create(
        media_file=item.media_file, upload=SimpleUploadedFile("a.vtt", VTT), label="Français"
    )
    interview = InterviewFactory(page=item)
    tape_recording = recording(title="Bande 1")
    Tape.objects.create(interview=interview, media_file=tape_recording, title="Bande 1")
    caption_track_create(
        media_file=tape_recording, upload=SimpleUploadedFile("b.vtt", VTT), label="Français"
    )
    describe_photos(contribution)
    _approve(item, editor)
    client.get(ArchiveItemPage.objects.get(pk=item.pk).url)  # makes the renditions
    assert CustomImage.objects.get(pk=item.cover_image_id).renditions.exists()
    assert len(_files_under(media_root)) >= 8

    contribution_withdraw(contribution=contribution)

    assert _files_under(media_root) == []
    assert not CustomImage.objects.exists()
    assert not MediaFile.objects.exists()


def test_withdraw_attached_contribution_takes_back_only_its_part(existing, editor, client):
    contribution = contribution_create(data=contribution_data(), photos=_photos(2))
    contribution_attach(contribution=contribution, item=existing, user=editor)
    describe_photos(contribution)
    _approve(existing, editor)
    assert "Mon père remontait du fond." in client.get(existing.url).content.decode()

    contribution_withdraw(contribution=contribution)

    item = ArchiveItemPage.objects.get(pk=existing.pk)
    assert item.live is True
    html = client.get(item.url).content.decode()
    assert "Mon père remontait du fond." not in html
    assert "Jeannine" not in html
    assert item.cover_image.title == "Le cortège"
    assert item.gallery_images.count() == 0
    assert CustomImage.objects.filter(title__startswith="La Sainte-Barbe à la fosse").count() == 0
    assert not Contribution.objects.exists()
    # No revision, not even an old one, still holds the story.
    assert not [r for r in Revision.objects.for_instance(item) if "remontait" in str(r.content)]


def test_attach_refused_when_already_published_on_its_own(existing, editor):
    contribution = contribution_create(data=contribution_data())
    _approve(contribution.item, editor)

    with pytest.raises(ValidationError) as refused:
        contribution_attach(contribution=contribution, item=existing, user=editor)

    assert "déjà publié comme élément à part" in str(refused.value)
    assert ArchiveItemPage.objects.get(pk=contribution.item_id).live is True
