from pathlib import Path

import pytest
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.utils.datastructures import MultiValueDict

from archive.contributions.additions import addition_create, addition_review
from archive.contributions.forms import ContributionForm
from archive.contributions.links import contribution_status_token
from archive.contributions.services import contribution_create
from archive.models import Contribution, ContributionStatus, ResidentAddition
from config.settings.base import env_size_bytes
from tests.factories.archive import (
    ArchiveItemPageFactory,
    PlaceFactory,
    ThemeFactory,
    contribution_data,
)
from tests.factories.media import jpeg_with_gps_bytes, upload
from tests.forms import error_summary

pytestmark = pytest.mark.django_db


def _form(**overrides):
    data = {
        "title": "Le bal de la fanfare",
        "story": "On dansait jusqu'au matin.",
        "date_label": "été 1975",
        "full_name": "Jeannine Dupont",
        "name_display": "pseudonym",
        "pseudonym": "La lampiste",
        "email": "jeannine@example.org",
        "allow_web": "on",
        "licence": "cc-by-4.0",
        "image_rights_attested": "on",
        "accept": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_contribute_form_is_served_with_labels_and_noindex(client, archive_index):
    ThemeFactory(name="Fêtes et traditions")

    response = client.get("/contribuer/")

    html = response.content.decode()
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert 'for="id_title"' in html
    assert "Fêtes et traditions" in html
    assert 'name="photos"' in html and "multiple" in html


def test_contribute_post_creates_contribution_and_redirects(
    client, archive_index, django_capture_on_commit_callbacks
):
    theme = ThemeFactory()
    place = PlaceFactory()
    data = _form(themes=[theme.pk], place=place.pk)
    data["photos"] = [upload(jpeg_with_gps_bytes(), "IMG_1.jpg", "image/jpeg")]

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/contribuer/", data)

    assert response.status_code == 302
    assert response["Location"] == "/contribuer/merci/"
    contribution = Contribution.objects.get()
    assert contribution.status == ContributionStatus.IN_REVIEW
    assert contribution.display_name == "La lampiste"
    assert contribution.item.specific.credit == "La lampiste"
    assert list(contribution.themes.all()) == [theme]
    assert len(mail.outbox) == 1


def test_contribute_errors_are_french_next_to_fields_and_input_kept(client, archive_index):
    data = _form(
        email="pas-une-adresse",
        pseudonym="",
        is_minor="on",
        accept=None,
        allow_web=None,
    )
    data["photos"] = [upload(b"texte" * 50, "photo.jpg", "image/jpeg")]

    response = client.post("/contribuer/", data)

    assert response.status_code == 200
    assert not Contribution.objects.exists()
    form = response.context["form"]
    assert set(form.errors) == {
        "email",
        "pseudonym",
        "parent_name",
        "parent_consent",
        "accept",
        "allow_web",
        "photos",
    }
    html = response.content.decode()
    assert "Indiquez le pseudonyme à afficher." in html
    assert "n&#x27;est pas une photo lisible" in html
    assert "Avant 18 ans" in html
    assert 'value="Le bal de la fanfare"' in html  # what was typed is kept
    assert "On dansait jusqu&#x27;au matin." in html
    assert "choisissez à nouveau vos photos" in html
    # each message sits inside its field's block
    assert html.index('id="champ-pseudonym"') < html.index("Indiquez le pseudonyme")


def test_contribute_refused_shows_one_summary_linking_to_the_field(client, archive_index):
    response = client.post("/contribuer/", _form(email="pas-une-adresse"))

    summary = error_summary(response.content.decode())
    assert summary.links == {"Votre adresse électronique": "champ-email"}
    assert summary.text.startswith("Un champ est à corriger : le message se trouve à côté.")
    assert summary.focusable


def test_contribute_refuses_more_than_twenty_photos(client, archive_index):
    data = _form()
    data["photos"] = [upload(jpeg_with_gps_bytes(), f"{i}.jpg") for i in range(21)]

    response = client.post("/contribuer/", data)

    assert "21 photos : 20 au plus" in response.content.decode()


def test_contribute_refuses_past_embargo(client, archive_index):
    response = client.post("/contribuer/", _form(embargo_until="2001-01-01"))

    assert "Choisissez une date à venir" in response.content.decode()


def test_status_page_shows_status_without_personal_data(client, archive_index):
    contribution = contribution_create(data=contribution_data())
    token = contribution_status_token(contribution=contribution)

    response = client.get(f"/contribuer/suivi/{token}/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "En relecture" in html
    assert "jeannine.dupont@example.org" not in html
    assert "06 12 34 56 78" not in html
    assert response["Cache-Control"] == "private, no-store"


def test_status_page_refuses_forged_token(client, archive_index):
    assert client.get("/contribuer/suivi/forged-token/").status_code == 404


def test_edit_while_in_review_updates_the_draft(client, archive_index):
    contribution = contribution_create(data=contribution_data())
    token = contribution_status_token(contribution=contribution)

    response = client.post(
        f"/contribuer/suivi/{token}/modifier/",
        {"title": "Titre corrigé", "story": "Récit corrigé.", "date_label": "1962"},
    )

    assert response.status_code == 302
    contribution.refresh_from_db()
    assert contribution.title == "Titre corrigé"
    contribution.item.refresh_from_db()
    assert contribution.item.get_latest_revision_as_object().title == "Titre corrigé"


def test_withdraw_via_status_link(client, archive_index):
    contribution = contribution_create(data=contribution_data())
    token = contribution_status_token(contribution=contribution)

    confirm = client.get(f"/contribuer/suivi/{token}/retirer/")
    response = client.post(f"/contribuer/suivi/{token}/retirer/")

    assert confirm.status_code == 200
    assert response.status_code == 302
    assert not Contribution.objects.exists()


def test_addition_is_held_for_review(client, archive_index):
    item = ArchiveItemPageFactory(parent=archive_index)

    response = client.post(
        f"/contribuer/complement/{item.pk}/",
        {
            "person_named": "Marcel Wiart",
            "comment": "C'est mon grand-père, à gauche.",
            "credit_name": "Paul W.",
            "email": "paul@example.org",
        },
    )

    assert response.status_code == 302
    addition = ResidentAddition.objects.get()
    assert addition.status == "pending"
    page = client.get(item.url).content.decode()
    assert "Marcel Wiart" not in page


def test_published_addition_shows_with_credit(client, archive_index):
    item = ArchiveItemPageFactory(parent=archive_index)
    addition = addition_create(
        item=item,
        data={
            "person_named": "Marcel Wiart",
            "comment": "À gauche.",
            "credit_name": "Paul W.",
            "email": "paul@example.org",
        },
    )

    addition_review(addition=addition, publish=True)

    page = client.get(item.url).content.decode()
    assert "Marcel Wiart" in page
    assert "ajouté par Paul W." in page
    assert "paul@example.org" not in page


def test_contribute_form_carries_the_server_upload_limits(client, archive_index, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 12 * 1024 * 1024
    settings.MEDIA_AUDIO_VIDEO_MAX_UPLOAD_SIZE = 300 * 1024 * 1024
    settings.CONTRIBUTION_MAX_REQUEST_BYTES = 400 * 1024 * 1024

    html = client.get("/contribuer/").content.decode()

    assert f'data-max-photo-bytes="{12 * 1024 * 1024}"' in html
    assert f'data-max-media-bytes="{300 * 1024 * 1024}"' in html
    assert f'data-max-request-bytes="{400 * 1024 * 1024}"' in html
    assert 'data-max-photos="20"' in html
    assert "archive/js/contribute.js" in html


def test_contribute_form_says_the_server_upload_limits_in_words(client, archive_index, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 12 * 1024 * 1024
    settings.MEDIA_AUDIO_VIDEO_MAX_UPLOAD_SIZE = 300 * 1024 * 1024

    html = client.get("/contribuer/").content.decode()

    assert "Photos (20 au plus)" in html
    assert "JPEG, PNG, WebP ou HEIC, 12 Mo au plus chacune." in html
    assert "MP3, M4A, WAV, OGG, MP4, MOV ou WebM, 300 Mo au plus." in html


def test_contribute_form_says_and_applies_the_photo_count_of_the_settings(
    client, archive_index, settings
):
    settings.CONTRIBUTION_MAX_PHOTOS = 2

    html = client.get("/contribuer/").content.decode()
    photos = [upload(jpeg_with_gps_bytes(), f"photo-{n}.jpg", "image/jpeg") for n in range(3)]
    form = ContributionForm(data=_form(), files=MultiValueDict({"photos": photos}))

    assert "Photos (2 au plus)" in html
    assert 'data-max-photos="2"' in html
    assert form.errors["photos"] == ["Vous avez choisi 3 photos : 2 au plus par envoi."]


@pytest.mark.parametrize(
    ("written", "expected"),
    [("300m", 300 * 1024**2), ("1g", 1024**3), ("800K", 800 * 1024), ("1000000", 1_000_000)],
)
def test_contribute_form_announces_the_request_limit_given_to_nginx(
    client, archive_index, settings, monkeypatch, written, expected
):
    monkeypatch.setenv("NGINX_CLIENT_MAX_BODY_SIZE", written)
    settings.CONTRIBUTION_MAX_REQUEST_BYTES = env_size_bytes("NGINX_CLIENT_MAX_BODY_SIZE", "512m")

    html = client.get("/contribuer/").content.decode()

    assert f'data-max-request-bytes="{expected}"' in html


def test_request_limit_defaults_to_what_nginx_accepts_by_default(monkeypatch):
    monkeypatch.delenv("NGINX_CLIENT_MAX_BODY_SIZE", raising=False)

    assert env_size_bytes("NGINX_CLIENT_MAX_BODY_SIZE", "512m") == 512 * 1024**2


def test_request_limit_written_wrongly_stops_the_site_with_a_french_message(monkeypatch):
    monkeypatch.setenv("NGINX_CLIENT_MAX_BODY_SIZE", "512 Mo")

    with pytest.raises(ImproperlyConfigured, match="écrivez une taille comme nginx la lit"):
        env_size_bytes("NGINX_CLIENT_MAX_BODY_SIZE", "512m")


def test_nginx_and_the_site_read_the_request_limit_from_one_variable():
    root = Path(__file__).resolve().parents[3]
    compose = (root / "docker-compose.yml").read_text()
    nginx = (root / "deploy/nginx/templates/default.conf.template").read_text()

    # Once for the site (x-app), once for nginx, from the same line of .env.
    assert compose.count("NGINX_CLIENT_MAX_BODY_SIZE: ${NGINX_CLIENT_MAX_BODY_SIZE:-512m}") == 2
    assert "client_max_body_size ${NGINX_CLIENT_MAX_BODY_SIZE};" in nginx


def test_status_page_shows_the_story_and_photos_back_through_the_private_link(
    client, archive_index, django_capture_on_commit_callbacks
):
    theme = ThemeFactory(name="Fêtes et traditions")
    with django_capture_on_commit_callbacks(execute=True):
        contribution = contribution_create(
            data=contribution_data(themes=[theme], date_label="été 1975"),
            photos=[upload(jpeg_with_gps_bytes(), "IMG_1.jpg", "image/jpeg")],
        )
    token = contribution_status_token(contribution=contribution)
    [sent] = contribution.files.all()
    assert sent.image is not None  # cleaned, waiting in the moderators' private collection

    html = client.get(f"/contribuer/suivi/{token}/").content.decode()

    assert "<p>Mon père remontait du fond.</p>" in html
    assert "été 1975" in html and "Fêtes et traditions" in html
    assert "la publication sur le site" in html
    photo_url = f"/contribuer/suivi/{token}/photo/{sent.pk}/"
    assert f'src="{photo_url}"' in html
    photo = client.get(photo_url)
    assert photo.status_code == 200
    assert photo["Content-Type"] == "image/jpeg"
    assert photo["Cache-Control"] == "private, no-store"
    assert b"".join(photo.streaming_content)[:2] == b"\xff\xd8"
    # The public file server still refuses the photo awaiting moderation.
    assert client.get(sent.image.file.url).status_code == 404


def test_a_status_link_shows_no_photo_of_another_contribution(
    client, archive_index, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        theirs = contribution_create(
            data=contribution_data(),
            photos=[upload(jpeg_with_gps_bytes(), "IMG_1.jpg", "image/jpeg")],
        )
        mine = contribution_create(data=contribution_data(email="autre@example.org"))
    token = contribution_status_token(contribution=mine)
    [their_photo] = theirs.files.all()

    assert client.get(f"/contribuer/suivi/{token}/photo/{their_photo.pk}/").status_code == 404
    assert client.get(f"/contribuer/suivi/faux/photo/{their_photo.pk}/").status_code == 404
