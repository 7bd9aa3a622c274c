"""What a photo may cost to decode, and damaged photos refused at the field.

The memory tests run the cleaning as the worker does, in a fresh Python process, on real
files made here, and read that process's peak resident memory (its own and that of the child
its decoder forked for the photo, under its memory ceiling)."""

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from PIL import ExifTags, Image
from wagtail.models import Collection, UploadedFile

from archive.models import Contribution
from media import sanitise
from media.models import CustomImage
from media.sanitise import inspect_image, sanitise_image
from media.services import image_create
from tests.factories.archive import ArchiveIndexPageFactory
from tests.factories.media import jpeg_with_gps_bytes, png_bomb_bytes, upload

ROOT = Path(__file__).resolve().parents[2]
WORKER_PEAK_LIMIT_MB = 300

# Cleans one photo as the background task does, then prints the outcome and the peak
# resident memory of this process and of every process it waited for.
WORKER = """
import json, os, sys
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
import django
django.setup()
from django.core.exceptions import ValidationError
from django.core.files import File
from media.sanitise import decoding_peak_mb, sanitise_image
with open(sys.argv[1], "rb") as fp:
    try:
        clean = sanitise_image(File(fp, name="photo"))
        outcome = {"size": [clean.width, clean.height], "format": clean.format}
    except ValidationError as error:
        outcome = {"refused": error.code, "message": error.messages[0]}
# This process's own high-water mark (VmHWM: ru_maxrss would include the test runner's,
# inherited at its start), and that of the child its decoder forked for the photo.
with open("/proc/self/status") as status:
    own_kb = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
peak_mb = max(own_kb / 1024, decoding_peak_mb())
print(json.dumps({**outcome, "peak_mb": int(peak_mb), "decoding_mb": int(decoding_peak_mb())}))
"""


def _clean_in_worker(path: Path) -> dict:
    result = subprocess.run(  # noqa: S603 - our interpreter, our script
        [sys.executable, "-c", WORKER, str(path)],
        capture_output=True,
        cwd=ROOT,
        timeout=300,
        check=True,
    )
    return json.loads(result.stdout.decode().strip().splitlines()[-1])


def _real_jpeg(size=(800, 600), quality=90) -> bytes:
    # Noise: every block of the picture carries data, like a photo.
    buffer = io.BytesIO()
    Image.effect_noise(size, 60).convert("RGB").save(buffer, "JPEG", quality=quality)
    return buffer.getvalue()


