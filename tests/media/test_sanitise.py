import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from PIL import ExifTags, Image
from pillow_heif import from_pillow

from media.models import CustomImage, MediaFile
from media.sanitise import sanitise_audio_video, sanitise_image
from media.services import image_create, media_file_create
from tests.factories.media import (
    jpeg_with_gps_bytes,
    png_bomb_bytes,
    png_bytes,
    upload,
    wav_bytes,
)


def _open(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data))


def test_sanitise_image_removes_gps_and_identifying_exif():
    original = jpeg_with_gps_bytes()
    assert _open(original).getexif().get_ifd(ExifTags.IFD.GPSInfo)  # the phone's position

    clean = sanitise_image(upload(original, "IMG_0001.jpg", "image/jpeg"))

    data = clean.content.read()
    stored = _open(data)
    assert stored.format == "JPEG"
    assert dict(stored.getexif()) == {}
    assert "comment" not in stored.info
    assert b"Jeannine" not in data
    assert b"PhoneMaker" not in data


def test_sanitise_image_applies_orientation_before_stripping():
    # Orientation 6: the camera held sideways; the picture must come out portrait.
    original = jpeg_with_gps_bytes(size=(64, 32), orientation=6)

    clean = sanitise_image(upload(original, "IMG_0002.jpg"))

    assert (clean.width, clean.height) == (32, 64)
    assert _open(clean.content.read()).size == (32, 64)


def test_sanitise_image_names_file_by_content_not_by_upload_name():
    clean = sanitise_image(upload(png_bytes(), "vacances à Loos.jpg", "image/jpeg"))

    assert clean.format == "PNG"
    assert clean.content.name.endswith(".png")
    assert "vacances" not in clean.content.name
    assert b"Jeannine" not in clean.content.read()


def test_sanitise_image_refuses_text_renamed_jpg_in_french():
    with pytest.raises(ValidationError) as raised:
        sanitise_image(upload(b"Ceci n'est pas une photo.\n" * 20, "photo.jpg", "image/jpeg"))

    assert raised.value.code == "invalid_image"
    assert "n'est pas une photo lisible" in raised.value.messages[0]


def test_sanitise_image_refuses_decompression_bomb():
    bomb = png_bomb_bytes()
    assert len(bomb) < 100_000

    with pytest.raises(ValidationError) as raised:
        sanitise_image(upload(bomb, "bombe.png", "image/png"))

    assert raised.value.code == "too_many_pixels"
    assert "trop" in raised.value.messages[0]


def test_sanitise_image_refuses_pixels_above_the_setting(settings):
    settings.MEDIA_IMAGE_MAX_MEGAPIXELS = settings.MEDIA_IMAGE_DECODE_MAX_MEGAPIXELS = 0.001
    with pytest.raises(ValidationError) as raised:
        sanitise_image(upload(png_bytes(size=(50, 50)), "grande.png"))
    assert raised.value.code == "too_many_pixels"


def test_sanitise_image_refuses_bytes_above_the_setting(settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 500
    with pytest.raises(ValidationError) as raised:
        sanitise_image(upload(jpeg_with_gps_bytes(size=(200, 200)), "lourde.jpg"))
    assert raised.value.code == "file_too_large"
    assert "ne doit pas dépasser" in raised.value.messages[0]


def test_sanitise_image_converts_heic_to_jpeg_without_metadata():
    heif = from_pillow(Image.new("RGB", (48, 24), (90, 90, 200)))
    buffer = io.BytesIO()
    heif.save(buffer, quality=80)

    clean = sanitise_image(upload(buffer.getvalue(), "IMG_0003.HEIC", "image/heic"))

    assert clean.format == "JPEG"
    assert _open(clean.content.read()).size == (48, 24)


def test_sanitise_image_keeps_webp_as_webp():
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), (1, 2, 3)).save(buffer, "WEBP", exif=Image.Exif().tobytes())

    clean = sanitise_image(upload(buffer.getvalue(), "image.bin"))

    assert clean.format == "WEBP"
    assert clean.content.name.endswith(".webp")


@pytest.mark.django_db
def test_image_create_stores_clean_original_and_renditions():
    image = image_create(upload=upload(jpeg_with_gps_bytes(), "IMG.jpg"), title="Le terril")

    with image.file.open("rb") as stored:
        data = stored.read()
    rendition = image.get_rendition("width-20")
    with rendition.file.open("rb") as served:
        rendition_data = served.read()

    assert not _open(data).getexif().get_ifd(ExifTags.IFD.GPSInfo)
    assert dict(_open(data).getexif()) == {}
    assert b"Jeannine" not in data
    assert b"Jeannine" not in rendition_data
    assert dict(_open(rendition_data).getexif()) == {}


@pytest.mark.django_db
def test_custom_image_saved_from_code_is_cleaned_too():
    image = CustomImage(title="Depuis le code")
    image.file = ImageFile(io.BytesIO(jpeg_with_gps_bytes()), name="gps.jpg")
    image.save()

    with image.file.open("rb") as stored:
        data = stored.read()
    assert b"Jeannine" not in data
    assert dict(_open(data).getexif()) == {}
    assert image.file_size == len(data)


def test_sanitise_audio_video_accepts_wav_by_content():
    clean = sanitise_audio_video(upload(wav_bytes(seconds=1.0), "entretien.txt"))

    assert clean.kind == "audio"
    assert clean.content.name.endswith(".wav")
    assert "entretien" not in clean.content.name
    assert clean.duration == pytest.approx(1.0)


def test_sanitise_audio_video_refuses_text_renamed_mp3():
    with pytest.raises(ValidationError) as raised:
        sanitise_audio_video(upload(b"pas du son" * 100, "chanson.mp3", "audio/mpeg"))
    assert raised.value.code == "invalid_audio_video"


def test_sanitise_audio_video_refuses_size_above_setting(settings):
    settings.MEDIA_AUDIO_VIDEO_MAX_UPLOAD_SIZE = 1000
    with pytest.raises(ValidationError) as raised:
        sanitise_audio_video(upload(wav_bytes(seconds=1.0), "long.wav"))
    assert raised.value.code == "file_too_large"


@pytest.mark.django_db
def test_media_file_create_stores_under_generated_name():
    media_file = media_file_create(upload=upload(wav_bytes(), "Mamie Jeannine.wav"), title="Voix")

    assert MediaFile.objects.get() == media_file
    assert media_file.file.name.startswith("audio_video/")
    assert "Jeannine" not in media_file.file.name
    assert media_file.kind == "audio"
