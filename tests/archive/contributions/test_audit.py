"""After a withdrawal the audit log says that a memory was withdrawn, never which one or whose."""

import json

import pytest
from django.db import connection
from django.urls import reverse
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry, PageLogEntry

from archive.contributions.services import contribution_create
from archive.contributions.withdrawal import contribution_withdraw
from media.models import CustomImage
from tests.factories.archive import ArchiveItemPageFactory, contribution_data
from tests.factories.media import jpeg_with_gps_bytes, upload

pytestmark = pytest.mark.django_db

TITLE = "La Sainte-Barbe à la fosse 11"
NAME = "Jeannine Dupont-Kowalski"
EMAIL = "jeannine.dupont@example.org"


def _log_rows() -> list[str]:
    """Every column of every log entry, as the ORM reads it and as the database stores it."""
    rows = [str(row) for model in (ModelLogEntry, PageLogEntry) for row in model.objects.values()]
    with connection.cursor() as cursor:
        for table in (ModelLogEntry._meta.db_table, PageLogEntry._meta.db_table):
            cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 -- our own table names
            rows.extend(str(row) for row in cursor.fetchall())
    return rows


def test_withdrawal_scrubs_every_log_entry_of_title_name_and_address(client, editor, archive_index):
    contribution = contribution_create(
        data=contribution_data(title=TITLE, full_name=NAME, email=EMAIL),
        photos=[upload(jpeg_with_gps_bytes(), "IMG_1.jpg", "image/jpeg")],
    )
    photo = CustomImage.objects.get(pk=contribution.files.get().image_id)
    other_page = ArchiveItemPageFactory(parent=archive_index, title="Le carreau de la fosse 13")
    # Before the withdrawal the log speaks of it: declined in the admin, its photo described
    # in the library, an editor's note on another page naming its author.
    client.force_login(editor)
    client.post(
        reverse("archive_admin:decline", args=[contribution.pk]), {"message": "Trop floue."}
    )
    log(instance=photo, action="wagtail.edit", user=editor)
    log(
        instance=other_page,
        action="wagtail.edit",
        user=editor,
        data={"note": f"Voir avec {NAME} ({EMAIL}) pour « {TITLE} »"},
    )
    rows = _log_rows()
    assert any(TITLE in row for row in rows)
    assert any(NAME in row for row in rows)

    number = contribution.pk
    contribution_withdraw(contribution=contribution, user=editor)

    secrets = {TITLE, NAME, EMAIL, json.dumps(TITLE)[1:-1]}
    leaks = [row for row in _log_rows() for secret in secrets if secret.lower() in row.lower()]
    assert leaks == []
    withdrawal_entry = ModelLogEntry.objects.get(action="archive.withdrawal")
    assert withdrawal_entry.label == f"Contribution n° {number} retirée"
    assert withdrawal_entry.user_id == editor.pk
    # What happened, when and by whom stays: only the words are gone.
    assert ModelLogEntry.objects.filter(action="archive.contribution.decline").exists()
