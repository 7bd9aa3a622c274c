"""The call's public pages: propose without an account, the thanks page, the speaker's hub."""

import pytest
from django.core import mail

from talks.links import talk_speaker_path, talk_speaker_token
from talks.models import Talk, TalkOrigin, TalkStatus
from talks.withdrawal import talk_withdraw
from tests.factories.projects import ProjectFactory
from tests.factories.talks import (
    EveningFactory,
    TalkContactFactory,
    TalkFactory,
    TextVersionFactory,
    talk_proposal_form,
)
from tests.forms import error_summary

pytestmark = pytest.mark.django_db

PROPOSE = "/taidx/proposer/"


def _hub(talk) -> str:
    return talk_speaker_path(token=talk_speaker_token(talk=talk))


# Proposing -----------------------------------------------------------------------------------


def test_propose_lists_only_evenings_open_for_the_call_and_preselects_one(client, home_page):
    EveningFactory(title="Soirée fermée", call_open=False)
    wanted = EveningFactory(title="Soirée de mars")
    EveningFactory(title="Soirée d'avril")

    response = client.get(f"{PROPOSE}?soiree={wanted.slug}")

    html = response.content.decode()
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "Soirée fermée" not in html
    assert "Soirée d&#x27;avril" in html
    assert response.context["form"]["evening"].value() == wanted.pk
    assert 'name="website"' in html  # the honeypot


def test_propose_says_so_when_no_call_is_open(client, home_page):
    EveningFactory(call_open=False)

    response = client.get(PROPOSE)

    assert response.status_code == 200
    assert "Aucun appel à intervenants n'est ouvert en ce moment" in response.content.decode()


def test_propose_stores_the_talk_mails_after_commit_and_shows_the_private_link(
    client, home_page, django_capture_on_commit_callbacks
):
    evening = EveningFactory()
    project = ProjectFactory()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            PROPOSE, talk_proposal_form(evening=evening, project=str(project.pk), initiative="")
        )

    assert response.status_code == 302
    assert response["Location"] == "/taidx/proposer/merci/"
    talk = Talk.objects.get()
    assert (talk.status, talk.origin, talk.project, talk.contact.email) == (
        TalkStatus.PROPOSED,
        TalkOrigin.PROPOSED,
        project,
        "nadia@example.org",
    )
    assert len(mail.outbox) == 1
    link = f"http://testserver{_hub(talk)}"
    assert link in mail.outbox[0].body
    assert link in client.get(response["Location"]).content.decode()


