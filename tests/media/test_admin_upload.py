import io

import pytest
from PIL import Image
from wagtail.models import Collection

from media.models import CustomImage
from tests.factories.media import jpeg_with_gps_bytes, upload


@pytest.mark.django_db
def test_admin_upload_stores_image_without_gps(admin_client):
    response = admin_client.post(
        "/admin/images/add/",
        {
            "title": "La fosse",
            "file": upload(jpeg_with_gps_bytes(), "IMG_0042.jpg", "image/jpeg"),
            "collection": Collection.get_first_root_node().pk,
            "description": "Le chevalement de la fosse",
        },
    )

    assert response.status_code == 302, response.context["form"].errors
    image = CustomImage.objects.get(title="La fosse")
    with image.file.open("rb") as stored:
        data = stored.read()
    assert dict(Image.open(io.BytesIO(data)).getexif()) == {}
    assert b"Jeannine" not in data


@pytest.mark.django_db
def test_admin_multiple_upload_stores_image_without_gps(admin_client):
    response = admin_client.post(
        "/admin/images/multiple/add/",
        {
            "files[]": upload(jpeg_with_gps_bytes(), "IMG_0043.jpg", "image/jpeg"),
            # Several collections exist (the private one for photos awaiting moderation).
            "collection": Collection.get_first_root_node().pk,
        },
    )

    assert response.status_code == 200
    assert response.json()["success"] is True
    image = CustomImage.objects.get()
    with image.file.open("rb") as stored:
        data = stored.read()
    assert b"Jeannine" not in data
    assert dict(Image.open(io.BytesIO(data)).getexif()) == {}


@pytest.mark.django_db
def test_admin_upload_refuses_text_renamed_jpg(admin_client):
    response = admin_client.post(
        "/admin/images/add/",
        {
            "title": "Faux",
            "file": upload(b"texte" * 100, "faux.jpg", "image/jpeg"),
            "collection": Collection.get_first_root_node().pk,
        },
    )

    assert response.status_code == 200
    assert not CustomImage.objects.exists()
    assert response.context["form"].errors["file"]
