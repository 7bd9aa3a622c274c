"""No hidden item (``tests/archive/test_public_channels.py``'s HIDDEN_KINDS) reaches a viewer."""

import pytest

from archive.models import ArchiveItemPage
from tests.archive.test_public_channels import HIDDEN, HIDDEN_KINDS, _published
from tests.factories.archive import ThemeFactory

pytestmark = pytest.mark.django_db


def _iiif_urls(target) -> dict[str, str]:
    image_id = ArchiveItemPage.objects.get(pk=target.pk).cover_image_id
    return {
        "manifest": f"/iiif/item/{target.pk}/manifest.json",
        "info": f"/iiif/image/{image_id}/info.json",
        "image": f"/iiif/image/{image_id}/full/max/0/default.jpg",
    }


def test_visible_item_reaches_the_viewer(
    client, archive_index, editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        visible = _published(archive_index, ThemeFactory(), "coquelicot", editor)

    assert {name: client.get(url).status_code for name, url in _iiif_urls(visible).items()} == {
        "manifest": 200,
        "info": 200,
        "image": 200,
    }


@pytest.mark.parametrize("hidden_kind", HIDDEN_KINDS)
def test_hidden_item_is_not_found(
    client, archive_index, editor, django_capture_on_commit_callbacks, hidden_kind
):
    build, then = HIDDEN_KINDS[hidden_kind]
    with django_capture_on_commit_callbacks(execute=True):
        hidden = build(archive_index, ThemeFactory(), HIDDEN, editor)
    if then is not None:
        with django_capture_on_commit_callbacks(execute=True):
            then(hidden, editor)
    urls = (
        _iiif_urls(hidden)
        if ArchiveItemPage.objects.filter(pk=hidden.pk).exists()
        else {"manifest": f"/iiif/item/{hidden.pk}/manifest.json"}
    )

    assert {name: client.get(url).status_code for name, url in urls.items()} == dict.fromkeys(
        urls, 404
    )
