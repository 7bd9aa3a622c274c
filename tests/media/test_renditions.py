"""Renditions and the admin preview decode a reduced copy, and huge or many specs are refused."""

import io

import pytest
from PIL import Image
from wagtail.images.models import Filter

from media.renditions import PREVIEW_MAX_SIDE, reduced_source
from media.services import image_create
from tests.factories.media import upload

pytestmark = pytest.mark.django_db

RED, BLUE = (220, 20, 20), (20, 20, 220)


def _halves_jpeg(size=(4000, 2000)) -> bytes:
    """Red on the left, blue on the right: where a crop was taken shows in its colour."""
    picture = Image.new("RGB", size, RED)
    picture.paste(BLUE, (size[0] // 2, 0, size[0], size[1]))
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


@pytest.fixture
def photo():
    return image_create(upload=upload(_halves_jpeg(), "halves.jpg", "image/jpeg"), title="Moitiés")


def _colour_at_centre(data: bytes) -> tuple:
    picture = Image.open(io.BytesIO(data)).convert("RGB")
    return picture.getpixel((picture.width // 2, picture.height // 2))


def test_small_rendition_is_made_from_a_copy_decoded_at_one_eighth(photo):
    proxy, source = reduced_source(image=photo, filter=Filter(spec="width-300"))

    assert (proxy.width, proxy.height) == (500, 250)
    assert Image.open(source).size == (500, 250)
    rendition = photo.get_rendition("width-300")
    assert (rendition.width, rendition.height) == (300, 150)


def test_reduced_rendition_keeps_the_focal_point(photo):
    # The focal point is in the blue half: a square crop must be taken there.
    photo.focal_point_x, photo.focal_point_y = 3500, 1000
    photo.focal_point_width = photo.focal_point_height = 200
    photo.save()

    rendition = photo.get_rendition("fill-100x100")

    with rendition.file.open("rb") as served:
        red, _green, blue = _colour_at_centre(served.read())
    assert (rendition.width, rendition.height) == (100, 100)
    assert blue > 150 and red < 80


def test_rendition_close_to_full_size_is_made_from_the_original(photo):
    assert reduced_source(image=photo, filter=Filter(spec="width-3000")) is None


def test_admin_preview_serves_a_reduced_preview(admin_client, photo):
    response = admin_client.get(f"/admin/images/{photo.pk}/preview/fill-200x100/")

    assert response.status_code == 200
    data = b"".join(response.streaming_content)
    assert Image.open(io.BytesIO(data)).size == (200, 100)


@pytest.mark.parametrize(
    "spec",
    [
        "fill-10000x10000",
        f"width-{PREVIEW_MAX_SIDE + 1}",
        "max-100000x100000",
        "fill-10x10|fill-20x20|fill-30x30",
        "|".join(["width-10"] * 200),
        "scale-500",
        "fill-10x10-c100|format-webp",
    ],
)
def test_admin_preview_refuses_huge_or_many_specs(admin_client, photo, spec):
    response = admin_client.get(f"/admin/images/{photo.pk}/preview/{spec}/")

    assert response.status_code == 400
    assert "Aperçu refusé" in response.content.decode()


def test_admin_preview_of_the_original_is_bounded(admin_client, photo):
    response = admin_client.get(f"/admin/images/{photo.pk}/preview/original/")

    assert response.status_code == 200
    data = b"".join(response.streaming_content)
    assert max(Image.open(io.BytesIO(data)).size) == PREVIEW_MAX_SIDE


def test_admin_preview_needs_the_right_to_change_the_image(client, photo):
    assert client.get(f"/admin/images/{photo.pk}/preview/fill-200x100/").status_code in (302, 403)
