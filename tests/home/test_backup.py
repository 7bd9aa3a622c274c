"""``manage.py backup`` then ``manage.py restore``: an emptied install comes back as it was.

Real files (photos, a WAV recording, a contributed JPEG) under a media folder of the test's own,
the real database (SQLite, or PostgreSQL with DATABASE_URL), the real search engine for the
engine test. The restore runs inside the test's transaction, so nothing outlives the test.
"""

import hashlib
import io
import json
import shutil
import zipfile
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.db import connection
from wagtail.models import Page, Site

from archive.contributions.services import contribution_create
from archive.models import ArchiveItemImage, ArchiveItemPage, Contribution, Interview, Segment
from festival.models import Signup, Volunteer
from home.backup import selectors, services
from search import services as search_services
from search.query import SearchParams
from search.selectors import search_content
from tests.factories.archive import (
    ArchiveIndexPageFactory,
    ArchiveItemPageFactory,
    PlaceFactory,
    ThemeFactory,
    contribution_data,
)
from tests.factories.festival import EditionPageFactory, FestivalIndexPageFactory
from tests.factories.media import CustomImageFactory, jpeg_with_gps_bytes, upload
from tests.factories.transcripts import InterviewFactory, OralHistoryPageFactory, recording
from tests.factories.volunteers import SignupFactory
from tests.search.conftest import opensearch_engine, opensearch_node  # noqa: F401 - the real engine

pytestmark = pytest.mark.django_db

TERRIL = "Le terril du 11/19 sous la neige"


@pytest.fixture
def media_root(settings, tmp_path) -> Path:
    """The uploads of this test only: emptying them must not touch other tests' files."""
    settings.MEDIA_ROOT = tmp_path / "media"
    yield settings.MEDIA_ROOT
    # The restore put content types back under their first ids; forget any cached since.
    ContentType.objects.clear_cache()
    Site.clear_site_root_paths_cache()


@pytest.fixture
def content(home_page, media_root):
    """A little of everything the site holds, built the way editors and visitors build it."""
    archive_index = ArchiveIndexPageFactory(parent=home_page)
    archive_index.save_revision().publish()
    place, theme = PlaceFactory(), ThemeFactory()

    photo = CustomImageFactory(title="Le terril en hiver")
    photo.get_rendition("fill-120x80")
    item = ArchiveItemPageFactory(
        parent=archive_index,
        title=TERRIL,
        kind="photo",
        summary="Les enfants descendaient le terril en luge.",
        cover_image=photo,
    )
    item.places = [place]
    item.themes = [theme]
    item.save()
    ArchiveItemImage.objects.create(page=item, image=CustomImageFactory(), sort_order=0)

    oral = OralHistoryPageFactory(
        parent=archive_index, media_file=recording(seconds=1.0, title="Entretien Marcel")
    )
    interview = InterviewFactory(page=oral)
    Segment.objects.create(interview=interview, start=0, end=4_000, text="On descendait au fond.")

    contribution_create(
        data=contribution_data(place=place, themes=[theme], allow_research=True),
        photos=[upload(jpeg_with_gps_bytes(), "IMG_0001.jpg", "image/jpeg")],
    )

    festival = FestivalIndexPageFactory(parent=home_page)
    SignupFactory(shift__edition=EditionPageFactory(parent=festival, year=2031))
    get_user_model().objects.create_superuser("editrice", "editrice@example.org", "secret-pw")
    search_services.index_rebuild()
    return {"item": item, "archive_index": archive_index}


def site_state() -> dict:
    """What a person would check after a restore: pages, items, people, files and their
    checksums as the storage holds them."""
    files = {}
    for stored in selectors.stored_files():
        with stored.storage.open(stored.name, "rb") as handle:
            files[stored.member] = hashlib.sha256(handle.read()).hexdigest()
    return {
        "pages": list(
            Page.objects.order_by("path").values_list(
                "id", "content_type__model", "title", "url_path", "live", "latest_revision_id"
            )
        ),
        "items": [
            (
                item.pk,
                item.title,
                item.kind,
                item.summary,
                item.cover_image_id,
                item.media_file_id,
                sorted(item.places.values_list("pk", flat=True)),
                sorted(item.themes.values_list("pk", flat=True)),
                list(item.gallery_images.values_list("image_id", flat=True)),
            )
            for item in ArchiveItemPage.objects.order_by("pk")
        ],
        "transcripts": list(
            Interview.objects.values_list("page_id", "segments__text").order_by("pk")
        ),
        "contributions": list(
            Contribution.objects.order_by("pk").values_list(
                "public_id",
                "email",
                "status",
                "allow_web",
                "allow_festival",
                "allow_research",
                "consented_at",
                "item_id",
            )
        ),
        "volunteers": list(
            Volunteer.objects.order_by("pk").values_list("email", "name", "consented_at")
        ),
        "signups": list(Signup.objects.order_by("pk").values_list("shift_id", "status")),
        "users": list(
            get_user_model()
            .objects.order_by("pk")
            .values_list("username", "password", "is_superuser")
        ),
        "files": files,
    }


def empty_install(media_root: Path) -> None:
    """Every table and every upload gone, as on a new machine."""
    if connection.vendor == "postgresql":
        connection.check_constraints()  # TRUNCATE refuses while the test's checks are pending
    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(media_root, ignore_errors=True)


def files_under(folder: Path) -> list[Path]:
    return [path for path in folder.rglob("*") if path.is_file()] if folder.exists() else []


