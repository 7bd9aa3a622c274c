"""The editors' import (zip + CSV, in the background, with progress and report) and export in
the Wagtail admin, for those given the permissions only."""

import csv
import io
import zipfile

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from archive.models import ArchiveItemPage
from opendata.bulk.models import ImportRun, ImportState
from tests.factories.archive import ArchiveItemPageFactory
from tests.opendata.bulk.conftest import png

pytestmark = pytest.mark.django_db

IMPORT_URL = "/admin/import-export/"
EXPORT_URL = "/admin/import-export/export/"


def _user(django_user_model, *permissions):
    user = django_user_model.objects.create_user("archiviste", "a@example.org", "pw")
    group = Group.objects.create(name="Archivistes")
    codenames = ["access_admin", *permissions]
    group.permissions.set(Permission.objects.filter(codename__in=codenames))
    user.groups.add(group)
    return user


def _metadata(rows: list[dict]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=["title", "licence", "files", "alt_text"])
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode()


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _send(client, *, rows, files, dry_run=False, capture):
    data = {
        "archive": SimpleUploadedFile("fonds.zip", _zip(files), "application/zip"),
        "metadata": SimpleUploadedFile("fonds.csv", _metadata(rows), "text/csv"),
    }
    if dry_run:
        data["dry_run"] = "on"
    with capture(execute=True):
        return client.post(IMPORT_URL, data)


ROWS = [
    {
        "title": "La fosse 11",
        "licence": "cc-by-4.0",
        "files": "photos/a.png",
        "alt_text": "Le chevalement",
    },
    {"title": "Le terril", "licence": "libre", "files": "photos/b.png", "alt_text": ""},
]


def test_admin_import_runs_in_the_background_and_shows_progress_and_report(
    client, archive_index, editor, django_capture_on_commit_callbacks
):
    client.force_login(editor)

    response = _send(
        client,
        rows=ROWS,
        files={"photos/a.png": png(1), "photos/b.png": png(2)},
        capture=django_capture_on_commit_callbacks,
    )

    run = ImportRun.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("opendata_bulk:run", args=[run.pk])
    assert (run.state, run.started_by, run.total, run.processed) == (ImportState.DONE, editor, 2, 2)
    assert (run.created, run.refused) == (1, 1)
    assert list(ArchiveItemPage.objects.values_list("title", "live")) == [("La fosse 11", True)]
    html = client.get(response.url).content.decode()
    assert "1 élément créé" in html
    assert "1 ligne refusée" in html
    assert 'http-equiv="refresh"' not in html
    report = client.get(reverse("opendata_bulk:report", args=[run.pk]))
    lines = list(csv.reader(io.StringIO(b"".join(report.streaming_content).decode())))
    assert lines[1][:2] == ["3", "licence"]
    assert lines[1][2].startswith("Licence « libre » inconnue.")


def test_a_running_import_page_refreshes_itself(client, archive_index, editor):
    client.force_login(editor)
    run = ImportRun.objects.create(
        started_by=editor,
        state=ImportState.RUNNING,
        total=500,
        processed=120,
        metadata_file="x.csv",
    )

    html = client.get(reverse("opendata_bulk:run", args=[run.pk])).content.decode()

    assert '<meta http-equiv="refresh" content="3">' in html
    assert '<progress max="500" value="120">24 %</progress>' in html


def test_admin_dry_run_writes_nothing(
    client, archive_index, editor, django_capture_on_commit_callbacks
):
    client.force_login(editor)

    _send(
        client,
        rows=ROWS[:1],
        files={"photos/a.png": png(1)},
        dry_run=True,
        capture=django_capture_on_commit_callbacks,
    )

    run = ImportRun.objects.get()
    assert (run.state, run.dry_run, run.created) == (ImportState.DONE, True, 1)
    assert ArchiveItemPage.objects.count() == 0


