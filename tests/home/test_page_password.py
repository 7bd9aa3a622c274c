"""A page protected by a password (Wagtail's privacy): guessing it is cut short."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from wagtail.models import PageViewRestriction

pytestmark = pytest.mark.django_db

PASSWORD = "terril-74"


@pytest.fixture(autouse=True)
def _fresh_counts():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def form_url(home_page):
    restriction = PageViewRestriction.objects.create(
        page=home_page, restriction_type=PageViewRestriction.PASSWORD, password=PASSWORD
    )
    return reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, home_page.pk])


def _try(client, url: str, password: str):
    return client.post(url, {"password": password, "return_url": "/"})


def test_page_password_refused_in_french_after_the_allowed_tries(client, home_page, form_url):
    allowed = settings.PUBLIC_FORM_RATE_LIMITS["page_password"]["address"]
    for _attempt in range(allowed):
        assert _try(client, form_url, "mauvais").status_code == 200

    response = _try(client, form_url, PASSWORD)

    assert response.status_code == 429
    assert "Trop d&#x27;essais de mot de passe" in response.content.decode()
    # Not let in: the page still asks for its password.
    assert 'type="password"' in client.get(home_page.url).content.decode()


def test_right_password_within_the_limit_opens_the_page(client, home_page, form_url):
    _try(client, form_url, "mauvais")

    response = _try(client, form_url, PASSWORD)

    assert response.status_code == 302
    assert 'type="password"' not in client.get(home_page.url).content.decode()