def test_restore_brings_an_emptied_install_back_to_the_backup(content, media_root, tmp_path):
    before = site_state()
    archive = tmp_path / "sauvegarde.zip"
    out = io.StringIO()
    call_command("backup", str(archive), stdout=out)
    assert "Sauvegarde écrite" in out.getvalue()
    empty_install(media_root)
    assert not Page.objects.exists()
    assert not files_under(media_root)

    out = io.StringIO()
    call_command("restore", str(archive), stdout=out)

    assert site_state() == before
    assert out.getvalue().strip().splitlines()[-1].startswith("Restauration terminée : ")
    # Photos and their renditions, the recording, the contributed photo once cleaned.
    assert {member.split("/")[1] for member in before["files"]} >= {
        "media.customimage.file",
        "media.customrendition.file",
        "media.mediafile.file",
    }
    hits = search_content(SearchParams(q="terril neige")).results
    assert [hit.title for hit in hits] == [TERRIL]
    # Sequences were moved past the restored ids: the site can go on adding pages.
    newer = ArchiveItemPageFactory(parent=content["archive_index"], title="Après la restauration")
    assert newer.pk > max(page_id for page_id, *_rest in before["pages"])


def test_backup_manifest_lists_every_file_with_its_checksum(content, tmp_path):
    report = services.backup_create(destination=tmp_path / "s.zip")

    with zipfile.ZipFile(report.path) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        for entry in manifest["files"]:
            assert hashlib.sha256(archive.read(entry["path"])).hexdigest() == entry["sha256"]
        members = set(archive.namelist())
    assert members == {"manifest.json"} | {entry["path"] for entry in manifest["files"]}
    assert manifest["version"] == services.application_version()
    assert manifest["counts"]["archive_items"] == 3  # the photo, the interview, the contribution
    assert manifest["counts"]["volunteers"] == 1
    assert manifest["migrations"] == selectors.applied_migrations()
    assert not manifest["missing"]


def _tampered_copy(archive: Path, member: str) -> Path:
    """The same archive with one member's content changed and its manifest left as it was."""
    tampered = archive.with_name("modifiee.zip")
    with zipfile.ZipFile(archive) as source, zipfile.ZipFile(tampered, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == member == "database.jsonl":
                data = data.replace(TERRIL.encode(), b"Le terril du 11/19 sous la pluie")
            elif info.filename == member:
                data = data[:-1] + bytes([data[-1] ^ 1])
            target.writestr(info, data)
    return tampered


@pytest.mark.parametrize("member", ["database.jsonl", "a photo"])
def test_restore_refuses_a_tampered_archive_before_writing_anything(
    content, media_root, tmp_path, member
):
    report = services.backup_create(destination=tmp_path / "s.zip")
    if member == "a photo":
        member = next(f"files/{f}" for f in _members(report.path) if "original_images" in f)
    tampered = _tampered_copy(report.path, member)
    empty_install(media_root)

    with pytest.raises(CommandError, match="ne correspond pas à son empreinte SHA-256") as error:
        call_command("restore", str(tampered), stdout=io.StringIO())

    assert "Rien n'a été écrit" in str(error.value)
    assert not Page.objects.exists()
    assert not files_under(media_root)


def _members(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as archive:
        return [name.removeprefix("files/") for name in archive.namelist()]


def test_restore_refuses_a_site_with_content_unless_forced(content, tmp_path):
    report = services.backup_create(destination=tmp_path / "s.zip")
    item = content["item"]
    ArchiveItemPage.objects.filter(pk=item.pk).update(title="Titre changé après la sauvegarde")

    with pytest.raises(CommandError, match="La base de destination n'est pas vide") as error:
        call_command("restore", str(report.path), stdout=io.StringIO())
    assert "--force" in str(error.value)
    assert ArchiveItemPage.objects.get(pk=item.pk).title == "Titre changé après la sauvegarde"

    call_command("restore", str(report.path), "--force", stdout=io.StringIO())
    assert ArchiveItemPage.objects.get(pk=item.pk).title == TERRIL


def test_a_fresh_install_counts_as_empty(db):
    # What migrations make (Wagtail's root and welcome pages, groups, the root collection).
    assert selectors.site_content_counts() == {}
    ArchiveIndexPageFactory(parent=Page.get_first_root_node())
    assert selectors.site_content_counts() == {"pages": 1}


def test_restore_refuses_an_archive_from_another_version(content, media_root, tmp_path):
    report = services.backup_create(destination=tmp_path / "s.zip")
    other = tmp_path / "autre-version.zip"
    with zipfile.ZipFile(report.path) as source, zipfile.ZipFile(other, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "manifest.json":
                manifest = json.loads(data)
                manifest["migrations"].append("archive.9999_future")
                data = json.dumps(manifest).encode()
            target.writestr(info, data)
    empty_install(media_root)

    with pytest.raises(services.BackupError, match="autre version du site"):
        services.backup_restore(path=other)
    assert not Page.objects.exists()


@pytest.mark.integration
@pytest.mark.usefixtures("opensearch_engine")
def test_restore_rebuilds_the_search_engine(content, media_root, tmp_path):
    report = services.backup_create(destination=tmp_path / "s.zip")
    empty_install(media_root)

    services.backup_restore(path=report.path)

    results = search_content(SearchParams(q="terril neige"))
    assert results.engine == "elasticsearch"
    assert [hit.title for hit in results.results] == [TERRIL]
