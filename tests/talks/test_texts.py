import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from talks.models import TalkStatus
from talks.texts import (
    DiffPart,
    TextError,
    text_for_the_public,
    text_latest,
    text_mark_final,
    text_passages,
    text_reopen,
    text_version_write,
    text_versions_diff,
)
from tests.factories.talks import RemarkFactory, TalkFactory, TextVersionFactory

pytestmark = pytest.mark.django_db


def test_versions_are_numbered_one_after_the_other():
    talk = TalkFactory()

    first = text_version_write(talk=talk, body="Une friche.")
    second = text_version_write(talk=talk, body="Une friche, puis un jardin.", note="La suite")

    assert [(first.number, second.number), text_latest(talk=talk)] == [(1, 2), second]
    assert second.note == "La suite"


def test_same_body_makes_no_version_whatever_the_line_breaks():
    talk = TalkFactory()
    text_version_write(talk=talk, body="Un jardin.\nDes voisines.")

    again = text_version_write(talk=talk, body="  Un jardin.\r\nDes voisines.\r\n")

    assert again is None
    assert talk.text_versions.count() == 1


def test_empty_body_is_refused():
    talk = TalkFactory()

    with pytest.raises(TextError, match="Le texte est vide"):
        text_version_write(talk=talk, body=" \r\n ")


def test_final_text_refuses_a_version_until_reopened():
    talk = TalkFactory()
    text_version_write(talk=talk, body="Version finale.")
    text_mark_final(talk=talk, publish=True)

    with pytest.raises(TextError, match="déclaré ce texte final"):
        text_version_write(talk=talk, body="Un changement.")
    text_reopen(talk=talk)
    version = text_version_write(talk=talk, body="Un changement.")

    assert version.number == 2


@pytest.mark.parametrize(
    "status",
    [TalkStatus.DECLINED, TalkStatus.INVITATION_DECLINED, TalkStatus.WITHDRAWN],
)
def test_talk_no_longer_in_preparation_refuses_a_version(status):
    talk = TalkFactory(status=status)

    with pytest.raises(TextError, match="plus en préparation"):
        text_version_write(talk=talk, body="Mon texte.")


@pytest.mark.parametrize("status", [TalkStatus.PROPOSED, TalkStatus.INVITED, TalkStatus.ACCEPTED])
def test_speaker_writes_from_the_proposal_on(status):
    talk = TalkFactory(status=status)

    assert text_version_write(talk=talk, body="Mon texte.").number == 1


def test_a_version_never_changes_once_written():
    version = TextVersionFactory(body="Tel que je l'ai écrit.")
    version.body = "Corrigé par quelqu'un d'autre."

    with pytest.raises(ValidationError):
        version.save()

    version.refresh_from_db()
    assert version.body == "Tel que je l'ai écrit."


def test_mark_final_records_the_consent_to_publish():
    talk = TalkFactory()
    text_version_write(talk=talk, body="Mon texte.")

    talk = text_mark_final(talk=talk, publish=False)

    assert (talk.text_is_final, talk.publish_text) == (True, False)


def test_mark_final_without_a_text_is_refused():
    with pytest.raises(TextError, match="Écrivez d'abord votre texte"):
        text_mark_final(talk=TalkFactory(), publish=True)


def test_reopen_withdraws_the_consent_to_publish():
    talk = TalkFactory()
    text_version_write(talk=talk, body="Mon texte.")
    text_mark_final(talk=talk, publish=True)

    talk = text_reopen(talk=talk)

    assert (talk.text_is_final, talk.publish_text) == (False, False)


def test_reopen_after_the_evening_is_refused():
    talk = TalkFactory(
        evening__starts_at=timezone.now() - datetime.timedelta(hours=1),
        text_final_at=timezone.now() - datetime.timedelta(days=1),
    )

    with pytest.raises(TextError, match="La soirée a eu lieu"):
        text_reopen(talk=talk)


def test_diff_shows_words_added_and_removed_and_keeps_paragraphs():
    talk = TalkFactory()
    old = TextVersionFactory(talk=talk, body="Il a fallu six mois.\n\nPuis la clé.")
    new = TextVersionFactory(talk=talk, body="Il a fallu neuf mois.\n\nPuis la clé, enfin.")

    diff = text_versions_diff(old=old, new=new)

    assert diff == [
        DiffPart("equal", "Il a fallu "),
        DiffPart("delete", "six"),
        DiffPart("insert", "neuf"),
        DiffPart("equal", " mois.\n\nPuis la "),
        DiffPart("delete", "clé."),
        DiffPart("insert", "clé, enfin."),
    ]


def test_diff_of_a_first_version_is_all_added():
    version = TextVersionFactory(body="Tout est neuf.")

    assert text_versions_diff(old=None, new=version) == [DiffPart("insert", "Tout est neuf.")]


def test_passages_mark_each_remark_once_and_skip_overlaps_and_missing_ones():
    version = TextVersionFactory(body="Six mois pour une clé, six mois de trop.")
    first = RemarkFactory(talk=version.talk, version=version, passage="six mois de trop")
    overlapping = RemarkFactory(talk=version.talk, version=version, passage="mois de")
    missing = RemarkFactory(talk=version.talk, version=version, passage="un an")

    passages = text_passages(body=version.body, remarks=[first, overlapping, missing])

    assert [(p.text, p.remark) for p in passages] == [
        ("Six mois pour une clé, ", None),
        ("six mois de trop", first),
        (".", None),
    ]


def test_public_text_is_the_final_version_only_with_the_speakers_consent():
    talk = TalkFactory()
    text_version_write(talk=talk, body="Brouillon.")
    draft = text_for_the_public(talk=talk)
    text_version_write(talk=talk, body="Version finale.")
    text_mark_final(talk=talk, publish=False)
    talk.refresh_from_db()
    without_consent = text_for_the_public(talk=talk)
    text_reopen(talk=talk)
    text_mark_final(talk=talk, publish=True)
    talk.refresh_from_db()

    assert (draft, without_consent) == (None, None)
    assert text_for_the_public(talk=talk).body == "Version finale."


@pytest.mark.parametrize("status", [TalkStatus.PROPOSED, TalkStatus.DECLINED])
def test_text_of_a_talk_not_public_is_never_public(status):
    talk = TalkFactory(status=status, publish_text=True, text_final_at=timezone.now())
    TextVersionFactory(talk=talk)

    assert text_for_the_public(talk=talk) is None
