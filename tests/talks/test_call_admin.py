"""The call in the admin: the talks' list, the talk's page and decision, the invitations, and
who may do what (the team yes, « Accompagnement » no, visitors to the login)."""

import pytest
from django.core import mail

from projects.models import ProjectStatus
from talks.call_admin import TALK_PUBLIC_FIELDS
from talks.models import Talk, TalkOrigin, TalkStatus
from talks.permissions import HELPER_GROUP
from tests.factories.projects import ProjectContactFactory
from tests.factories.talks import (
    EveningFactory,
    TalkContactFactory,
    TalkFactory,
    in_days,
    taidx_member,
)

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/taidx/interventions/"


def _talk_url(talk) -> str:
    return f"/admin/taidx/appel/{talk.pk}/"


def _invite_url(evening) -> str:
    return f"/admin/taidx/appel/soirees/{evening.pk}/inviter/"


# The list -----------------------------------------------------------------------------------


def test_list_filters_by_evening_and_status(team_client, home_page):
    evening = EveningFactory()
    TalkFactory(evening=evening, title="Retenue ici", status=TalkStatus.ACCEPTED)
    TalkFactory(evening=evening, title="Reçue ici", status=TalkStatus.PROPOSED)
    TalkFactory(title="Reçue ailleurs", status=TalkStatus.PROPOSED)

    response = team_client.get(LIST_URL, {"evening": evening.pk, "status": "proposed"})

    html = response.content.decode()
    assert response.status_code == 200
    assert ("Reçue ici" in html, "Retenue ici" in html, "Reçue ailleurs" in html) == (
        True,
        False,
        False,
    )


@pytest.mark.parametrize("n", [1, 30])
def test_list_queries_do_not_grow(team_client, home_page, django_assert_num_queries, n):
    for i in range(n):
        TalkFactory(title=f"Intervention {i}")
    team_client.get(LIST_URL)

    with django_assert_num_queries(12):
        response = team_client.get(LIST_URL)

    html = response.content.decode()
    assert response.status_code == 200
    assert sum(f"Intervention {i}\n" in html for i in range(n)) == min(n, 20)


def test_edit_form_offers_only_the_public_fields(team_client, home_page):
    talk = TalkFactory()

    response = team_client.get(f"{LIST_URL}edit/{talk.pk}/")

    assert response.status_code == 200
    assert list(response.context["form"].fields) == TALK_PUBLIC_FIELDS


def test_the_admin_neither_adds_nor_deletes_talks(team_client, home_page):
    talk = TalkFactory()

    assert team_client.get(f"{LIST_URL}new/").status_code in (302, 403)
    assert team_client.post(f"{LIST_URL}delete/{talk.pk}/").status_code in (302, 403)
    assert Talk.objects.filter(pk=talk.pk).exists()


# The talk's page and the decision ------------------------------------------------------------


def test_talk_page_shows_proposal_and_private_contact(team_client, home_page):
    contact = TalkContactFactory(
        talk__status=TalkStatus.PROPOSED, email="nadia@example.org", talk__initiative="Un jardin"
    )

    html = team_client.get(_talk_url(contact.talk)).content.decode()

    assert "nadia@example.org" in html
    assert "Un jardin" in html
    assert 'value="decline"' in html


def test_team_accepts_a_proposal_and_the_speaker_is_mailed(
    team_client, home_page, django_capture_on_commit_callbacks
):
    talk = TalkContactFactory(talk__status=TalkStatus.PROPOSED).talk

    with django_capture_on_commit_callbacks(execute=True):
        response = team_client.post(_talk_url(talk), {"action": "accept", "reason": ""})

    assert response.status_code == 302
    talk.refresh_from_db()
    assert talk.status == TalkStatus.ACCEPTED
    assert len(mail.outbox) == 1


def test_team_declining_without_a_reason_is_told_why_next_to_the_field(team_client, home_page):
    talk = TalkContactFactory(talk__status=TalkStatus.PROPOSED).talk

    response = team_client.post(_talk_url(talk), {"action": "decline", "reason": ""})

    assert response.status_code == 200
    assert response.context["decision_form"].errors == {
        "reason": [
            "Dites pourquoi l'intervention n'est pas retenue : le motif est envoyé à l'intervenant."
        ]
    }
    talk.refresh_from_db()
    assert talk.status == TalkStatus.PROPOSED


def test_team_declines_with_a_reason_mailed_once(
    team_client, home_page, django_capture_on_commit_callbacks
):
    talk = TalkContactFactory(talk__status=TalkStatus.PROPOSED).talk

    with django_capture_on_commit_callbacks(execute=True):
        team_client.post(_talk_url(talk), {"action": "decline", "reason": "Soirée complète."})
        again = team_client.post(_talk_url(talk), {"action": "decline", "reason": "Encore."})

    talk.refresh_from_db()
    assert (talk.status, talk.decision_reason) == (TalkStatus.DECLINED, "Soirée complète.")
    assert again.status_code == 200
    assert len(mail.outbox) == 1


