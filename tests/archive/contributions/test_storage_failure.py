"""The file storage fails during an upload: nothing typed is lost, and no 500."""

import pytest
from botocore.exceptions import EndpointConnectionError
from django.core import mail
from django.core.files.storage import FileSystemStorage

from archive.models import Contribution, ContributionFile
from tests.factories.media import jpeg_with_gps_bytes, upload

pytestmark = pytest.mark.django_db

STORY = "On dansait jusqu'au matin sur la place de la mairie."


DISK_FULL = OSError(28, "No space left on device")
# What the S3 storage of production raises when the object store is out of reach.
BUCKET_UNREACHABLE = EndpointConnectionError(endpoint_url="http://minio:9000")


class FlakyStorage(FileSystemStorage):
    """A storage that accepts ``room`` files, then fails with ``error``."""

    def __init__(self, *, room: int, error: Exception = DISK_FULL, **kwargs):
        super().__init__(**kwargs)
        self.room = room
        self.error = error

    def _save(self, name, content):
        if self.room <= 0:
            raise self.error
        self.room -= 1
        return super()._save(name, content)


@pytest.fixture
def storage(monkeypatch, tmp_path):
    def install(room: int, error: Exception = DISK_FULL) -> FlakyStorage:
        flaky = FlakyStorage(room=room, error=error, location=tmp_path)
        monkeypatch.setattr(ContributionFile._meta.get_field("raw"), "storage", flaky)
        return flaky

    return install


def _form(photos: int) -> dict:
    return {
        "title": "Le bal de la fanfare",
        "story": STORY,
        "full_name": "Jeannine Dupont",
        "name_display": "full",
        "email": "jeannine@example.org",
        "allow_web": "on",
        "licence": "cc-by-4.0",
        "image_rights_attested": "on",
        "accept": "on",
        "photos": [
            upload(jpeg_with_gps_bytes(), f"IMG_{n}.jpg", "image/jpeg") for n in range(photos)
        ],
    }


@pytest.mark.parametrize("error", [DISK_FULL, BUCKET_UNREACHABLE], ids=["disk", "bucket"])
def test_storage_down_brings_the_form_back_filled_with_a_french_message(
    client, archive_index, storage, django_capture_on_commit_callbacks, error
):
    storage(room=0, error=error)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/contribuer/", _form(photos=1))

    html = response.content.decode()
    assert response.status_code == 503
    assert "notre espace de stockage ne répond pas" in html
    assert "choisissez à nouveau vos fichiers" in html
    assert 'value="Le bal de la fanfare"' in html
    assert "On dansait jusqu&#x27;au matin" in html
    assert 'value="jeannine@example.org"' in html
    assert not Contribution.objects.exists()
    assert mail.outbox == []  # no link to a memory that was not kept


def test_storage_failing_midway_leaves_no_orphan_file(client, archive_index, storage, tmp_path):
    storage(room=1)  # the first photo is written, the second is refused

    response = client.post("/contribuer/", _form(photos=2))

    assert response.status_code == 503
    assert not ContributionFile.objects.exists()
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


def test_storage_back_the_same_form_is_kept(client, archive_index, storage):
    storage(room=5)

    response = client.post("/contribuer/", _form(photos=1))

    assert response.status_code == 302
    assert Contribution.objects.get().story == STORY
