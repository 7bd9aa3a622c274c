"""A held-back photo stays held back wherever it is filed: a resident's photo awaiting
moderation or given for research only, or a hidden project's photo, moved into the root or
the public collection — by the image's edit form, by hand, or with the admin's bulk « Ajouter
à la collection », which writes past every signal — is still never handed out, by the
embedded server or by the check nginx makes first. What a superuser uploads into the root
collection is the site's own image, served as any other."""

import pytest
from wagtail.models import Collection

from archive.contributions.services import contribution_create
from archive.models import ArchiveItemPage
from media.collections import PENDING, PUBLIC, RESEARCH_ONLY, photo_collection
from media.models import CustomImage
from projects.models import ProjectStatus
from tests.factories.archive import (
    ArchiveIndexPageFactory,
    ArchiveItemPageFactory,
    contribution_data,
)
from tests.factories.media import CustomImageFactory, jpeg_with_gps_bytes, png_bytes, upload
from tests.factories.projects import ProjectFactory, ProjectPhotoFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive_index(home_page):
    return ArchiveIndexPageFactory(parent=home_page)


def _sent(client, url: str) -> bool:
    """Handed out by the embedded server and allowed by the check nginx makes."""
    response = client.get(url)
    nginx = client.get("/-/media-check", headers={"x-original-uri": url})
    assert (response.status_code == 200) == (nginx.status_code == 204), url
    return response.status_code == 200


def _urls(image: CustomImage) -> list[str]:
    return [image.file.url, image.get_rendition("fill-320x240").url]


def _root() -> Collection:
    return Collection.get_first_root_node()


def _destination(name: str) -> Collection:
    return _root() if name == "root" else photo_collection(name=PUBLIC)


def _resident_photo(**consent) -> CustomImage:
    contribution = contribution_create(
        data=contribution_data(title="La lampe de Marcel", **consent),
        photos=[upload(jpeg_with_gps_bytes(), "IMG_1.jpg", "image/jpeg")],
    )
    return CustomImage.objects.get(pk=contribution.files.get().image_id)


def _bulk_move(client, admin_user, image: CustomImage, collection: Collection) -> None:
    """The admin's image listing: select, « Ajouter à la collection »."""
    client.force_login(admin_user)
    response = client.post(
        f"/admin/bulk/media/customimage/add_to_collection/?id={image.pk}",
        {"collection": collection.pk},
    )
    assert response.status_code == 302
    client.logout()
    image.refresh_from_db()
    assert image.collection == collection


@pytest.mark.parametrize("destination", ["root", "public"])
def test_photo_awaiting_moderation_moved_in_bulk_is_still_not_served(
    client, admin_user, archive_index, destination
):
    photo = _resident_photo()
    assert photo.collection.name == PENDING
    # The moderator leaves it out of the draft (a face, a home): no item uses it any more.
    ArchiveItemPage.objects.filter(cover_image=photo).update(cover_image=None)
    urls = _urls(photo)

    _bulk_move(client, admin_user, photo, _destination(destination))

    assert not any(_sent(client, url) for url in urls)


@pytest.mark.parametrize("destination", ["root", "public"])
def test_research_only_photo_moved_by_hand_is_never_served_even_on_a_public_item(
    client, archive_index, destination
):
    photo = _resident_photo(allow_web=False, allow_festival=False, allow_research=True)
    assert photo.collection.name == RESEARCH_ONLY
    photo.collection = _destination(destination)
    photo.save(update_fields=["collection"])
    # An editor who now finds it in the library puts it on another, public item.
    ArchiveItemPageFactory(parent=archive_index, cover_image=photo)

    assert not any(_sent(client, url) for url in _urls(photo))


def test_hidden_projects_photo_moved_in_bulk_is_still_not_served(client, admin_user):
    hidden = ProjectFactory(status=ProjectStatus.RUNNING, show_publicly=False)
    photo = ProjectPhotoFactory(
        project=hidden, image=CustomImageFactory(collection=photo_collection(name=PENDING))
    ).image
    urls = _urls(photo)

    _bulk_move(client, admin_user, photo, _root())

    assert not any(_sent(client, url) for url in urls)
    hidden.show_publicly = True
    hidden.save(update_fields=["show_publicly"])
    assert all(_sent(client, url) for url in urls)


def test_superusers_upload_into_the_root_collection_is_the_sites_own_image(client, admin_user):
    client.force_login(admin_user)
    response = client.post(
        "/admin/images/multiple/add/",
        {
            "files[]": upload(png_bytes(), "terril.png", "image/png"),
            "collection": _root().pk,
        },
    )
    assert response.status_code == 200, response.content
    client.logout()
    image = CustomImage.objects.get()
    assert image.collection == _root()

    assert all(_sent(client, url) for url in _urls(image))
