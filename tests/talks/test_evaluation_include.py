"""``talks/includes/evaluation.html``: the evaluation as the talk's and the project's pages show
it, the ratings in words and numbers, the town's answer as a separate signed block."""

import pytest
from django.template.loader import render_to_string

from talks.evaluations import talk_evaluation
from tests.factories.talks import EvaluationFactory, TownAnswerFactory

pytestmark = pytest.mark.django_db


def render(evaluation) -> str:
    return render_to_string("talks/includes/evaluation.html", {"evaluation": evaluation})


def test_include_shows_the_words_and_the_ratings_in_words_and_numbers():
    evaluation = EvaluationFactory(
        what_worked="Le broyeur.",
        town_should_change="Un référent.",
        residents_rating=5,
        town_rating=2,
        ratings_comment="La ville a tardé.",
    )

    html = render(talk_evaluation(talk=evaluation.talk))

    assert "Le broyeur." in html
    assert "Un référent." in html
    assert "5 sur 5 — entièrement tenus" in html
    assert "2 sur 5 — peu tenus" in html
    assert "La ville a tardé." in html
    assert "La ville n'a pas encore répondu." in html


def test_include_without_ratings_shows_no_rating_block():
    evaluation = EvaluationFactory(residents_rating=None, town_rating=None)

    assert "sur 5" not in render(evaluation)


def test_include_shows_the_towns_answer_signed_apart():
    answer = TownAnswerFactory(body="Engagement pris.", signed_by="Le maire")

    html = render(talk_evaluation(talk=answer.evaluation.talk))

    assert '<aside class="callout taidx-town-answer"' in html
    assert "Engagement pris." in html
    assert "— Le maire" in html


def test_include_renders_without_a_query_once_read(django_assert_num_queries):
    answer = TownAnswerFactory()
    evaluation = talk_evaluation(talk=answer.evaluation.talk)

    with django_assert_num_queries(0):
        render(evaluation)


def test_include_renders_nothing_without_an_evaluation():
    assert render(None).strip() == ""
