"""The evaluation's rules: ratings only against an agreed agreement, the speaker's revisions,
the town's separate signed answer and its mail, and the public reads."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from talks.evaluations import (
    changes_asked,
    changes_asked_years,
    evaluation_ratings_apply,
    evaluation_submit,
    rating_label,
    talk_evaluation,
    town_answer_write,
)
from talks.models import Evaluation, TalkStatus, TownAnswer
from tests.factories.projects import AgreedVersionFactory, AgreementVersionFactory, ProjectFactory
from tests.factories.talks import (
    EvaluationFactory,
    EveningFactory,
    TalkContactFactory,
    TalkFactory,
    TownAnswerFactory,
)

pytestmark = pytest.mark.django_db

WORDS = {
    "what_worked": "Le prêt du broyeur.",
    "what_did_not": "Six mois pour une clé.",
    "town_should_change": "Un référent par projet.",
}


def agreed_talk(**kwargs):
    return TalkFactory(project=AgreedVersionFactory().project, **kwargs)


def test_ratings_apply_with_an_agreed_agreement():
    assert evaluation_ratings_apply(talk=agreed_talk()) is True


def test_ratings_do_not_apply_without_a_project():
    assert evaluation_ratings_apply(talk=TalkFactory(project=None)) is False


def test_ratings_do_not_apply_when_the_agreement_is_not_agreed_by_both_sides():
    version = AgreementVersionFactory(town_agreed_at=datetime.datetime.now(datetime.UTC))

    assert evaluation_ratings_apply(talk=TalkFactory(project=version.project)) is False


def test_ratings_do_not_apply_to_a_project_without_agreement():
    assert evaluation_ratings_apply(talk=TalkFactory(project=ProjectFactory())) is False


def test_submit_stores_the_speakers_words_and_ratings():
    talk = agreed_talk()

    evaluation = evaluation_submit(
        talk=talk, **WORDS, residents_rating=5, town_rating=2, ratings_comment="  Lent.  "
    )

    assert (evaluation.town_should_change, evaluation.residents_rating) == (
        "Un référent par projet.",
        5,
    )
    assert (evaluation.town_rating, evaluation.ratings_comment) == (2, "Lent.")


def test_submit_again_revises_the_same_evaluation():
    talk = TalkFactory()
    evaluation_submit(talk=talk, **WORDS)

    evaluation_submit(talk=talk, **{**WORDS, "what_worked": "Finalement, le local aussi."})

    assert list(Evaluation.objects.values_list("talk_id", "what_worked")) == [
        (talk.pk, "Finalement, le local aussi.")
    ]


def test_submit_refuses_ratings_without_an_agreement():
    talk = TalkFactory(project=ProjectFactory())

    with pytest.raises(ValidationError) as error:
        evaluation_submit(talk=talk, **WORDS, residents_rating=4, town_rating=4)

    assert sorted(error.value.message_dict) == ["residents_rating", "town_rating"]
    assert Evaluation.objects.count() == 0


def test_submit_asks_for_both_ratings_when_there_is_an_agreement():
    with pytest.raises(ValidationError) as error:
        evaluation_submit(talk=agreed_talk(), **WORDS, residents_rating=4)

    assert error.value.message_dict == {"town_rating": ["Choisissez une note de 1 à 5."]}


def test_submit_refuses_a_rating_out_of_range():
    with pytest.raises(ValidationError) as error:
        evaluation_submit(talk=agreed_talk(), **WORDS, residents_rating=6, town_rating=0)

    assert sorted(error.value.message_dict) == ["residents_rating", "town_rating"]


def test_submit_refuses_empty_texts():
    with pytest.raises(ValidationError) as error:
        evaluation_submit(talk=TalkFactory(), **{**WORDS, "what_did_not": "   "})

    assert error.value.message_dict == {"what_did_not": ["Écrivez quelques mots ici."]}


@pytest.mark.parametrize(
    "status", [TalkStatus.PROPOSED, TalkStatus.INVITED, TalkStatus.DECLINED, TalkStatus.WITHDRAWN]
)
def test_submit_only_for_a_talk_accepted(status):
    with pytest.raises(ValidationError):
        evaluation_submit(talk=TalkFactory(status=status), **WORDS)

    assert Evaluation.objects.count() == 0


def test_town_answer_is_separate_and_signed_and_the_evaluation_unchanged():
    evaluation = EvaluationFactory()
    before = Evaluation.objects.values().get(pk=evaluation.pk)

    answer = town_answer_write(
        evaluation=evaluation,
        body="  Un référent sera nommé.  ",
        signed_by=" Le maire ",
        user=None,
    )

    assert (answer.body, answer.signed_by, answer.evaluation_id) == (
        "Un référent sera nommé.",
        "Le maire",
        evaluation.pk,
    )
    assert Evaluation.objects.values().get(pk=evaluation.pk) == before


def test_town_answer_needs_a_signature():
    evaluation = EvaluationFactory()

    with pytest.raises(ValidationError) as error:
        town_answer_write(evaluation=evaluation, body="Nous verrons.", signed_by="  ", user=None)

    assert list(error.value.message_dict) == ["signed_by"]
    assert TownAnswer.objects.count() == 0


def test_town_answer_written_again_replaces_the_towns_text_only():
    answer = TownAnswerFactory()

    town_answer_write(
        evaluation=answer.evaluation, body="Corrigé.", signed_by="L'adjointe", user=None
    )

    assert list(TownAnswer.objects.values_list("body", "signed_by")) == [("Corrigé.", "L'adjointe")]


def test_the_speaker_is_mailed_after_commit_once(django_capture_on_commit_callbacks):
    contact = TalkContactFactory()
    evaluation = EvaluationFactory(talk=contact.talk)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        town_answer_write(evaluation=evaluation, body="Oui.", signed_by="Le maire", user=None)
        assert mail.outbox == []
    for callback in callbacks:
        callback()
    with django_capture_on_commit_callbacks(execute=True):
        town_answer_write(evaluation=evaluation, body="Oui !", signed_by="Le maire", user=None)

    assert [m.to for m in mail.outbox] == [[contact.email]]
    assert mail.outbox[0].subject == "La ville a répondu à votre évaluation du Ch'ti TAIDx"
    assert "Oui." in mail.outbox[0].body
    assert "/taidx/intervenant/" in mail.outbox[0].body


def test_no_mail_when_the_speaker_withdrew_before_sending(django_capture_on_commit_callbacks):
    contact = TalkContactFactory()
    evaluation = EvaluationFactory(talk=contact.talk)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        town_answer_write(evaluation=evaluation, body="Oui.", signed_by="Le maire", user=None)
    contact.delete()
    for callback in callbacks:
        callback()

    assert mail.outbox == []


def test_rating_label_says_words_and_number():
    assert (rating_label(1), rating_label(5), rating_label(None)) == (
        "1 sur 5 — pas tenus",
        "5 sur 5 — entièrement tenus",
        "",
    )


# The public reads ----------------------------------------------------------------------------


def at(year: int) -> datetime.datetime:
    return datetime.datetime(year, 6, 12, 18, 30, tzinfo=datetime.UTC)


def test_changes_asked_shows_only_public_talks():
    shown = EvaluationFactory()
    EvaluationFactory(talk=TalkFactory(status=TalkStatus.DECLINED))
    EvaluationFactory(talk=TalkFactory(status=TalkStatus.WITHDRAWN))
    EvaluationFactory(talk=TalkFactory(status=TalkStatus.PROPOSED))
    EvaluationFactory(talk=TalkFactory(evening=EveningFactory(published=False)))

    assert list(changes_asked()) == [shown]
    assert talk_evaluation(talk=shown.talk) == shown


def test_talk_evaluation_is_none_for_a_talk_not_public():
    evaluation = EvaluationFactory(talk=TalkFactory(evening=EveningFactory(published=False)))

    assert talk_evaluation(talk=evaluation.talk) is None


def test_changes_asked_newest_evening_first_and_by_year():
    old = EvaluationFactory(talk=TalkFactory(evening=EveningFactory(starts_at=at(2024))))
    new = EvaluationFactory(talk=TalkFactory(evening=EveningFactory(starts_at=at(2026))))
    EvaluationFactory(talk=TalkFactory(evening=EveningFactory(starts_at=at(2025), published=False)))

    assert list(changes_asked()) == [new, old]
    assert list(changes_asked(year=2024)) == [old]
    assert changes_asked_years() == [2026, 2024]
