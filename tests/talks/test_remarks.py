import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from outbox.models import OutgoingMail
from talks.emails import text_remarks_mail
from talks.models import RemarkKind, RemarkStatus, TalkStatus
from talks.permissions import HELPER_GROUP, TEAM_GROUP
from talks.remarks import (
    RemarkError,
    remark_accept,
    remark_add,
    remark_mark_seen,
    remark_refuse,
)
from talks.texts import text_mark_final, text_version_write
from tests.factories.talks import (
    RemarkFactory,
    TalkContactFactory,
    taidx_member,
)

pytestmark = pytest.mark.django_db

BODY = "La ville nous a prêté un broyeur, mais il a fallu six mois pour la clé."


@pytest.fixture
def helper():
    return taidx_member(group=HELPER_GROUP, full_name="Claire Dumont")


@pytest.fixture
def talk():
    talk = TalkContactFactory().talk
    text_version_write(talk=talk, body=BODY)
    return talk


def suggest(talk, helper, passage="six mois", replacement="six longs mois"):
    return remark_add(
        talk=talk,
        user=helper,
        kind=RemarkKind.SUGGESTION,
        passage=passage,
        comment="Plus parlant.",
        replacement=replacement,
    )


def test_helper_suggests_a_change_signed_with_their_name_and_the_text_stays(talk, helper):
    remark = suggest(talk, helper)

    assert (remark.author_name, remark.status, remark.version.number) == (
        "Claire Dumont",
        RemarkStatus.OPEN,
        1,
    )
    assert list(talk.text_versions.values_list("body", flat=True)) == [BODY]


def test_only_the_helper_remarks(talk):
    team_member = taidx_member(group=TEAM_GROUP, full_name="Marc Lefebvre")

    with pytest.raises(PermissionDenied):
        suggest(talk, team_member)


def test_passage_not_in_the_latest_version_is_refused_on_its_field(talk, helper):
    with pytest.raises(RemarkError, match="ne se trouve pas tel quel") as refused:
        suggest(talk, helper, passage="neuf mois")

    assert refused.value.field == "passage"


def test_suggestion_needs_a_replacement(talk, helper):
    with pytest.raises(RemarkError, match="propose un texte") as refused:
        suggest(talk, helper, replacement="  ")

    assert refused.value.field == "replacement"


def test_comment_needs_words(talk, helper):
    with pytest.raises(RemarkError) as refused:
        remark_add(talk=talk, user=helper, kind=RemarkKind.COMMENT, passage="six mois")

    assert refused.value.field == "comment"


def test_final_text_takes_no_remark(talk, helper):
    text_mark_final(talk=talk, publish=True)

    with pytest.raises(RemarkError, match="déclaré son texte final"):
        suggest(talk, helper)


def test_speaker_is_told_once_a_day_with_the_remarks_waiting(
    talk, helper, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        suggest(talk, helper)
        suggest(talk, helper, passage="un broyeur", replacement="un broyeur neuf")

    assert OutgoingMail.objects.count() == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [talk.contact.email]
    assert "Des remarques sur votre texte" in message.subject
    assert "Claire Dumont" in message.body
    assert "/texte/" in message.body


def test_no_mail_once_the_talk_is_withdrawn(talk, helper, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        suggest(talk, helper)
    talk.status = TalkStatus.WITHDRAWN
    talk.save()

    for callback in callbacks:
        callback()

    assert mail.outbox == []


def test_accept_makes_a_new_version_linked_to_the_remark(talk, helper):
    remark = suggest(talk, helper)

    remark = remark_accept(remark=remark, reply="D'accord.")

    latest = talk.text_versions.get(number=2)
    assert latest.body == BODY.replace("six mois", "six longs mois")
    assert (latest.from_remark, remark.status, remark.speaker_reply) == (
        remark,
        RemarkStatus.ACCEPTED,
        "D'accord.",
    )
    assert remark.decided_at is not None


def test_accept_a_passage_that_now_occurs_twice_asks_to_apply_it_by_hand(talk, helper):
    remark = suggest(talk, helper)
    text_version_write(talk=talk, body=f"{BODY} Oui, six mois.")

    with pytest.raises(RemarkError, match="Appliquez la suggestion à la main"):
        remark_accept(remark=remark)

    remark.refresh_from_db()
    assert remark.status == RemarkStatus.OPEN
    assert talk.text_versions.count() == 2


def test_accept_on_a_final_text_is_refused_and_changes_nothing(talk, helper):
    remark = suggest(talk, helper)
    text_mark_final(talk=talk, publish=False)

    with pytest.raises(Exception, match="déclaré ce texte final"):
        remark_accept(remark=remark)

    remark.refresh_from_db()
    assert (remark.status, talk.text_versions.count()) == (RemarkStatus.OPEN, 1)


def test_refuse_keeps_the_text(talk, helper):
    remark = suggest(talk, helper)

    remark = remark_refuse(remark=remark, reply="Je préfère mes mots.")

    assert (remark.status, remark.speaker_reply) == (RemarkStatus.REFUSED, "Je préfère mes mots.")
    assert talk.text_versions.count() == 1


def test_a_remark_is_answered_once(talk, helper):
    remark = suggest(talk, helper)
    remark_refuse(remark=remark)

    with pytest.raises(RemarkError, match="déjà répondu"):
        remark_accept(remark=remark)

    assert talk.text_versions.count() == 1


def test_comment_is_marked_seen_not_accepted():
    remark = RemarkFactory(kind=RemarkKind.COMMENT, replacement="")

    with pytest.raises(RemarkError):
        remark_accept(remark=remark)
    remark = remark_mark_seen(remark=remark, reply="Vu, merci.")

    assert remark.status == RemarkStatus.SEEN


def test_every_version_is_kept_after_accepts_and_refusals(talk, helper):
    first = suggest(talk, helper)
    second = suggest(talk, helper, passage="un broyeur", replacement="un broyeur neuf")
    third = suggest(talk, helper, passage="la clé", replacement="les clés")

    remark_accept(remark=first)
    remark_refuse(remark=second)
    remark_accept(remark=third)

    assert list(talk.text_versions.order_by("number").values_list("body", flat=True)) == [
        BODY,
        BODY.replace("six mois", "six longs mois"),
        BODY.replace("six mois", "six longs mois").replace("la clé", "les clés"),
    ]


def test_mail_builder_sends_nothing_when_no_remark_waits(talk, helper):
    remark = RemarkFactory(talk=talk, version=talk.text_versions.get(), status=RemarkStatus.SEEN)

    assert text_remarks_mail(object_id=remark.talk_id, payload={}) is None


def test_talk_no_longer_in_preparation_takes_no_remark(talk, helper):
    talk.status = TalkStatus.DECLINED
    talk.save()

    with pytest.raises(RemarkError, match="plus en préparation"):
        suggest(talk, helper)
