"""Guessing an admin password: five wrong tries lock that account out from that address."""

import pytest
from django.core.cache import cache

pytestmark = pytest.mark.django_db

PASSWORD = "chevalement-1962"


@pytest.fixture(autouse=True)
def _fresh_counts():
    # The attempts are counted in the cache (django-axes' cache handler), not the database.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def keeper(django_user_model):
    return django_user_model.objects.create_superuser("gardienne", "g@example.org", PASSWORD)


def _sign_in(client, password: str, username: str = "gardienne", **headers):
    return client.post(
        "/admin/login/", {"username": username, "password": password, "next": "/admin/"}, **headers
    )


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_sixth_attempt_refused_in_french_even_with_the_right_password(client, keeper):
    for _attempt in range(5):
        _sign_in(client, "mauvais")

    response = _sign_in(client, PASSWORD)

    assert response.status_code == 429
    html = response.content.decode()
    assert "Trop de tentatives de connexion" in html
    assert "pendant\n    15 minutes" in html or "pendant 15 minutes" in " ".join(html.split())
    assert not _signed_in(client)


def test_a_forged_forwarded_address_does_not_start_the_count_afresh(client, keeper):
    for attempt in range(5):
        _sign_in(client, "mauvais", HTTP_X_FORWARDED_FOR=f"81.250.17.{attempt + 1}")

    response = _sign_in(client, PASSWORD, HTTP_X_FORWARDED_FOR="90.12.40.7")

    assert response.status_code == 429
    assert not _signed_in(client)


def test_four_mistakes_then_the_right_password_signs_in(client, keeper):
    for _attempt in range(4):
        assert _sign_in(client, "mauvais").status_code == 200

    response = _sign_in(client, PASSWORD)

    assert response.status_code == 302
    assert _signed_in(client)


def test_lockout_holds_one_account_not_the_others_on_that_connection(
    client, keeper, django_user_model
):
    django_user_model.objects.create_superuser("collegue", "c@example.org", PASSWORD)
    for _attempt in range(5):
        _sign_in(client, "mauvais")

    response = _sign_in(client, PASSWORD, username="collegue")

    assert response.status_code == 302
    assert _signed_in(client)
