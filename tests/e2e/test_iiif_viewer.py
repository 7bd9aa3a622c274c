"""A IIIF viewer written by others (Mirador, vendored from npm for the tests only) opens our
manifests from the live server: a photo through the Image API, an interview as audio.

The viewer's page is served by the test itself (Playwright answers its address), never by the
site."""

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from archive.models import ItemKind
from tests.factories.archive import ArchiveIndexPageFactory, ArchiveItemPageFactory
from tests.factories.home import site_with_home
from tests.factories.media import CustomImageFactory
from tests.factories.transcripts import (
    IndexSegmentFactory,
    InterviewFactory,
    SegmentFactory,
    TapeFactory,
    recording,
)

pytestmark = pytest.mark.e2e

MIRADOR = Path(__file__).parent / "vendor" / "mirador.min.js"
VIEWER_PATH = "/_test/iiif-viewer/"
VIEWER_PAGE = """<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Mirador</title>
<script src="{path}mirador.min.js"></script></head>
<body><div id="viewer" style="position:absolute;inset:0"></div>
<script>
Mirador.viewer({{
  id: "viewer",
  windows: [{{ manifestId: "{manifest}" }}],
  window: {{ allowClose: false, sideBarOpen: true }},
  workspaceControlPanel: {{ enabled: false }},
}});
</script></body></html>
"""
# Mirador 4.0.0's own bundle warns, through console.error, about a React 19 change in its own
# components: nothing our manifests or images cause. Every other console error fails the test.
MIRADOR_OWN_WARNING = "Accessing element.ref was removed in React 19"


def _assert_no_problems(page_problems) -> None:
    page_problems.console_errors[:] = [
        error for error in page_problems.console_errors if MIRADOR_OWN_WARNING not in error
    ]
    page_problems.assert_none()


@pytest.fixture
def archive_index(migrated_db):
    return ArchiveIndexPageFactory(parent=site_with_home())


def _open_in_mirador(page: Page, live_server, manifest_path: str) -> None:
    manifest = f"{live_server.url}{manifest_path}"
    page.route(
        f"**{VIEWER_PATH}",
        lambda route: route.fulfill(
            content_type="text/html; charset=utf-8",
            body=VIEWER_PAGE.format(path=VIEWER_PATH, manifest=manifest),
        ),
    )
    page.route(
        f"**{VIEWER_PATH}mirador.min.js",
        lambda route: route.fulfill(content_type="text/javascript", path=MIRADOR),
    )
    page.goto(VIEWER_PATH)


def test_mirador_opens_a_photo(page: Page, live_server, archive_index, page_problems):
    item = ArchiveItemPageFactory(
        parent=archive_index,
        title="Le chevalement du 11/19",
        kind=ItemKind.PHOTO,
        cover_image=CustomImageFactory(
            title="Chevalement", file__width=1600, file__height=1000, file__color="#7a6a58"
        ),
    )
    image_path = f"/iiif/image/{item.cover_image_id}/"

    with page.expect_response(lambda r: image_path in r.url and r.url.endswith(".jpg")) as tile:
        _open_in_mirador(page, live_server, f"/iiif/item/{item.pk}/manifest.json")

    assert tile.value.status == 200
    assert tile.value.header_value("content-type") == "image/jpeg"
    expect(page.get_by_text("Le chevalement du 11/19").first).to_be_visible()
    expect(page.locator(".openseadragon-canvas canvas").first).to_be_visible()
    _assert_no_problems(page_problems)


def test_mirador_opens_an_interview(page: Page, live_server, archive_index, page_problems):
    item = ArchiveItemPageFactory(
        parent=archive_index, title="Entretien avec Marcel", kind=ItemKind.ORAL_HISTORY
    )
    interview = InterviewFactory(page=item)
    tape = TapeFactory(interview=interview, title="Face A", media_file=recording(seconds=4.0))
    TapeFactory(interview=interview, title="Face B", media_file=recording(seconds=3.0))
    SegmentFactory(interview=interview, start=0, end=2_000, text="On descendait à six heures.")
    IndexSegmentFactory(interview=interview, start=0, end=4_000, title="L'embauche")

    _open_in_mirador(page, live_server, f"/iiif/item/{item.pk}/manifest.json")

    expect(page.get_by_text("Entretien avec Marcel").first).to_be_visible()
    audio = page.locator("audio")
    expect(audio).to_have_count(1)
    source = audio.evaluate("a => a.currentSrc || a.querySelector('source')?.src || a.src")
    assert source == f"{live_server.url}{tape.media_file.file.url}"
    _assert_no_problems(page_problems)
