"""The contribution form's script, in a browser: a file over the server's limit is named next
to its field before anything is sent, and a refusal by the web server (413) keeps the page."""

import pytest

from archive.models import Contribution
from tests.factories.archive import ArchiveIndexPageFactory
from tests.factories.home import site_with_home
from tests.factories.media import jpeg_with_gps_bytes, wav_bytes

from .browser import PHONE


@pytest.fixture
def contribute_page(migrated_db):
    index = ArchiveIndexPageFactory(parent=site_with_home())
    index.save_revision().publish()
    return "/contribuer/"


def _fill(page):
    page.get_by_label("Titre de votre souvenir").fill("Le bal de la Sainte-Barbe")
    page.get_by_label("Racontez").fill("On dansait jusqu'au matin.")
    page.get_by_label("Vos prénom et nom").fill("Jeannine Dupont")
    page.get_by_label("Votre adresse électronique").fill("jeannine@example.org")
    page.get_by_label("Les personnes reconnaissables").check()
    page.get_by_label("Je confie ce souvenir").check()


@pytest.mark.parametrize("viewport", [PHONE])
def test_photo_over_the_limit_is_named_next_to_its_field(page, contribute_page, settings, tmp_path):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 2000
    photo = tmp_path / "IMG_2041.jpg"
    photo.write_bytes(jpeg_with_gps_bytes(size=(600, 400)))
    page.goto(contribute_page)
    _fill(page)

    page.get_by_label("Photos (20 au plus)").set_input_files(str(photo))
    page.get_by_role("button", name="Envoyer mon souvenir").click()

    error = page.locator("#champ-photos [data-file-error]")
    assert "IMG_2041.jpg" in error.inner_text()
    assert "au plus par photo" in error.inner_text()
    assert page.url.endswith(contribute_page)
    assert page.get_by_label("Racontez").input_value() == "On dansait jusqu'au matin."
    assert not Contribution.objects.exists()


def test_recording_over_the_limit_is_named_next_to_its_field(
    page, contribute_page, settings, tmp_path
):
    settings.MEDIA_AUDIO_VIDEO_MAX_UPLOAD_SIZE = 1000
    sound = tmp_path / "souvenir.wav"
    sound.write_bytes(wav_bytes(seconds=1))
    page.goto(contribute_page)
    _fill(page)

    page.get_by_label("Un son ou une vidéo (facultatif)").set_input_files(str(sound))

    error = page.locator("#champ-media [data-file-error]")
    assert "un son ou une vidéo ne doit pas dépasser" in error.inner_text()
    page.get_by_role("button", name="Envoyer mon souvenir").click()
    assert not Contribution.objects.exists()


def test_web_server_refusal_is_shown_in_french_and_keeps_the_page(page, contribute_page, tmp_path):
    photo = tmp_path / "IMG_2041.jpg"
    photo.write_bytes(jpeg_with_gps_bytes())
    page.goto(contribute_page)
    _fill(page)
    page.route(
        "**/contribuer/",
        lambda route: (
            route.fulfill(status=413, body="<html>413 Request Entity Too Large</html>")
            if route.request.method == "POST"
            else route.continue_()
        ),
    )

    page.get_by_label("Photos (20 au plus)").set_input_files(str(photo))
    page.get_by_role("button", name="Envoyer mon souvenir").click()

    error = page.locator("#champ-photos [data-file-error]")
    error.wait_for()
    assert "trop lourd pour le serveur" in error.inner_text()
    assert "Request Entity Too Large" not in page.content()
    assert page.get_by_label("Titre de votre souvenir").input_value() == (
        "Le bal de la Sainte-Barbe"
    )
