"""The speaker's evaluation page (private link) and the public « Ce qui doit changer »."""

import datetime

import pytest
from django.urls import reverse

from core.form_protection import HONEYPOT_FIELD
from talks.links import talk_speaker_token
from talks.models import Evaluation, TalkStatus
from tests.factories.projects import AgreedVersionFactory, ResidentsLineFactory, TownLineFactory
from tests.factories.talks import (
    EvaluationFactory,
    EveningFactory,
    TalkFactory,
    TownAnswerFactory,
)
from tests.forms import error_summary

pytestmark = pytest.mark.django_db

WORDS = {
    "what_worked": "Le prêt du broyeur.",
    "what_did_not": "Six mois pour une clé.",
    "town_should_change": "Un référent par projet.",
}


def evaluate_url(talk) -> str:
    return reverse("talks:evaluate", kwargs={"token": talk_speaker_token(talk=talk)})


def agreed_talk():
    version = AgreedVersionFactory()
    TownLineFactory(version=version, description="Achat de 40 plants")
    ResidentsLineFactory(version=version, description="Planter et pailler")
    return TalkFactory(project=version.project)


# The speaker ---------------------------------------------------------------------------------


def test_forged_link_is_404(client, home_page):
    response = client.get(reverse("talks:evaluate", kwargs={"token": "forged"}))

    assert response.status_code == 404


def test_withdrawn_talk_is_410(client, home_page):
    response = client.get(evaluate_url(TalkFactory(status=TalkStatus.WITHDRAWN)))

    assert response.status_code == 410


def test_talk_not_accepted_yet_says_so_and_has_no_form(client, home_page):
    response = client.get(evaluate_url(TalkFactory(status=TalkStatus.PROPOSED)))

    assert response.status_code == 200
    assert "une fois votre intervention retenue" in response.content.decode()
    assert "what_worked" not in response.content.decode()


def test_page_says_it_will_be_public_and_the_town_answers_separately(client, home_page):
    response = client.get(evaluate_url(TalkFactory()))
    html = response.content.decode()

    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "Votre évaluation sera publique avec votre intervention" in html
    assert "personne à la ville ne peut modifier ce que vous écrivez" in html
    assert 'name="residents_rating"' not in html


def test_ratings_with_the_agreements_lines_when_the_project_has_one(client, home_page):
    html = client.get(evaluate_url(agreed_talk())).content.decode()

    assert "Achat de 40 plants" in html
    assert "Planter et pailler" in html
    assert html.count('name="residents_rating"') == 5
    assert "1 — pas tenus" in html
    assert "5 — entièrement tenus" in html


def test_speaker_submits_then_revises(client, home_page):
    talk = agreed_talk()
    url = evaluate_url(talk)

    first = client.post(url, {**WORDS, "residents_rating": "4", "town_rating": "2"})
    client.post(
        url, {**WORDS, "what_worked": "Tout, au fond.", "residents_rating": "4", "town_rating": "3"}
    )

    assert first.status_code == 302
    assert list(Evaluation.objects.values_list("talk_id", "what_worked", "town_rating")) == [
        (talk.pk, "Tout, au fond.", 3)
    ]
    page = client.get(url).content.decode()
    assert "Tout, au fond." in page
    assert "Votre évaluation est enregistrée" in page


def test_errors_next_to_the_fields_and_nothing_typed_is_lost(client, home_page):
    response = client.post(
        evaluate_url(agreed_talk()),
        {**WORDS, "what_did_not": "", "residents_rating": "4"},
    )
    html = response.content.decode()

    assert response.status_code == 400
    assert 'id="id_what_did_not_error"' in html
    assert "Écrivez quelques mots ici." in html
    assert 'id="id_town_rating_error"' in html
    assert "Un référent par projet." in html
    assert Evaluation.objects.count() == 0


def test_refused_evaluation_shows_one_summary_linking_to_the_field(client, home_page):
    response = client.post(evaluate_url(TalkFactory()), {**WORDS, "what_did_not": ""})

    summary = error_summary(response.content.decode())
    assert summary.links == {"Ce qui n'a pas marché": "champ-what_did_not"}
    assert summary.text.startswith("Un champ est à corriger")
    assert summary.focusable


def test_ratings_posted_without_an_agreement_are_not_stored(client, home_page):
    talk = TalkFactory()

    client.post(evaluate_url(talk), {**WORDS, "residents_rating": "1", "town_rating": "1"})

    assert list(Evaluation.objects.values_list("residents_rating", "town_rating")) == [(None, None)]


