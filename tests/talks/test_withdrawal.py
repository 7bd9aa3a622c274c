"""The speaker withdraws: the talk leaves every public page and nothing of theirs remains."""

import pytest
from django.core import mail

from talks.call import talk_propose
from talks.models import (
    Evaluation,
    Remark,
    Talk,
    TalkContact,
    TalkStatus,
    TextVersion,
    TownAnswer,
)
from talks.withdrawal import talk_withdraw
from tests.factories.projects import ProjectFactory
from tests.factories.talks import (
    EveningFactory,
    RemarkFactory,
    TalkContactFactory,
    TownAnswerFactory,
)

pytestmark = pytest.mark.django_db

WORDS = "Claquemurés"


def test_withdraw_erases_everything_the_speaker_gave():
    contact = TalkContactFactory(
        talk__title=f"{WORDS} : six mois pour une clé",
        talk__speaker_name=f"Nadia {WORDS}",
        talk__summary=f"{WORDS} dans la cité.",
        talk__initiative=f"Le jardin des {WORDS}.",
        talk__decision_reason=f"Retenue : {WORDS}.",
        talk__project=ProjectFactory(),
        talk__slug="claquemures-six-mois",
    )
    talk = contact.talk
    remark = RemarkFactory(talk=talk)
    TownAnswerFactory(evaluation__talk=talk)
    assert Talk.objects.for_the_public().filter(pk=talk.pk).exists()

    talk_withdraw(talk=talk)

    talk.refresh_from_db()
    assert talk.status == TalkStatus.WITHDRAWN
    assert talk.withdrawn_at is not None
    assert not Talk.objects.for_the_public().filter(pk=talk.pk).exists()
    assert not talk.is_public
    assert TalkContact.objects.filter(talk=talk).count() == 0
    assert TextVersion.objects.filter(pk=remark.version_id).count() == 0
    assert Remark.objects.filter(talk=talk).count() == 0
    assert Evaluation.objects.filter(talk=talk).count() == 0
    assert TownAnswer.objects.count() == 0
    assert (talk.title, talk.speaker_name, talk.summary, talk.initiative) == (
        "Intervention retirée",
        "Intervenant retiré",
        "",
        "",
    )
    assert (talk.decision_reason, talk.project, talk.slug) == ("", None, f"retiree-{talk.pk}")
    stored = " ".join(
        str(value) for value in Talk.objects.filter(pk=talk.pk).values().get().values()
    )
    assert WORDS.lower() not in stored.lower()


def test_withdraw_twice_changes_nothing_more():
    talk = TalkContactFactory().talk
    first = talk_withdraw(talk=talk)

    second = talk_withdraw(talk=talk)

    assert second.withdrawn_at == first.withdrawn_at


def test_mail_queued_before_withdrawal_is_not_sent(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        talk = talk_propose(
            evening=EveningFactory(),
            title="Six mois pour une clé",
            speaker_name="Nadia B.",
            summary="Le jardin.",
            project=None,
            initiative="Un jardin partagé.",
            name="Nadia Benali",
            email="nadia@example.org",
        )
    talk_withdraw(talk=talk)
    for callback in callbacks:
        callback()

    assert mail.outbox == []