def test_propose_errors_are_french_next_to_fields_and_input_kept(client, home_page):
    evening = EveningFactory()

    response = client.post(
        PROPOSE,
        talk_proposal_form(
            evening=evening,
            project=str(ProjectFactory().pk),
            email="pas-une-adresse",
            consent_public=None,
        ),
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert Talk.objects.count() == 0
    assert set(response.context["form"].errors) == {"email", "initiative", "consent_public"}
    assert "l&#x27;un ou l&#x27;autre, pas les deux" in html
    assert 'value="Six mois pour une clé"' in html
    assert "les six mois pour obtenir la clé du local" in html


def test_propose_refused_shows_one_summary_linking_to_the_field(client, home_page):
    response = client.post(
        PROPOSE, talk_proposal_form(evening=EveningFactory(), email="pas-une-adresse")
    )

    summary = error_summary(response.content.decode())
    assert summary.links == {"Votre adresse e-mail": "champ-email"}
    assert summary.text.startswith("Un champ est à corriger")
    assert summary.focusable


def test_propose_honeypot_looks_accepted_and_stores_nothing(client, home_page):
    response = client.post(
        PROPOSE, talk_proposal_form(evening=EveningFactory(), website="http://spam.example")
    )

    assert response.status_code == 302
    assert Talk.objects.count() == 0
    assert mail.outbox == []


def test_propose_is_rate_limited_with_the_text_kept(client, home_page, settings):
    settings.PUBLIC_FORM_RATE_LIMITS = {
        **settings.PUBLIC_FORM_RATE_LIMITS,
        "talk_proposal": {"seconds": 3600, "address": 1, "email": None},
    }
    evening = EveningFactory()
    client.post(PROPOSE, talk_proposal_form(evening=evening))

    response = client.post(PROPOSE, talk_proposal_form(evening=evening, title="Deuxième essai"))

    html = response.content.decode()
    assert response.status_code == 429
    assert Talk.objects.count() == 1
    assert "celui-ci n&#x27;est pas enregistré" in html
    assert 'value="Deuxième essai"' in html


# The speaker's hub ----------------------------------------------------------------------------


def test_hub_with_a_forged_link_is_404(client, home_page):
    assert client.get("/taidx/intervenant/pas-un-vrai-lien/").status_code == 404


def test_hub_of_a_withdrawn_talk_is_410(client, home_page):
    talk = TalkContactFactory().talk
    path = _hub(talk)
    talk_withdraw(talk=talk)

    response = client.get(path)

    assert response.status_code == 410
    assert "Cette intervention a été retirée" in response.content.decode()


def test_hub_of_a_declined_proposal_shows_the_team_reason(client, home_page):
    talk = TalkFactory(status=TalkStatus.DECLINED, decision_reason="La soirée est complète.")

    html = client.get(_hub(talk)).content.decode()

    assert "La soirée est complète." in html
    assert "/texte/" not in html


def test_hub_of_an_accepted_talk_links_to_text_and_evaluation(client, home_page):
    talk = TalkFactory(status=TalkStatus.ACCEPTED, evening__place_label="Base 11/19")

    response = client.get(_hub(talk))

    html = response.content.decode()
    assert response["Cache-Control"] == "private, no-store"
    assert f'href="{_hub(talk)}texte/"' in html
    assert f'href="{_hub(talk)}evaluation/"' in html
    assert "Base 11/19" in html
    assert f'href="{_hub(talk)}retirer/"' in html


@pytest.mark.parametrize(
    ("answer", "status"),
    [("yes", TalkStatus.ACCEPTED), ("no", TalkStatus.INVITATION_DECLINED)],
)
def test_invited_speaker_answers_from_the_hub(client, home_page, answer, status):
    talk = TalkFactory(status=TalkStatus.INVITED, origin=TalkOrigin.INVITED)
    assert 'name="answer"' in client.get(_hub(talk)).content.decode()

    response = client.post(f"{_hub(talk)}invitation/", {"answer": answer, "reason": ""})

    assert response.status_code == 302
    talk.refresh_from_db()
    assert talk.status == status


def test_invitation_answer_without_a_choice_says_so(client, home_page):
    talk = TalkFactory(status=TalkStatus.INVITED)

    response = client.post(f"{_hub(talk)}invitation/", {"reason": "Hmm"})

    assert "Choisissez : accepter ou décliner." in response.content.decode()
    talk.refresh_from_db()
    assert talk.status == TalkStatus.INVITED


@pytest.mark.parametrize("n", [1, 30])
def test_hub_queries_do_not_grow(client, home_page, django_assert_num_queries, n):
    talk = TalkFactory(status=TalkStatus.ACCEPTED)
    for _ in range(n):
        TalkFactory(evening=talk.evening)
        TextVersionFactory(talk=talk)
    client.get(_hub(talk))  # the site's footer settings are made on the first page

    # The talk with its evening; the site, its restrictions, the footer settings.
    with django_assert_num_queries(3):
        response = client.get(_hub(talk))

    assert response.status_code == 200


# Withdrawing ---------------------------------------------------------------------------------


def test_withdraw_asks_then_withdraws(client, home_page):
    talk = TalkContactFactory().talk

    confirm = client.get(f"{_hub(talk)}retirer/")
    response = client.post(f"{_hub(talk)}retirer/")

    assert "Oui, retirer définitivement" in confirm.content.decode()
    assert response.status_code == 302
    talk.refresh_from_db()
    assert talk.status == TalkStatus.WITHDRAWN
    assert client.get(f"{_hub(talk)}retirer/").status_code == 410


@pytest.mark.parametrize("action", ["invitation/", "retirer/"])
def test_speaker_actions_with_a_forged_link_are_404(client, home_page, action):
    assert client.post(f"/taidx/intervenant/pas-un-vrai-lien/{action}").status_code == 404
