"""« Évaluations » in the admin: the team reads and answers in its own signed text; nobody, not
even a superuser, changes the resident's evaluation; the « Accompagnement » helper may not
answer."""

import pytest
from django.core import mail
from django.urls import reverse

from talks.models import Evaluation, TownAnswer
from tests.factories.talks import (
    EvaluationFactory,
    TalkContactFactory,
    TalkFactory,
    TownAnswerFactory,
)

pytestmark = pytest.mark.django_db

INDEX_URL = "/admin/taidx/evaluations/"


def detail_url(evaluation) -> str:
    return reverse("taidx_evaluations:detail", args=[evaluation.pk])


def test_index_address_is_under_the_taidx_admin():
    assert reverse("taidx_evaluations:index") == INDEX_URL


def test_team_lists_evaluations_answered_or_not(team_client, home_page):
    TownAnswerFactory(
        evaluation=EvaluationFactory(talk=TalkFactory(title="Le jardin")), signed_by="Le maire"
    )
    EvaluationFactory(talk=TalkFactory(title="La MAM"))

    html = team_client.get(INDEX_URL).content.decode()
    waiting = team_client.get(INDEX_URL, {"reponse": "sans"}).content.decode()

    assert "Le jardin" in html
    assert "Répondu (signée par Le maire)" in html
    assert "La MAM" in html
    assert "Pas encore de réponse" in html
    assert "Le jardin" not in waiting
    assert "La MAM" in waiting


def test_menu_offers_evaluations_to_the_team(team_client, home_page):
    assert INDEX_URL in team_client.get("/admin/").content.decode()


def test_team_reads_the_evaluation_and_answers_signed(
    team_client, home_page, django_capture_on_commit_callbacks
):
    contact = TalkContactFactory()
    evaluation = EvaluationFactory(talk=contact.talk, what_did_not="La clé, six mois.")
    before = Evaluation.objects.values().get(pk=evaluation.pk)
    assert "La clé, six mois." in team_client.get(detail_url(evaluation)).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = team_client.post(
            detail_url(evaluation), {"body": "Un référent sera nommé.", "signed_by": "Le maire"}
        )

    assert response.status_code == 302
    assert list(TownAnswer.objects.values_list("evaluation_id", "body", "signed_by")) == [
        (evaluation.pk, "Un référent sera nommé.", "Le maire")
    ]
    assert Evaluation.objects.values().get(pk=evaluation.pk) == before
    assert [m.to for m in mail.outbox] == [[contact.email]]


def test_answer_without_signature_keeps_what_was_typed(team_client, home_page):
    evaluation = EvaluationFactory()

    response = team_client.post(detail_url(evaluation), {"body": "Réponse à signer."})
    html = response.content.decode()

    assert response.status_code == 200
    assert "Une réponse de la ville est signée" in html
    assert "Réponse à signer." in html
    assert TownAnswer.objects.count() == 0


def test_superuser_posting_evaluation_fields_changes_nothing_of_it(admin_client, home_page):
    evaluation = EvaluationFactory()
    before = Evaluation.objects.values().get(pk=evaluation.pk)

    admin_client.post(
        detail_url(evaluation),
        {
            "what_worked": "Rien.",
            "what_did_not": "Réécrit par la mairie.",
            "town_should_change": "Rien du tout.",
            "residents_rating": "1",
            "town_rating": "5",
            "ratings_comment": "Tout va bien.",
            "body": "Merci.",
            "signed_by": "Le maire",
        },
    )

    assert Evaluation.objects.values().get(pk=evaluation.pk) == before
    assert list(TownAnswer.objects.values_list("body", flat=True)) == ["Merci."]


def test_no_admin_address_edits_or_deletes_an_evaluation(admin_client, home_page):
    evaluation = EvaluationFactory()

    for suffix in ("edit/", "delete/"):
        assert admin_client.get(f"{detail_url(evaluation)}{suffix}").status_code == 404


def test_helper_may_not_read_nor_answer(helper_client, home_page):
    evaluation = EvaluationFactory(what_did_not="La clé, six mois.")

    # Wagtail answers a refused permission (403) by sending back to the dashboard, with a message.
    listed = helper_client.get(INDEX_URL)
    opened = helper_client.get(detail_url(evaluation))
    answered = helper_client.post(detail_url(evaluation), {"body": "Non.", "signed_by": "Moi"})

    assert [r.status_code for r in (listed, opened, answered)] == [302, 302, 302]
    assert [r["Location"] for r in (listed, opened, answered)] == ["/admin/"] * 3
    assert "La clé, six mois." not in opened.content.decode()
    assert TownAnswer.objects.count() == 0


def test_helper_has_no_evaluations_menu(helper_client, home_page):
    assert INDEX_URL not in helper_client.get("/admin/").content.decode()


@pytest.mark.parametrize("n", [1, 30])
def test_index_queries_do_not_grow(team_client, home_page, django_assert_num_queries, n):
    for index in range(n):
        evaluation = EvaluationFactory()
        if index % 2:
            TownAnswerFactory(evaluation=evaluation)

    with django_assert_num_queries(10):
        team_client.get(INDEX_URL)


def test_evaluation_page_queries(team_client, home_page, django_assert_num_queries):
    evaluation = TownAnswerFactory(evaluation__talk=TalkFactory()).evaluation

    with django_assert_num_queries(10):
        team_client.get(detail_url(evaluation))