@pytest.fixture
def worst_jpeg(tmp_path, settings):
    """The largest JPEG we accept: the pixel limit, just under the upload size limit."""
    pixels = settings.MEDIA_IMAGE_MAX_MEGAPIXELS * 1_000_000
    width = 8000
    size = (width, pixels // width)
    path = tmp_path / "worst.jpg"
    Image.effect_noise(size, 30).convert("RGB").save(path, "JPEG", quality=70)
    assert path.stat().st_size <= settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE
    return path, size


@pytest.fixture
def worst_png(tmp_path, settings):
    """The largest PNG we accept, with transparency and turned sideways (EXIF orientation 6):
    decoded whole (PNG has no reduced decoding) and then rotated, the costliest path."""
    pixels = settings.MEDIA_IMAGE_DECODE_MAX_MEGAPIXELS * 1_000_000
    width = 6000
    size = (width, pixels // width)
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    path = tmp_path / "worst.png"
    Image.new("RGBA", size, (10, 120, 60, 200)).save(path, "PNG", exif=exif)
    return path, size


def test_worker_peak_memory_under_300_mb_for_the_largest_jpeg_accepted(worst_jpeg):
    path, (width, height) = worst_jpeg

    outcome = _clean_in_worker(path)

    assert outcome["format"] == "JPEG"
    # Above the full-size budget, libjpeg decodes it directly at half size.
    assert outcome["size"] == [width // 2, height // 2]
    assert outcome["peak_mb"] < WORKER_PEAK_LIMIT_MB
    # The pixels were counted where they are: the decoding child held the half-size picture.
    assert outcome["decoding_mb"] >= width // 2 * height // 2 * 3 / 2**20


def test_worker_peak_memory_under_300_mb_for_the_largest_png_accepted(worst_png):
    path, (width, height) = worst_png

    outcome = _clean_in_worker(path)

    assert outcome["format"] == "PNG"
    assert outcome["size"] == [height, width]  # turned upright
    assert outcome["peak_mb"] < WORKER_PEAK_LIMIT_MB


def test_worker_peak_memory_under_300_mb_for_a_decompression_bomb(tmp_path):
    path = tmp_path / "bombe.png"
    path.write_bytes(png_bomb_bytes())

    outcome = _clean_in_worker(path)

    assert outcome["refused"] == "too_many_pixels"
    assert "trop grande" in outcome["message"] or "trop pour être traitée" in outcome["message"]
    assert outcome["peak_mb"] < WORKER_PEAK_LIMIT_MB


def test_decoder_memory_ceiling_refuses_what_would_exceed_it(tmp_path, settings):
    # A ceiling too low for this photo: the decoding process fails, the caller gets a
    # French refusal and lives on.
    settings.MEDIA_IMAGE_DECODE_MEMORY = 40 * 1024 * 1024
    data = _real_jpeg(size=(4000, 3000))
    with pytest.raises(ValidationError) as raised:
        sanitise_image(upload(data, "lourde.jpg", "image/jpeg"))
    assert raised.value.code == "too_heavy"
    assert "trop de mémoire" in raised.value.messages[0]
    settings.MEDIA_IMAGE_DECODE_MEMORY = 260 * 1024 * 1024
    assert sanitise_image(upload(_real_jpeg(), "legere.jpg", "image/jpeg")).width == 800


def test_a_photo_too_long_to_decode_is_refused_and_the_next_one_is_cleaned(settings):
    settings.MEDIA_IMAGE_DECODE_TIMEOUT = 0.05  # a 12-megapixel photo takes longer
    with pytest.raises(ValidationError) as raised:
        sanitise_image(upload(_real_jpeg(size=(4000, 3000)), "longue.jpg", "image/jpeg"))
    settings.MEDIA_IMAGE_DECODE_TIMEOUT = 60

    clean = sanitise_image(upload(_real_jpeg(), "suivante.jpg", "image/jpeg"))

    assert raised.value.code == "too_heavy"
    assert "trop de mémoire ou de temps" in raised.value.messages[0]
    assert (clean.width, clean.height) == (800, 600)


def test_photos_are_cleaned_even_if_the_decoder_was_stopped_in_between():
    sanitise_image(upload(_real_jpeg(), "premiere.jpg", "image/jpeg"))
    process = sanitise._decoder._process
    process.kill()  # as the machine's memory killer would
    process.wait()

    clean = sanitise_image(upload(_real_jpeg(), "deuxieme.jpg", "image/jpeg"))

    assert (clean.format, clean.width, clean.height) == ("JPEG", 800, 600)
    assert sanitise._decoder._process.pid != process.pid  # a new decoder answered


def test_field_refuses_a_bomb_in_french_at_the_header(settings):
    with pytest.raises(ValidationError) as raised:
        inspect_image(upload(png_bomb_bytes(), "bombe.png", "image/png"))
    assert raised.value.code == "too_many_pixels"
    assert "100000 × 100000 pixels" in raised.value.messages[0]
    assert f"{settings.MEDIA_IMAGE_MAX_MEGAPIXELS} millions de pixels" in (raised.value.messages[0])


# Damaged photos, refused at the field ---------------------------------------------------


def _half_jpeg() -> bytes:
    data = _real_jpeg()
    return data[: len(data) // 2]


def _garbage_jpeg() -> bytes:
    # A JPEG start, then bytes that are no picture.
    return _real_jpeg()[:600] + bytes(range(256)) * 40


DAMAGED = {"moitié de JPEG": _half_jpeg, "JPEG rempli d'octets au hasard": _garbage_jpeg}


@pytest.mark.django_db
@pytest.mark.parametrize("damaged", DAMAGED.values(), ids=DAMAGED.keys())
def test_public_form_refuses_a_damaged_jpeg_at_the_field(client, home_page, damaged):
    ArchiveIndexPageFactory(parent=home_page).save_revision().publish()
    data = {
        "title": "Le bal de la fanfare",
        "story": "On dansait jusqu'au matin.",
        "full_name": "Jeannine Dupont",
        "name_display": "full_name",
        "email": "jeannine@example.org",
        "allow_web": "on",
        "licence": "cc-by-4.0",
        "image_rights_attested": "on",
        "accept": "on",
        "photos": [
            upload(jpeg_with_gps_bytes(), "IMG_1.jpg", "image/jpeg"),
            upload(damaged(), "IMG_2.jpg", "image/jpeg"),
        ],
    }

    response = client.post("/contribuer/", data)

    assert response.status_code == 200
    assert not Contribution.objects.exists()
    errors = response.context["form"].errors["photos"]
    assert len(errors) == 1
    assert errors[0].startswith("Photo 2 :")
    assert "Photo 2" in response.content.decode()
    assert 'value="Le bal de la fanfare"' in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("damaged", DAMAGED.values(), ids=DAMAGED.keys())
def test_admin_image_add_refuses_a_damaged_jpeg_at_the_field(admin_client, damaged):
    response = admin_client.post(
        "/admin/images/add/",
        {
            "title": "La fosse",
            "file": upload(damaged(), "IMG_0042.jpg", "image/jpeg"),
            "collection": Collection.get_first_root_node().pk,
        },
    )

    assert response.status_code == 200
    assert not CustomImage.objects.exists()
    message = " ".join(response.context["form"].errors["file"])
    assert "incomplète ou abîmée" in message or "pas une photo lisible" in message


@pytest.mark.django_db
@pytest.mark.parametrize("damaged", DAMAGED.values(), ids=DAMAGED.keys())
def test_admin_multiple_upload_refuses_a_damaged_jpeg(admin_client, damaged):
    response = admin_client.post(
        "/admin/images/multiple/add/",
        {
            "files[]": upload(damaged(), "IMG_0043.jpg", "image/jpeg"),
            "collection": Collection.get_first_root_node().pk,
        },
    )

    assert response.status_code == 200
    answer = response.json()
    assert answer["success"] is False
    assert "incomplète ou abîmée" in answer["error_message"] or (
        "pas une photo lisible" in answer["error_message"]
    )
    assert not CustomImage.objects.exists()
    assert not UploadedFile.objects.exists()


@pytest.mark.django_db
def test_admin_multiple_upload_stores_a_sound_photo(admin_client):
    response = admin_client.post(
        "/admin/images/multiple/add/",
        {
            "files[]": upload(jpeg_with_gps_bytes(), "IMG_0044.jpg", "image/jpeg"),
            "collection": Collection.get_first_root_node().pk,
        },
    )

    assert response.json()["success"] is True
    image = CustomImage.objects.get()
    with image.file.open("rb") as stored:
        assert b"Jeannine" not in stored.read()


def test_cleaning_refuses_a_truncated_jpeg_in_french():
    with pytest.raises(ValidationError) as raised:
        sanitise_image(upload(_half_jpeg(), "IMG_0045.jpg", "image/jpeg"))
    assert raised.value.code == "damaged_image"
    assert "incomplète ou abîmée" in raised.value.messages[0]


@pytest.mark.django_db
def test_public_form_states_the_pixel_limits_from_the_settings(client, home_page, settings):
    ArchiveIndexPageFactory(parent=home_page).save_revision().publish()
    settings.MEDIA_IMAGE_MAX_MEGAPIXELS = 40

    html = client.get("/contribuer/").content.decode()

    assert "Au plus 40 millions de pixels pour une photo JPEG" in html


@pytest.mark.django_db
def test_admin_replacing_a_file_refuses_a_damaged_jpeg_and_keeps_the_image(admin_client):
    image = image_create(upload=upload(jpeg_with_gps_bytes(), "a.jpg"), title="La fosse")
    stored_name = image.file.name

    response = admin_client.post(
        f"/admin/images/{image.pk}/",
        {
            "title": "La fosse",
            "file": upload(_half_jpeg(), "IMG_0046.jpg", "image/jpeg"),
            "collection": image.collection_id,
            "licence": image.licence,
        },
    )

    assert response.status_code == 200
    assert "incomplète ou abîmée" in " ".join(response.context["form"].errors["file"])
    image.refresh_from_db()
    assert image.file.name == stored_name
