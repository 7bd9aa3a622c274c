import datetime
import io
import re

import pytest
from django.core import mail
from django.core.management import call_command
from PIL import Image
from wagtail.models import ModelLogEntry, WorkflowState

from archive.contributions.links import contribution_from_token, contribution_status_token
from archive.contributions.processing import contribution_process, contribution_retry
from archive.contributions.services import (
    contribution_create,
    contribution_decline,
    contribution_update,
)
from archive.models import (
    ArchiveItemPage,
    ContributionStatus,
    ItemKind,
)
from media.models import CustomImage
from tests.archive.helpers import describe_photos
from tests.factories.archive import (
    ArchiveIndexPageFactory,
    PlaceFactory,
    ThemeFactory,
    contribution_data,
)
from tests.factories.media import jpeg_with_gps_bytes, upload, wav_bytes

pytestmark = pytest.mark.django_db


def _photos(n=2):
    return [upload(jpeg_with_gps_bytes(), f"IMG_{i}.jpg", "image/jpeg") for i in range(n)]


def test_contribution_create_makes_draft_item_in_moderation(archive_index):
    place, theme = PlaceFactory(), ThemeFactory()

    contribution = contribution_create(
        data=contribution_data(place=place, themes=[theme]), photos=_photos(2)
    )

    assert contribution.status == ContributionStatus.IN_REVIEW
    item = contribution.item.specific
    assert item.live is False
    assert item.kind == ItemKind.PHOTO
    assert item.credit == "Jeannine D."
    assert list(item.places.all()) == [place]
    assert list(item.themes.all()) == [theme]
    assert item.date_start.year == 1960
    assert item.get_parent().specific == archive_index
    assert WorkflowState.objects.active().for_instance(item).exists()
    assert item.cover_image is not None
    assert item.gallery_images.count() == 1


def test_contribution_create_stores_clean_images_and_drops_raw_files(archive_index):
    contribution = contribution_create(data=contribution_data(), photos=_photos(1))

    stored = contribution.files.get()
    assert not stored.raw  # the raw upload, GPS and all, is gone
    with stored.image.file.open("rb") as f:
        data = f.read()
    assert dict(Image.open(io.BytesIO(data)).getexif()) == {}
    assert b"Jeannine" not in data


def test_contributed_photos_arrive_without_alt_text_but_with_their_credit(archive_index):
    contribution = contribution_create(data=contribution_data(), photos=_photos(2))

    images = CustomImage.objects.filter(pk__in=contribution.files.values("image"))
    assert [image.description for image in images] == ["", ""]
    assert [image.credit for image in images] == ["Jeannine D.", "Jeannine D."]


def test_contribution_create_mails_a_signed_status_link(
    archive_index, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        contribution = contribution_create(data=contribution_data(), site_url="https://loos.test/")

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["jeannine.dupont@example.org"]
    # The token is dated (signed with its time): read it back from the mail itself.
    [token] = re.findall(r"https://loos\.test/contribuer/suivi/([^/\s]+)/", message.body)
    assert contribution_from_token(token=token) == (contribution, None)


def test_status_token_cannot_be_forged(archive_index):
    contribution = contribution_create(data=contribution_data())
    token = contribution_status_token(contribution=contribution)

    assert contribution_from_token(token=token[:-2] + "xx") == (None, None)
    assert contribution_from_token(token=str(contribution.public_id)) == (None, None)


def test_contribution_with_audio_becomes_oral_history(archive_index):
    contribution = contribution_create(
        data=contribution_data(), media_upload=upload(wav_bytes(), "mamie.wav")
    )

    item = contribution.item.specific
    assert item.kind == ItemKind.ORAL_HISTORY
    assert item.media_file.kind == "audio"


def test_failure_after_storing_keeps_contribution_for_retry(
    home_page, django_capture_on_commit_callbacks
):
    # No archive index yet: the draft item cannot be created.
    with django_capture_on_commit_callbacks(execute=True):
        contribution = contribution_create(data=contribution_data(), photos=_photos(1))

    assert contribution.status == ContributionStatus.FAILED
    assert "index" in contribution.last_error
    assert contribution.files.get().raw  # the raw file is kept for the retry
    assert len(mail.outbox) == 1  # the contributor still has their link


def test_retry_processes_failed_contribution_once_possible(home_page):
    contribution = contribution_create(data=contribution_data(), photos=_photos(1))
    ArchiveIndexPageFactory(parent=home_page)

    [retried] = contribution_retry()

    assert retried.pk == contribution.pk
    assert retried.status == ContributionStatus.IN_REVIEW
    assert retried.item is not None
    assert contribution_retry() == []


def test_retry_command_reports_what_it_did(home_page, capsys):
    contribution_create(data=contribution_data())
    ArchiveIndexPageFactory(parent=home_page)

    call_command("retry_contributions")

    assert "1 contribution(s) reprise(s) : 1 en relecture, 0 en échec." in capsys.readouterr().out


def test_process_is_idempotent(archive_index):
    contribution = contribution_create(data=contribution_data(), photos=_photos(1))

    contribution_process(contribution=contribution)

    assert ArchiveItemPage.objects.count() == 1
    assert CustomImage.objects.count() == 1


def test_contribution_update_changes_draft_and_restarts_review(archive_index):
    contribution = contribution_create(data=contribution_data())

    contribution_update(
        contribution=contribution, data={"title": "La Sainte-Barbe, 1962", "story": "Corrigé."}
    )

    contribution.item.refresh_from_db()
    latest = contribution.item.get_latest_revision_as_object()
    assert latest.title == "La Sainte-Barbe, 1962"
    assert WorkflowState.objects.active().for_instance(contribution.item).count() == 1


def test_embargo_sets_go_live_date(archive_index):
    contribution = contribution_create(
        data=contribution_data(embargo_until=datetime.date(2031, 1, 1))
    )

    assert contribution.item.specific.go_live_at.date() == datetime.date(2031, 1, 1)


def _publish(item):
    item.get_latest_revision().publish()
    item.refresh_from_db()
    return item


def test_publishing_item_marks_contribution_published_and_mails(
    archive_index, django_capture_on_commit_callbacks
):
    contribution = contribution_create(data=contribution_data(), photos=_photos(1))
    describe_photos(contribution)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        _publish(contribution.item)

    contribution.refresh_from_db()
    assert contribution.status == ContributionStatus.PUBLISHED
    assert len(mail.outbox) == 1
    assert "publié" in mail.outbox[0].subject


def test_decline_is_in_the_audit_log_under_the_editor(archive_index, django_user_model):
    editor = django_user_model.objects.create_user("editrice", "ed@exemple.fr", "pw")
    contribution = contribution_create(data=contribution_data())

    contribution_decline(contribution=contribution, message="Hors sujet.", user=editor)

    entry = ModelLogEntry.objects.get(action="archive.contribution.decline")
    assert (entry.user, entry.object_id) == (editor, str(contribution.pk))
