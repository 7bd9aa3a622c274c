"""The front cache may keep what every anonymous visitor sees alike, and nothing personal.

A public page read anonymously sets no cookie and says ``public`` with the configured
lifetime; the pages with a form, private links, the admin and its previews say ``no-store``;
forms keep their CSRF protection; the language is switched by a plain link."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from archive.contributions.models import ResidentAddition
from festival.volunteers.links import my_shifts_token
from projects.links import project_follow_path, project_follow_token
from tests.factories.archive import ArchiveIndexPageFactory, ArchiveItemPageFactory
from tests.factories.festival import (
    EditionPageFactory,
    FestivalIndexPageFactory,
    event_at,
    paris,
)
from tests.factories.home import StandardPageFactory
from tests.factories.projects import ProjectFactory
from tests.factories.talks import EveningFactory, TalkFactory
from tests.factories.volunteers import SignupFactory

pytestmark = pytest.mark.django_db

PUBLIC = "public, max-age=0, s-maxage=60"


@pytest.fixture(autouse=True)
def _french_afterwards():
    """The language middleware leaves the thread in the language of the last request: a
    test that reads a page in English must not leave the next ones in English."""
    yield
    translation.deactivate()


def never_stored(response) -> bool:
    """``private, no-store``, whatever else the view said (``never_cache`` says more)."""
    words = {word.strip() for word in response["Cache-Control"].split(",")}
    return {"private", "no-store"} <= words and "public" not in words


@pytest.fixture
def site(home_page):
    """One page of each public kind, by name."""
    archive = ArchiveIndexPageFactory(parent=home_page)
    item = ArchiveItemPageFactory(parent=archive, title="La lampe du galibot")
    festival = FestivalIndexPageFactory(parent=home_page)
    edition = EditionPageFactory(parent=festival, year=2026)
    event = event_at(edition=edition, start=paris(2026, 6, 13, 15, 30))
    ProjectFactory()
    evening = EveningFactory()
    TalkFactory(evening=evening)
    return {
        "home": home_page.url,
        "archive index": archive.url,
        "archive item": item.url,
        "edition": edition.url,
        "programme": edition.url + "programme/",
        "event": event.url,
        "search": "/recherche/?q=lampe",
        "projects": "/projets/",
        "taidx": "/taidx/",
        "taidx evening": reverse("talks:evening", args=[evening.slug]),
        "about": StandardPageFactory(parent=home_page, title="À propos").url,
    }


PUBLIC_PAGES = [
    "home",
    "archive index",
    "archive item",
    "edition",
    "programme",
    "event",
    "search",
    "projects",
    "taidx",
    "taidx evening",
]


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_page_read_anonymously_sets_no_cookie_and_may_be_cached(client, site, name):
    response = client.get(site[name])

    assert response.status_code == 200
    assert response.cookies == {}
    assert response["Cache-Control"] == PUBLIC
    assert "Cookie" in response["Vary"]  # the chosen language lives in a cookie
    assert "csrfmiddlewaretoken" not in response.content.decode()


def test_public_lifetime_is_the_one_setting(client, site, settings):
    settings.PUBLIC_CACHE_SECONDS = 15

    response = client.get(site["home"])

    assert response["Cache-Control"] == "public, max-age=0, s-maxage=15"


def test_missing_page_may_be_cached_but_an_error_may_not(client, site):
    missing = client.get("/nulle-part/")
    refused = client.post("/recherche/")

    assert missing.status_code == 404
    assert missing["Cache-Control"] == PUBLIC
    assert never_stored(refused)


def test_open_data_read_anonymously_may_be_cached(client, site):
    data = client.get("/projets/donnees/projets.json")

    assert data.cookies == {}
    assert data["Cache-Control"] == PUBLIC


def test_same_page_read_by_a_signed_in_person_is_never_cached(admin_client, site):
    response = admin_client.get(site["archive item"])

    assert response.status_code == 200
    assert never_stored(response)


def test_a_page_showing_a_message_is_never_cached(client, site):
    """After a form, the message waiting in its cookie is shown to that visitor only."""
    item_id = site["archive item"]
    item = ArchiveItemPageFactory._meta.model.objects.get(title="La lampe du galibot")
    client.post(
        reverse("archive:addition", args=[item.pk]),
        {"comment": "C'est mon oncle.", "credit_name": "J.", "email": "j@example.org"},
    )

    response = client.get(item_id)

    assert "Merci ! Votre complément sera affiché après relecture" in response.content.decode()
    assert never_stored(response)


# Forms keep their CSRF protection -------------------------------------------------------------


def test_a_form_page_is_private_and_its_token_is_checked(site):
    client = Client(enforce_csrf_checks=True)
    item = ArchiveItemPageFactory._meta.model.objects.get(title="La lampe du galibot")
    url = reverse("archive:addition", args=[item.pk])
    data = {"comment": "C'est mon oncle, devant la lampisterie.", "credit_name": "Jeanne"}

    form_page = client.get(url)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form_page.content.decode())
    without_token = client.post(url, data)
    with_token = client.post(url, {**data, "csrfmiddlewaretoken": token.group(1)})

    assert never_stored(form_page)
    assert "csrftoken" in form_page.cookies
    assert without_token.status_code == 403
    assert with_token.status_code == 302
    assert never_stored(with_token)
    assert ResidentAddition.objects.get().comment == data["comment"]


def test_item_page_leads_to_the_addition_form_by_a_link(client, site):
    item = ArchiveItemPageFactory._meta.model.objects.get(title="La lampe du galibot")

    html = client.get(site["archive item"]).content.decode()

    assert f'href="{reverse("archive:addition", args=[item.pk])}"' in html
    assert 'method="post"' not in html


# Private pages --------------------------------------------------------------------------------


def test_signed_private_links_are_never_cached(client, home_page):
    project = ProjectFactory()
    signup = SignupFactory()
    token = my_shifts_token(signup.volunteer)

    follow = client.get(project_follow_path(token=project_follow_token(project=project)))
    calendar = client.get(reverse("festival_volunteers:my_shifts_calendar", args=[token]))

    assert follow.status_code == 200
    assert never_stored(follow)
    assert calendar.status_code == 200
    assert never_stored(calendar)


def test_admin_and_its_previews_are_never_cached(client, admin_client, site):
    item = ArchiveItemPageFactory._meta.model.objects.get(title="La lampe du galibot")

    login = client.get("/admin/login/")
    dashboard = admin_client.get("/admin/")
    preview = admin_client.get(f"/admin/pages/{item.pk}/edit/preview/?mode=")

    assert never_stored(login)
    assert never_stored(dashboard)
    assert preview.status_code == 200
    assert never_stored(preview)


# The language switcher -------------------------------------------------------------------------


def test_switching_language_needs_no_form_and_lands_on_the_same_page(client, site):
    about = site["about"]
    french = client.get(about).content.decode()
    link = re.search(r'<a href="([^"]+)" lang="en" hreflang="en"', french).group(1)

    response = client.get(link.replace("&amp;", "&"), follow=True)

    assert response.redirect_chain == [(about, 302)]
    assert '<html lang="en">' in response.content.decode()
    assert 'lang="fr"' in response.content.decode()  # and the way back to French
    assert response.cookies == {}  # the language cookie was set once, by the switch


def test_switching_language_keeps_the_query(client, site):
    page = client.get("/recherche/?q=lampe&type=photo").content.decode()
    link = re.search(r'<a href="([^"]+)" lang="en"', page).group(1).replace("&amp;", "&")

    response = client.get(link)

    assert response.status_code == 302
    assert response["Location"] == "/recherche/?q=lampe&type=photo"
    assert response.cookies["django_language"].value == "en"
    assert never_stored(response)


@pytest.mark.parametrize(
    "next_url", ["https://ailleurs.example/", "//ailleurs.example/", "javascript:alert(1)", ""]
)
def test_switching_language_never_leads_to_another_site(client, next_url):
    response = client.get(reverse("language_choose", args=["en"]), {"next": next_url})

    assert response["Location"] == "/"


def test_switching_to_an_unknown_language_is_not_found(client):
    response = client.get(reverse("language_choose", args=["de"]), {"next": "/"})

    assert response.status_code == 404
    assert response.cookies == {}


def test_english_page_is_cached_apart_from_the_french_one(client, site):
    """nginx keys its entries by the language cookie; the answer says it varies by it."""
    client.cookies["django_language"] = "en"

    response = client.get(site["home"])

    assert '<html lang="en">' in response.content.decode()
    assert response["Cache-Control"] == PUBLIC
    assert "Cookie" in response["Vary"]
