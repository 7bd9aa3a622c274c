"""The private status link is never lost: shown on the thanks page, and sent again on demand
(« Renvoyer mes liens ») to the address that owns it, and only there."""

import re

import pytest
from django.core import mail
from django.core.cache import cache

from archive.contributions.links import contribution_status_token
from archive.models import Contribution
from festival.models import SignupStatus
from tests.factories.archive import ArchiveItemPageFactory, contribution_data, contribution_form
from tests.factories.volunteers import SignupFactory, VolunteerFactory

pytestmark = pytest.mark.django_db

LINKS_URL = "/contribuer/mes-liens/"


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()  # the rate limits count in the cache
    yield
    cache.clear()


def _contribution(**fields) -> Contribution:
    return Contribution.objects.create(
        **{k: v for k, v in contribution_data(**fields).items() if k != "themes"}
    )


def _ask(client, email, **extra):
    return client.post(LINKS_URL, {"email": email}, **extra)


def test_thanks_page_shows_the_private_link_and_says_to_bookmark_it(client, archive_index):
    response = client.post(
        "/contribuer/",
        contribution_form(),
        follow=True,
    )

    html = response.content.decode()
    [token] = re.findall(r'href="http://testserver/contribuer/suivi/([^/"]+)/"', html)
    assert client.get(f"/contribuer/suivi/{token}/").context["contribution"].title == (
        "Le bal de la fanfare"
    )
    assert "favoris" in html
    assert f'href="{LINKS_URL}"' in html
    assert response["Cache-Control"] == "private, no-store"


def test_thanks_page_without_a_contribution_shows_no_link(client, archive_index):
    html = client.get("/contribuer/merci/").content.decode()

    assert "/contribuer/suivi/" not in html
    assert f'href="{LINKS_URL}"' in html


def test_status_page_links_to_the_resend_form(client, archive_index):
    token = contribution_status_token(contribution=_contribution())

    assert f'href="{LINKS_URL}"' in client.get(f"/contribuer/suivi/{token}/").content.decode()


def test_resend_sends_every_private_link_of_the_address_to_it_only(
    client, archive_index, django_capture_on_commit_callbacks
):
    mine = [_contribution(title="La fosse 11"), _contribution(title="Le terril")]
    _contribution(title="Pas à moi", email="voisine@example.org")
    item = ArchiveItemPageFactory(parent=archive_index, title="Le bal")
    item.save_revision().publish()
    item.additions.create(
        comment="Mon oncle", credit_name="J.", email="Jeannine.Dupont@example.org"
    )
    unconfirmed = SignupFactory(
        volunteer=VolunteerFactory(email="jeannine.dupont@example.org"),
        status=SignupStatus.PENDING,
        email_confirmed_at=None,
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = _ask(client, "jeannine.dupont@example.org")

    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == ["jeannine.dupont@example.org"]
    tokens = re.findall(r"/contribuer/suivi/([^/\s]+)/", message.body)
    shown = [client.get(f"/contribuer/suivi/{t}/").context["contribution"] for t in tokens]
    assert sorted(c.pk for c in shown) == sorted(c.pk for c in mine)
    assert "Pas à moi" not in message.body
    assert "« Le bal » : à relire" in message.body
    assert unconfirmed.volunteer.edition.title in message.body
    [my_shifts] = re.findall(r"/benevoles/mes-creneaux/([^/\s]+)/", message.body)
    assert client.get(f"/benevoles/mes-creneaux/{my_shifts}/").status_code == 200
    assert "/benevoles/confirmer/" in message.body  # still to confirm


def test_resend_answers_the_same_for_an_unknown_address_and_mails_nobody(
    client, archive_index, django_capture_on_commit_callbacks
):
    _contribution()

    with django_capture_on_commit_callbacks(execute=True):
        known = _ask(client, "jeannine.dupont@example.org", follow=True)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        unknown = _ask(client, "inconnu@example.org", follow=True)

    assert unknown.status_code == known.status_code == 200
    assert unknown.redirect_chain == known.redirect_chain
    strip = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
    assert strip.sub("", unknown.content.decode()) == strip.sub("", known.content.decode())
    assert "Si cette adresse a servi sur le site" in unknown.content.decode()
    assert mail.outbox == []  # a stranger's mailbox gets nothing from this form


def test_resend_form_keeps_the_address_and_explains_in_french(client, archive_index):
    response = _ask(client, "jeannine@")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Cette adresse semble incomplète" in html
    assert 'value="jeannine@"' in html


def test_resend_is_rate_limited_per_address(
    client, archive_index, settings, django_capture_on_commit_callbacks
):
    settings.PUBLIC_FORM_RATE_LIMITS = {
        **settings.PUBLIC_FORM_RATE_LIMITS,
        "links_resend": {"seconds": 3600, "address": 100, "email": 2},
    }
    _contribution()

    with django_capture_on_commit_callbacks(execute=True):
        answers = [
            _ask(client, "Jeannine.Dupont@example.org", REMOTE_ADDR=f"203.0.113.{n}")
            for n in range(3)
        ]

    assert [a.status_code for a in answers] == [302, 302, 429]
    assert "envois sont partis de cette connexion" in answers[-1].content.decode()
    assert len(mail.outbox) == 2