# Inviting ------------------------------------------------------------------------------------


def test_invite_page_suggests_the_lead_of_a_completed_project_and_prefills(team_client, home_page):
    evening = EveningFactory()
    lead = ProjectContactFactory(
        project__status=ProjectStatus.COMPLETED, name="Chantal Lefebvre", email="c@example.org"
    )

    listed = team_client.get(_invite_url(evening)).content.decode()
    prefilled = team_client.get(_invite_url(evening), {"projet": lead.project.pk})

    assert "Chantal Lefebvre" in listed
    assert prefilled.context["form"].initial["email"] == "c@example.org"
    assert prefilled.context["form"].initial["project"] == lead.project


def test_team_invites_and_the_invitation_is_mailed(
    team_client, home_page, django_capture_on_commit_callbacks
):
    evening = EveningFactory()

    with django_capture_on_commit_callbacks(execute=True):
        response = team_client.post(
            _invite_url(evening),
            {
                "title": "Le café associatif",
                "speaker_name": "Marc D.",
                "name": "Marc Dupont",
                "email": "marc@example.org",
                "phone": "",
                "project": "",
                "initiative": "Un café associatif ouvert sans la ville.",
                "message": "Votre regard critique compte.",
            },
        )

    talk = Talk.objects.get()
    assert response.status_code == 302
    assert (talk.status, talk.origin, talk.evening) == (
        TalkStatus.INVITED,
        TalkOrigin.INVITED,
        evening,
    )
    assert len(mail.outbox) == 1
    assert "Votre regard critique compte." in mail.outbox[0].body


# Who may ------------------------------------------------------------------------------------


def test_helper_can_neither_decide_nor_invite(helper_client, home_page):
    talk = TalkContactFactory(talk__status=TalkStatus.PROPOSED).talk
    evening = EveningFactory()
    # Wagtail answers a refusal with 403 to scripts, and sends a browser back to the dashboard.
    xhr = {"headers": {"x-requested-with": "XMLHttpRequest"}}

    decide = helper_client.post(_talk_url(talk), {"action": "accept"}, **xhr)
    invite_page = helper_client.get(_invite_url(evening), **xhr)
    invite = helper_client.post(_invite_url(evening), {"title": "X"}, **xhr)
    by_browser = helper_client.post(_talk_url(talk), {"action": "accept"})

    assert (decide.status_code, invite_page.status_code, invite.status_code) == (403, 403, 403)
    assert (by_browser.status_code, by_browser["Location"]) == (302, "/admin/")
    talk.refresh_from_db()
    assert talk.status == TalkStatus.PROPOSED
    assert Talk.objects.count() == 1


def test_helper_does_not_see_the_private_contact(helper_client, home_page):
    talk = TalkContactFactory(email="nadia@example.org").talk

    response = helper_client.get(_talk_url(talk))

    assert response.status_code == 200
    assert "nadia@example.org" not in response.content.decode()


def test_anonymous_is_sent_to_the_login(client, home_page):
    talk = TalkFactory()

    for url in (LIST_URL, _talk_url(talk), _invite_url(talk.evening)):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")


def test_superuser_decides(client, home_page, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("admin", "a@x.fr", "pw"))
    talk = TalkContactFactory(talk__status=TalkStatus.PROPOSED).talk

    client.post(_talk_url(talk), {"action": "accept"})

    talk.refresh_from_db()
    assert talk.status == TalkStatus.ACCEPTED


def test_menu_offers_inviting_to_the_team_only(team_client, home_page, django_user_model):
    team_menu = team_client.get("/admin/").content.decode()
    team_client.force_login(taidx_member(group=HELPER_GROUP))
    helper_menu = team_client.get("/admin/").content.decode()

    assert ("taidx-interventions" in team_menu, "taidx-inviter" in team_menu) == (True, True)
    assert ("taidx-interventions" in helper_menu, "taidx-inviter" in helper_menu) == (True, False)


def test_dashboard_lists_proposals_awaiting_a_decision_for_the_team(
    team_client, home_page, django_user_model
):
    TalkFactory(title="En attente de décision", status=TalkStatus.PROPOSED)
    TalkFactory(title="Déjà retenue", status=TalkStatus.ACCEPTED)

    team_home = team_client.get("/admin/").content.decode()
    team_client.force_login(taidx_member(group=HELPER_GROUP))
    helper_home = team_client.get("/admin/").content.decode()

    assert "1 proposition d'intervention Ch'ti TAIDx attend une décision" in team_home
    assert ("En attente de décision" in team_home, "Déjà retenue" in team_home) == (True, False)
    assert "En attente de décision" not in helper_home


def test_a_past_evening_takes_no_invitation(team_client, home_page):
    evening = EveningFactory(starts_at=in_days(-2))

    assert team_client.get(_invite_url(evening)).status_code == 404
