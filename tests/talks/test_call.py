"""The call's services: propose, invite, answer, decide, and who is suggested for invitation."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from outbox.models import OutgoingMail
from projects.models import ProjectStatus
from talks.call import (
    ALLOWED_MOVES,
    evening_call_is_open,
    evenings_open_for_call,
    invitation_candidates,
    talk_decide,
    talk_invitation_answer,
    talk_invite,
    talk_propose,
)
from talks.links import talk_speaker_url
from talks.models import Talk, TalkContact, TalkOrigin, TalkStatus
from tests.factories.projects import ProjectContactFactory, ProjectFactory
from tests.factories.talks import EveningFactory, TalkContactFactory, TalkFactory, in_days

pytestmark = pytest.mark.django_db


def _propose(evening, **overrides):
    fields = {
        "evening": evening,
        "title": "Six mois pour une clé",
        "speaker_name": "Nadia B.",
        "summary": "Le jardin, et les six mois pour obtenir la clé.",
        "project": None,
        "initiative": "Un jardin partagé sur une friche.",
        "name": "Nadia Benali",
        "email": "nadia@example.org",
        "phone": "",
        "site_url": "https://gohelliades.example/",
    }
    fields.update(overrides)
    return talk_propose(**fields)


def test_evenings_open_for_call_are_published_open_and_to_come():
    open_one = EveningFactory(starts_at=in_days(20))
    EveningFactory(call_open=False)
    EveningFactory(published=False)
    EveningFactory(starts_at=in_days(-3))
    EveningFactory(call_closes_on=timezone.localdate() - datetime.timedelta(days=1))
    closing_today = EveningFactory(starts_at=in_days(40), call_closes_on=timezone.localdate())

    assert list(evenings_open_for_call()) == [open_one, closing_today]


def test_propose_stores_talk_and_contact_then_mails_the_private_link_after_commit(
    django_capture_on_commit_callbacks,
):
    evening = EveningFactory()

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        talk = _propose(evening)
        # Stored before anything is sent: the mail waits for the commit.
        assert Talk.objects.get().status == TalkStatus.PROPOSED
        assert TalkContact.objects.get().email == "nadia@example.org"
        assert mail.outbox == []
    for callback in callbacks:
        callback()

    assert (talk.status, talk.origin, talk.slug) == (
        TalkStatus.PROPOSED,
        TalkOrigin.PROPOSED,
        "six-mois-pour-une-cle",
    )
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["nadia@example.org"]
    assert talk_speaker_url(talk=talk, site_url="https://gohelliades.example") in (
        mail.outbox[0].body
    )


def test_propose_slug_is_unique_within_the_evening_only():
    evening, other = EveningFactory(), EveningFactory()

    first = _propose(evening)
    second = _propose(evening, email="autre@example.org")
    elsewhere = _propose(other)

    assert [first.slug, second.slug, elsewhere.slug] == [
        "six-mois-pour-une-cle",
        "six-mois-pour-une-cle-2",
        "six-mois-pour-une-cle",
    ]


@pytest.mark.parametrize("with_project", [True, False], ids=["both", "neither"])
def test_propose_tells_exactly_one_project_or_initiative(with_project):
    project = ProjectFactory() if with_project else None
    initiative = "Un jardin." if with_project else "  "

    with pytest.raises(ValidationError) as error:
        _propose(EveningFactory(), project=project, initiative=initiative)

    assert list(error.value.message_dict) == ["initiative"]
    assert Talk.objects.count() == 0


def test_propose_refuses_an_evening_whose_call_is_closed():
    with pytest.raises(ValidationError) as error:
        _propose(EveningFactory(call_open=False))

    assert error.value.message_dict == {
        "evening": ["L'appel à intervenants de cette soirée est fermé."]
    }
    assert Talk.objects.count() == 0


def test_invite_mails_the_team_message_and_the_private_link(django_capture_on_commit_callbacks):
    project = ProjectFactory(status=ProjectStatus.COMPLETED)

    with django_capture_on_commit_callbacks(execute=True):
        talk = talk_invite(
            evening=EveningFactory(call_open=False),
            title="La haie, cinq ans après",
            speaker_name="Chantal L.",
            name="Chantal Lefebvre",
            email="chantal@example.org",
            phone="",
            project=project,
            initiative="",
            message="Votre regard critique nous intéresse.",
            site_url="https://gohelliades.example/",
        )

    assert (talk.status, talk.origin, talk.project) == (
        TalkStatus.INVITED,
        TalkOrigin.INVITED,
        project,
    )
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "Votre regard critique nous intéresse." in body
    assert talk_speaker_url(talk=talk, site_url="https://gohelliades.example") in body


@pytest.mark.parametrize(
    ("accept", "status"),
    [(True, TalkStatus.ACCEPTED), (False, TalkStatus.INVITATION_DECLINED)],
)
def test_invitation_answer_moves_the_talk(accept, status):
    talk = TalkFactory(status=TalkStatus.INVITED, origin=TalkOrigin.INVITED)

    talk_invitation_answer(talk=talk, accept=accept, reason="Pas cette année.")

    talk.refresh_from_db()
    assert talk.status == status
    assert talk.decided_at is not None


def test_invitation_is_answered_once():
    talk = TalkFactory(status=TalkStatus.INVITED)
    talk_invitation_answer(talk=talk, accept=False)

    with pytest.raises(ValidationError):
        talk_invitation_answer(talk=talk, accept=True)

    talk.refresh_from_db()
    assert talk.status == TalkStatus.INVITATION_DECLINED


def test_decline_needs_a_reason():
    talk = TalkContactFactory(talk__status=TalkStatus.PROPOSED).talk

    with pytest.raises(ValidationError) as error:
        talk_decide(talk=talk, accept=False, reason="  ")

    assert list(error.value.message_dict) == ["reason"]
    talk.refresh_from_db()
    assert talk.status == TalkStatus.PROPOSED
    assert OutgoingMail.objects.count() == 0


def test_decline_is_mailed_with_its_reason_once(django_capture_on_commit_callbacks):
    talk = TalkContactFactory(talk__status=TalkStatus.PROPOSED).talk

    with django_capture_on_commit_callbacks(execute=True):
        talk_decide(talk=talk, accept=False, reason="La soirée est complète.")
    with pytest.raises(ValidationError), django_capture_on_commit_callbacks(execute=True):
        talk_decide(talk=talk, accept=True, reason="")

    talk.refresh_from_db()
    assert (talk.status, talk.decision_reason) == (TalkStatus.DECLINED, "La soirée est complète.")
    assert talk.decided_at is not None
    assert len(mail.outbox) == 1
    assert "La soirée est complète." in mail.outbox[0].body
    assert "non retenue" in mail.outbox[0].subject.lower()


def test_accept_is_mailed_with_the_private_link(django_capture_on_commit_callbacks):
    talk = TalkContactFactory(talk__status=TalkStatus.PROPOSED).talk

    with django_capture_on_commit_callbacks(execute=True):
        talk_decide(talk=talk, accept=True, reason="")

    talk.refresh_from_db()
    assert talk.status == TalkStatus.ACCEPTED
    assert len(mail.outbox) == 1
    assert talk_speaker_url(talk=talk) in mail.outbox[0].body


def test_only_a_proposal_is_decided_by_the_team():
    talk = TalkContactFactory(talk__status=TalkStatus.INVITED).talk

    with pytest.raises(ValidationError):
        talk_decide(talk=talk, accept=True, reason="")

    talk.refresh_from_db()
    assert talk.status == TalkStatus.INVITED


def test_every_status_has_its_allowed_moves_and_withdrawn_is_the_end():
    assert set(ALLOWED_MOVES) == set(TalkStatus.values)
    assert ALLOWED_MOVES[TalkStatus.WITHDRAWN] == frozenset()
    assert all(
        TalkStatus.WITHDRAWN in moves
        for status, moves in ALLOWED_MOVES.items()
        if status != TalkStatus.WITHDRAWN
    )


def test_candidates_are_completed_projects_no_talk_tells_with_their_lead():
    evening = EveningFactory()
    lead = ProjectContactFactory(
        project__status=ProjectStatus.COMPLETED, name="Chantal Lefebvre", email="c@example.org"
    )
    told = ProjectFactory(status=ProjectStatus.COMPLETED)
    TalkFactory(project=told, status=TalkStatus.PROPOSED)
    told_then_withdrawn = ProjectFactory(status=ProjectStatus.COMPLETED)
    TalkFactory(project=told_then_withdrawn, status=TalkStatus.WITHDRAWN)
    ProjectFactory(status=ProjectStatus.RUNNING)

    candidates = invitation_candidates(evening=evening)

    assert sorted((c.project.pk, c.name, c.email) for c in candidates) == sorted(
        [
            (lead.project.pk, "Chantal Lefebvre", "c@example.org"),
            (told_then_withdrawn.pk, "", ""),
        ]
    )


def test_invite_refuses_an_evening_already_held():
    with pytest.raises(ValidationError):
        talk_invite(
            evening=EveningFactory(starts_at=in_days(-1)),
            title="Trop tard",
            speaker_name="Marc D.",
            name="Marc Dupont",
            email="marc@example.org",
            initiative="Un café associatif.",
        )

    assert Talk.objects.count() == 0


def test_evening_call_is_open_reads_the_same_rule():
    assert evening_call_is_open(evening=EveningFactory()) is True
    assert evening_call_is_open(evening=EveningFactory(call_open=False)) is False
