"""The IIIF community's own Image API validator (``iiif-validator``) runs every level-1 test of
Image API 3.0 against our live server, on a photo item published as any other.

The validator compares what it gets with its test image: 1000 x 1000 pixels, ten by ten squares
of 100 pixels, the square of column ``x`` and row ``y`` coloured ``colorInfo[x][y]``. The package
ships that table, not the picture: we paint the picture from it, save it as a phone would (GPS,
owner) and upload it through our image model, so it takes the same cleaning and serving path as
any contributor's photo."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from iiif_validator import validator
from PIL import ExifTags, Image, ImageDraw

from archive.models import ItemKind
from media.models import CustomImage
from tests.factories.archive import ArchiveItemPageFactory
from tests.factories.media import phone_exif

VERSION = "3.0"
LEVEL = 1
SQUARE = 100


def _validator_test_image() -> bytes:
    """The validator's test picture, as a JPEG carrying a phone's GPS position and owner."""
    colours = validator.ValidationInfo().colorInfo
    picture = Image.new("RGB", (10 * SQUARE, 10 * SQUARE))
    draw = ImageDraw.Draw(picture)
    for x, column in enumerate(colours):
        for y, colour in enumerate(column):
            box = (x * SQUARE, y * SQUARE, (x + 1) * SQUARE - 1, (y + 1) * SQUARE - 1)
            draw.rectangle(box, fill=colour)
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=95, exif=phone_exif())
    return buffer.getvalue()


@pytest.fixture
def published_test_photo(migrated_db, archive_index) -> CustomImage:
    upload = SimpleUploadedFile("mire.jpg", _validator_test_image(), "image/jpeg")
    image = CustomImage.objects.create(
        title="Mire du validateur IIIF",
        description="Dix rangées de dix carrés de couleur.",
        file=upload,
    )
    item = ArchiveItemPageFactory(
        parent=archive_index,
        title="Mire du validateur IIIF",
        kind=ItemKind.PHOTO,
        cover_image=image,
        live=False,
    )
    item.save_revision().publish()
    return image


def _level_1_tests() -> list[str]:
    listed = validator.TestSuite(validator.ValidationInfo()).list_tests(VERSION)
    return sorted(name for name, test in listed.items() if test["level"] <= LEVEL)


def test_validator_lists_the_level_1_tests_of_image_api_3():
    # What the validator asks of a level-1 server: if a new release drops these, we want to know.
    assert {
        "info_json",
        "id_squares",
        "region_pixels",
        "region_square",
        "size_wc",
        "size_ch",
        "size_wh",
        "size_noup",
        "size_region",
        "cors",
        "jsonld",
        "baseurl_redirect",
        "id_error_random",
        "format_error_random",
        "quality_error_random",
        "region_error_random",
        "rot_error_random",
        "size_error_random",
    } <= set(_level_1_tests())


@pytest.mark.django_db(transaction=True)
def test_every_level_1_test_of_the_iiif_validator_passes(live_server, published_test_photo):
    server = live_server.url.removeprefix("http://")
    failures = {}

    for name in _level_1_tests():
        result = validator.ImageAPI(
            str(published_test_photo.pk), server, prefix="iiif/image", version=VERSION, debug=False
        )
        validator.TestSuite(validator.ValidationInfo()).run_test(name, result)
        if result.exception is not None:  # a warning counts: level 1 is met in full
            error = result.exception
            failures[name] = (error.type, error.got, error.expected, error.message, result.urls)

    assert failures == {}
    served = Image.open(published_test_photo.file.path)
    assert served.size == (1000, 1000)
    assert served.getexif().get_ifd(ExifTags.IFD.GPSInfo) == {}
