"""Withdrawal: everything erased, an anonymous record kept, the address answers 410."""

import pytest
from django.core.files.storage import default_storage
from wagtail.models import ModelLogEntry
from wagtail.signals import page_unpublished

from archive.contributions.links import contribution_status_token
from archive.contributions.services import contribution_create
from archive.contributions.withdrawal import contribution_withdraw
from archive.models import (
    ArchiveItemPage,
    Contribution,
    Withdrawal,
    WithdrawalInitiator,
)
from media.models import CustomImage, MediaFile
from tests.archive.contributions.test_services import _photos, _publish
from tests.archive.helpers import describe_photos
from tests.factories.archive import contribution_data
from tests.factories.media import upload, wav_bytes

pytestmark = pytest.mark.django_db


def test_withdraw_erases_everything_and_keeps_anonymous_record(archive_index, client):
    received = []

    # What the search indexes listen to before the page is deleted.
    def listener(sender, instance, **kwargs):
        received.append((instance.pk, instance.url_path))

    page_unpublished.connect(listener)
    try:
        contribution = contribution_create(
            data=contribution_data(),
            photos=_photos(2),
            media_upload=upload(wav_bytes(), "voix.wav"),
        )
        describe_photos(contribution)
        item = _publish(contribution.item)
        url = item.url
        image = item.cover_image
        rendition = image.get_rendition("width-100")
        stored_files = [
            image.file.name,
            rendition.file.name,
            item.media_file.file.name,
            *[g.image.file.name for g in item.gallery_images.all()],
        ]
        assert client.get(url).status_code == 200

        withdrawal = contribution_withdraw(contribution=contribution)
    finally:
        page_unpublished.disconnect(listener)

    assert received == [(item.pk, item.url_path)]
    assert not Contribution.objects.exists()
    assert not ArchiveItemPage.objects.filter(pk=item.pk).exists()
    assert not CustomImage.objects.exists()
    assert not MediaFile.objects.exists()
    assert [default_storage.exists(name) for name in stored_files] == [False] * 4
    assert Withdrawal.objects.get() == withdrawal
    assert withdrawal.had_published_item is True
    response = client.get(url)
    assert response.status_code == 410
    assert "retiré" in response.content.decode()


def test_status_link_after_withdrawal_says_withdrawn(archive_index, client):
    contribution = contribution_create(data=contribution_data())
    token = contribution_status_token(contribution=contribution)

    contribution_withdraw(contribution=contribution)

    response = client.get(f"/contribuer/suivi/{token}/")
    assert response.status_code == 200
    assert "a été retiré" in response.content.decode()
    assert "Jeannine" not in response.content.decode()


def test_withdrawal_record_holds_no_personal_data(archive_index):
    contribution = contribution_create(data=contribution_data(), photos=_photos(1))

    withdrawal = contribution_withdraw(contribution=contribution)

    values = " ".join(str(getattr(withdrawal, f.attname)) for f in Withdrawal._meta.fields)
    for personal in ("Jeannine", "Dupont", "example.org", "06 12", "Sainte-Barbe"):
        assert personal not in values


def test_withdrawal_is_in_the_audit_log_without_personal_data(archive_index, django_user_model):
    editor = django_user_model.objects.create_user("editrice", "ed@exemple.fr", "pw")
    by_resident = contribution_create(data=contribution_data())
    on_request = contribution_create(data=contribution_data(title="Le lavoir"))

    contribution_withdraw(contribution=by_resident)
    contribution_withdraw(
        contribution=on_request, initiated_by=WithdrawalInitiator.EDITOR, user=editor
    )

    entries = ModelLogEntry.objects.filter(action="archive.withdrawal").order_by("pk")
    assert [entry.user for entry in entries] == [None, editor]
    labels = " ".join(entry.label for entry in entries)
    for personal in ("Jeannine", "Dupont", "Sainte-Barbe", "lavoir"):
        assert personal not in labels