def test_a_bad_zip_fails_with_a_french_message(
    client, archive_index, editor, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    data = {
        "archive": SimpleUploadedFile("fonds.zip", b"pas un zip", "application/zip"),
        "metadata": SimpleUploadedFile("fonds.csv", _metadata(ROWS), "text/csv"),
    }
    with django_capture_on_commit_callbacks(execute=True):
        client.post(IMPORT_URL, data)

    run = ImportRun.objects.get()
    assert (run.state, run.error) == (
        ImportState.FAILED,
        "Le fichier envoyé n'est pas un zip lisible. Compressez le dossier à nouveau.",
    )


def test_a_zip_may_not_write_outside_its_folder(
    client, archive_index, editor, django_capture_on_commit_callbacks
):
    client.force_login(editor)

    _send(
        client,
        rows=ROWS[:1],
        files={"../evasion.png": png(1)},
        capture=django_capture_on_commit_callbacks,
    )

    assert (
        ImportRun.objects.get().error == "Le zip contient un chemin interdit : « ../evasion.png »."
    )


def test_the_form_says_what_to_send(client, archive_index, editor):
    client.force_login(editor)

    response = client.post(
        IMPORT_URL, {"metadata": SimpleUploadedFile("fonds.xlsx", b"PK", "application/zip")}
    )

    assert "Envoyez un fichier .csv" in response.content.decode()
    assert ImportRun.objects.count() == 0


def test_import_needs_the_import_permission(client, archive_index, django_user_model):
    client.force_login(_user(django_user_model))

    # Wagtail sends whoever lacks a permission back to the dashboard with a message.
    answers = [client.get(IMPORT_URL), client.post(IMPORT_URL, {}), client.get(EXPORT_URL)]

    assert [(answer.status_code, answer.url) for answer in answers] == [(302, "/admin/")] * 3
    assert ImportRun.objects.count() == 0


def test_an_archivist_with_the_permissions_imports_and_exports(
    client, archive_index, django_user_model
):
    client.force_login(_user(django_user_model, "add_importrun", "export_archive"))

    assert (client.get(IMPORT_URL).status_code, client.get(EXPORT_URL).status_code) == (200, 200)


def test_export_only_leads_to_the_export(client, archive_index, django_user_model):
    client.force_login(_user(django_user_model, "export_archive"))

    response = client.get(IMPORT_URL)

    assert (response.status_code, response.url) == (302, EXPORT_URL)
    assert client.post(IMPORT_URL, {}).url == "/admin/"


def test_admin_export_downloads_the_zip(client, archive_index, editor):
    item = ArchiveItemPageFactory(parent=archive_index, title="La fosse 11", live=False)
    item.save_revision().publish()
    client.force_login(editor)

    response = client.post(EXPORT_URL, {"collection": ""})

    data = b"".join(response.streaming_content)
    text = zipfile.ZipFile(io.BytesIO(data)).read("metadata.csv").decode("utf-8-sig")
    assert response["Content-Type"] == "application/zip"
    assert [row["title"] for row in csv.DictReader(io.StringIO(text))] == ["La fosse 11"]


@pytest.mark.parametrize("n", [1, 30])
def test_import_list_queries_do_not_grow(
    client, archive_index, editor, django_assert_num_queries, n
):
    client.force_login(editor)
    for _number in range(n):
        ImportRun.objects.create(started_by=editor, metadata_file="x.csv")

    with django_assert_num_queries(7):
        response = client.get(IMPORT_URL)

    assert response.content.decode().count("/admin/import-export/imports/") == n


def test_moderators_import_and_export_without_being_superusers(client, django_user_model):
    moderator = django_user_model.objects.create_user("moderatrice", "m@exemple.fr", "pw")
    moderator.groups.add(Group.objects.get(name="Modérateurs"))

    assert moderator.has_perm("opendata.add_importrun")
    assert moderator.has_perm("opendata.export_archive")
    client.force_login(moderator)
    assert client.get(reverse("opendata_bulk:import")).status_code == 200
    assert client.get(reverse("opendata_bulk:export")).status_code == 200