def test_speaker_sees_the_towns_answer(client, home_page):
    answer = TownAnswerFactory(body="Nous nommons un référent.", signed_by="Le maire")

    html = client.get(evaluate_url(answer.evaluation.talk)).content.decode()

    assert "Nous nommons un référent." in html
    assert "— Le maire" in html


# The public page -----------------------------------------------------------------------------

CHANGES_URL = "/taidx/ce-qui-doit-changer/"


def at(year: int) -> datetime.datetime:
    return datetime.datetime(year, 6, 12, 18, 30, tzinfo=datetime.UTC)


def test_changes_asked_address_is_fixed():
    assert reverse("talks:changes_asked") == CHANGES_URL


def test_changes_asked_shows_words_answer_and_links(client, home_page):
    answered = TownAnswerFactory(
        evaluation=EvaluationFactory(
            talk=TalkFactory(project=AgreedVersionFactory().project),
            town_should_change="Répondre en moins d'un mois.",
        ),
        body="Engagement pris.",
        signed_by="Le maire",
    ).evaluation
    EvaluationFactory(town_should_change="Ouvrir le local le samedi.")

    html = client.get(CHANGES_URL).content.decode()

    assert "Répondre en moins d&#x27;un mois." in html
    assert "Engagement pris." in html
    assert "— Le maire" in html
    assert "Ouvrir le local le samedi." in html
    assert "La ville n'a pas encore répondu." in html
    talk = answered.talk
    assert reverse("talks:talk", args=[talk.evening.slug, talk.slug]) in html
    assert talk.project.get_absolute_url() in html


@pytest.mark.parametrize(
    "talk_kwargs",
    [
        {"status": TalkStatus.WITHDRAWN},
        {"status": TalkStatus.DECLINED},
        {"status": TalkStatus.PROPOSED},
        {"evening": EveningFactory.build(published=False)},
    ],
    ids=["withdrawn", "declined", "proposed", "unpublished-evening"],
)
def test_changes_asked_never_shows_a_talk_not_public(client, home_page, talk_kwargs):
    if "evening" in talk_kwargs:
        talk_kwargs["evening"].save()
    EvaluationFactory(talk=TalkFactory(**talk_kwargs), town_should_change="Secret.")

    assert "Secret." not in client.get(CHANGES_URL).content.decode()


def test_changes_asked_filters_by_year_with_plain_links(client, home_page):
    EvaluationFactory(
        talk=TalkFactory(evening=EveningFactory(starts_at=at(2024))), town_should_change="Ancien."
    )
    EvaluationFactory(
        talk=TalkFactory(evening=EveningFactory(starts_at=at(2026))), town_should_change="Récent."
    )

    all_years = client.get(CHANGES_URL).content.decode()
    one_year = client.get(CHANGES_URL, {"annee": "2024"}).content.decode()

    assert all_years.index("Récent.") < all_years.index("Ancien.")
    assert 'href="/taidx/ce-qui-doit-changer/?annee=2024"' in all_years
    assert "Ancien." in one_year
    assert "Récent." not in one_year


def test_changes_asked_project_link_only_when_the_project_is_public(client, home_page):
    talk = TalkFactory(project=AgreedVersionFactory(project__show_publicly=False).project)
    EvaluationFactory(talk=talk)

    assert talk.project.get_absolute_url() not in client.get(CHANGES_URL).content.decode()


@pytest.mark.parametrize("n", [1, 30])
def test_changes_asked_queries_do_not_grow(client, home_page, django_assert_num_queries, n):
    for index in range(n):
        evaluation = EvaluationFactory(talk=TalkFactory(project=AgreedVersionFactory().project))
        if index % 2:
            TownAnswerFactory(evaluation=evaluation)

    with django_assert_num_queries(8):
        client.get(CHANGES_URL)


@pytest.mark.parametrize("n", [1, 30])
def test_evaluate_page_queries_do_not_grow_with_the_agreements_lines(
    client, home_page, django_assert_num_queries, n
):
    version = AgreedVersionFactory()
    TownLineFactory.create_batch(n, version=version)
    ResidentsLineFactory.create_batch(n, version=version)
    talk = TalkFactory(project=version.project)
    TownAnswerFactory(evaluation=EvaluationFactory(talk=talk))
    url = evaluate_url(talk)

    # The talk, the evaluation with the answer, the agreed version, its lines; the site's
    # frame (site, restrictions, footer: created on this first page).
    with django_assert_num_queries(10):
        client.get(url)


def test_a_robot_filling_the_honeypot_stores_nothing(client, home_page):
    talk = TalkFactory()

    response = client.post(evaluate_url(talk), {**WORDS, HONEYPOT_FIELD: "http://spam.example"})

    assert response.status_code == 302
    assert Evaluation.objects.count() == 0
