import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image

from archive.models import ItemKind
from media.models import CustomImage, Licence
from tests.factories.archive import ArchiveItemPageFactory
from tests.factories.media import CustomImageFactory, jpeg_with_gps_bytes

pytestmark = pytest.mark.django_db

ROOT = "http://testserver"


def _item_photo(archive_index, *, width=1600, height=1000, **fields) -> CustomImage:
    image = CustomImageFactory(file__width=width, file__height=height)
    ArchiveItemPageFactory(parent=archive_index, kind=ItemKind.PHOTO, cover_image=image, **fields)
    return image


def _picture(response) -> Image.Image:
    return Image.open(io.BytesIO(b"".join(response.streaming_content)))


def test_info_json_describes_a_level_1_service(client, archive_index):
    image = _item_photo(archive_index)

    response = client.get(f"/iiif/image/{image.pk}/info.json")

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Content-Type"] == (
        'application/ld+json;profile="http://iiif.io/api/image/3/context.json"'
    )
    assert response.json() == {
        "@context": "http://iiif.io/api/image/3/context.json",
        "id": f"{ROOT}/iiif/image/{image.pk}",
        "type": "ImageService3",
        "protocol": "http://iiif.io/api/image",
        "profile": "level1",
        "width": 1600,
        "height": 1000,
        "sizes": [
            {"width": 400, "height": 250},
            {"width": 800, "height": 500},
            {"width": 1600, "height": 1000},
        ],
        "tiles": [{"width": 512, "height": 512, "scaleFactors": [1, 2, 4]}],
        "preferredFormats": ["jpg"],
        "rights": "https://creativecommons.org/licenses/by/4.0/",
    }


def test_info_json_of_a_large_photo_stops_at_2400_pixels(client, archive_index):
    image = _item_photo(archive_index, width=4800, height=3200)

    data = client.get(f"/iiif/image/{image.pk}/info.json").json()

    assert (data["width"], data["height"]) == (2400, 1600)


def test_service_address_leads_to_its_info_json(client, archive_index):
    image = _item_photo(archive_index)

    response = client.get(f"/iiif/image/{image.pk}")

    assert (response.status_code, response["Location"]) == (
        303,
        f"/iiif/image/{image.pk}/info.json",
    )


@pytest.mark.parametrize(
    ("region", "size", "expected"),
    [
        ("full", "max", (1600, 1000)),
        ("full", "400,", (400, 250)),
        ("full", ",100", (160, 100)),
        ("full", "300,300", (300, 300)),
        ("square", "max", (1000, 1000)),
        ("square", "200,", (200, 200)),
        ("0,0,512,512", "max", (512, 512)),
        ("1024,512,512,512", "256,", (256, 244)),  # runs off the image: clipped to 576x488
    ],
)
def test_image_request_answers_the_asked_region_and_size(
    client, archive_index, region, size, expected
):
    image = _item_photo(archive_index)

    response = client.get(f"/iiif/image/{image.pk}/{region}/{size}/0/default.jpg")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["Access-Control-Allow-Origin"] == "*"
    picture = _picture(response)
    assert (picture.format, picture.size) == ("JPEG", expected)


@pytest.mark.parametrize(
    "path",
    [
        "full/3200,/0/default.jpg",  # larger than the image: no upscaling at level 1
        "full/^3200,/0/default.jpg",
        "full/pct:50/0/default.jpg",
        "full/!200,200/0/default.jpg",
        "full/max/90/default.jpg",
        "full/max/0/gray.jpg",
        "full/max/0/default.png",
        "2000,0,10,10/max/0/default.jpg",  # outside the image
        "0,0,0,10/max/0/default.jpg",
        "a,b,c,d/max/0/default.jpg",
        "0,0,100,100/200,/0/default.jpg",
    ],
)
def test_image_request_beyond_level_1_or_the_bounds_is_refused(client, archive_index, path):
    image = _item_photo(archive_index)

    response = client.get(f"/iiif/image/{image.pk}/{path}")

    assert response.status_code == 400


def test_consultation_only_photo_is_never_served_larger_than_its_page_shows_it(
    client, archive_index
):
    image = _item_photo(archive_index, width=2400, height=1600, licence=Licence.ALL_RIGHTS_RESERVED)

    info = client.get(f"/iiif/image/{image.pk}/info.json").json()
    full = client.get(f"/iiif/image/{image.pk}/full/max/0/default.jpg")
    # A tile at the finest scale covers twice as many original pixels as it has.
    tile = client.get(f"/iiif/image/{image.pk}/0,0,512,512/max/0/default.jpg")

    assert (info["width"], info["height"]) == (1200, 800)
    assert info["rights"] == "http://rightsstatements.org/vocab/InC/1.0/"
    assert _picture(full).size == (1200, 800)
    assert _picture(tile).size == (512, 512)


def test_served_photo_carries_no_gps(client, archive_index):
    upload = SimpleUploadedFile("phone.jpg", jpeg_with_gps_bytes(size=(640, 480)), "image/jpeg")
    image = CustomImage.objects.create(title="Au téléphone", file=upload)
    # The original as the phone sent it, as if the upload checks had missed it.
    Path(image.file.path).write_bytes(jpeg_with_gps_bytes(size=(640, 480)))
    assert Image.open(image.file.path).getexif().get_ifd(ExifTags.IFD.GPSInfo)
    ArchiveItemPageFactory(parent=archive_index, kind=ItemKind.PHOTO, cover_image=image)

    for path in ["full/max", "0,0,320,240/max", "square/100,"]:
        picture = _picture(client.get(f"/iiif/image/{image.pk}/{path}/0/default.jpg"))
        assert picture.getexif().get_ifd(ExifTags.IFD.GPSInfo) == {}
        assert "exif" not in picture.info


def test_image_of_no_public_item_is_not_found(client, archive_index):
    site_image = CustomImageFactory()  # the site's own picture: not an archive item's

    assert client.get(f"/iiif/image/{site_image.pk}/info.json").status_code == 404
    assert client.get(f"/iiif/image/{site_image.pk}/full/max/0/default.jpg").status_code == 404


@pytest.mark.parametrize("n", [1, 30])
def test_info_json_queries_do_not_grow(client, archive_index, django_assert_num_queries, n):
    image = _item_photo(archive_index)
    for k in range(n - 1):
        ArchiveItemPageFactory(
            parent=archive_index, title=f"Reprise {k}", kind=ItemKind.PHOTO, cover_image=image
        )

    # Whether a contribution or a project holds the file back: a fixed number of reads.
    with django_assert_num_queries(12):
        client.get(f"/iiif/image/{image.pk}/info.json")


@pytest.mark.parametrize("n", [1, 30])
def test_tile_queries_do_not_grow(client, archive_index, django_assert_num_queries, n):
    image = _item_photo(archive_index)
    for k in range(n - 1):
        ArchiveItemPageFactory(
            parent=archive_index, title=f"Reprise {k}", kind=ItemKind.PHOTO, cover_image=image
        )
    client.get(f"/iiif/image/{image.pk}/0,0,512,512/256,/0/default.jpg")  # made once, kept

    with django_assert_num_queries(11):
        client.get(f"/iiif/image/{image.pk}/0,0,512,512/256,/0/default.jpg")
