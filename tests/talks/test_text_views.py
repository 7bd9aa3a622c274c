import datetime

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from talks.links import talk_speaker_token
from talks.models import RemarkKind, RemarkStatus, TalkStatus, TextVersion
from tests.factories.talks import RemarkFactory, TalkFactory, TextVersionFactory

pytestmark = pytest.mark.django_db


def url(name: str, talk, **kwargs) -> str:
    return reverse(f"talks:{name}", kwargs={"token": talk_speaker_token(talk=talk), **kwargs})


def bodies(talk) -> list[str]:
    return list(talk.text_versions.order_by("number").values_list("body", flat=True))


def test_speaker_writes_a_first_version_and_revises_it(client, home_page):
    talk = TalkFactory()

    first = client.post(url("text", talk), {"body": "Au début, une friche.", "note": ""})
    second = client.post(
        url("text", talk), {"body": "Au début, une friche et quatre voisines.", "note": "Qui"}
    )

    assert (first.status_code, second.status_code) == (302, 302)
    assert bodies(talk) == ["Au début, une friche.", "Au début, une friche et quatre voisines."]
    assert talk.text_versions.get(number=2).note == "Qui"


def test_page_shows_the_latest_text_in_the_form_and_every_version(client, home_page):
    talk = TalkFactory()
    TextVersionFactory(talk=talk, body="Première version.")
    TextVersionFactory(talk=talk, body="Deuxième version.", note="La fin")

    html = client.get(url("text", talk)).content.decode()

    assert "Deuxième version.</textarea>" in html
    assert "Version 1, le" in html
    assert "La fin" in html
    assert url("text_version", talk, number=1) in html


def test_saving_the_same_text_makes_no_new_version(client, home_page):
    talk = TalkFactory()
    TextVersionFactory(talk=talk, body="Notre jardin.")

    response = client.post(
        url("text", talk), {"body": "Notre jardin.\r\n", "note": ""}, follow=True
    )

    assert bodies(talk) == ["Notre jardin."]
    assert "Rien n&#x27;a changé" in response.content.decode()


def test_empty_text_is_refused_next_to_the_field(client, home_page):
    talk = TalkFactory()

    response = client.post(url("text", talk), {"body": "   ", "note": "rien"})

    assert response.status_code == 200
    assert "Le texte est vide" in response.content.decode()
    assert TextVersion.objects.count() == 0


def test_final_text_refuses_a_new_version_and_keeps_what_was_typed(client, home_page):
    talk = TalkFactory(text_final_at=timezone.now())
    TextVersionFactory(talk=talk, body="Le texte final.")

    response = client.post(url("text", talk), {"body": "Un ajout de dernière minute."}, follow=True)

    html = response.content.decode()
    assert bodies(talk) == ["Le texte final."]
    assert "Vous avez déclaré ce texte final" in html
    assert "Reprendre mon texte" in html


def test_speaker_may_write_as_soon_as_the_talk_is_proposed(client, home_page):
    talk = TalkFactory(status=TalkStatus.PROPOSED)

    client.post(url("text", talk), {"body": "Ce que je veux raconter."})

    assert bodies(talk) == ["Ce que je veux raconter."]


def test_declined_talk_shows_its_text_without_a_form(client, home_page):
    talk = TalkFactory(status=TalkStatus.DECLINED)
    TextVersionFactory(talk=talk, body="Mon texte d'alors.")

    html = client.get(url("text", talk)).content.decode()
    client.post(url("text", talk), {"body": "Autre chose."})

    assert "Mon texte d&#x27;alors." in html
    assert "<textarea" not in html
    assert bodies(talk) == ["Mon texte d'alors."]


def test_forged_link_is_not_found_and_withdrawn_talk_is_gone(client, home_page):
    withdrawn = TalkFactory(status=TalkStatus.WITHDRAWN)

    forged = client.get(reverse("talks:text", kwargs={"token": "pas-un-vrai-lien"}))
    gone = client.get(url("text", withdrawn))

    assert (forged.status_code, gone.status_code) == (404, 410)


def test_version_page_shows_what_changed_since_the_previous_one(client, home_page):
    talk = TalkFactory()
    TextVersionFactory(talk=talk, body="Il a fallu six mois pour la clé.")
    TextVersionFactory(talk=talk, body="Il a fallu neuf mois pour la clé.")

    html = client.get(url("text_version", talk, number=2)).content.decode()
    missing = client.get(url("text_version", talk, number=3))

    assert "<del>six</del><ins>neuf</ins>" in html
    assert missing.status_code == 404


def test_open_remarks_are_beside_the_text_with_their_passage_highlighted(client, home_page):
    remark = RemarkFactory(passage="six mois")

    html = client.get(url("text", remark.talk)).content.decode()

    assert f'<mark id="passage-{remark.pk}"' in html
    assert f'href="#remarque-{remark.pk}">six mois</a></mark>' in html
    assert "six mois (de mars à septembre 2024)" in html
    assert "Claire D., journaliste" in html


def test_speaker_accepts_a_suggestion_with_a_reply(client, home_page):
    remark = RemarkFactory(passage="six mois", replacement="six longs mois")
    talk = remark.talk
    prefix = f"remark-{remark.pk}"

    response = client.post(
        url("remark_answer", talk, pk=remark.pk),
        {f"{prefix}-decision": "accept", f"{prefix}-reply": "Merci, c'est plus juste."},
    )

    remark.refresh_from_db()
    assert response.status_code == 302
    assert (remark.status, remark.speaker_reply) == (
        RemarkStatus.ACCEPTED,
        "Merci, c'est plus juste.",
    )
    assert "six longs mois" in talk.text_versions.get(number=2).body
    assert talk.text_versions.get(number=2).from_remark == remark


def test_speaker_refuses_a_suggestion_and_the_text_stays(client, home_page):
    remark = RemarkFactory()
    prefix = f"remark-{remark.pk}"

    client.post(url("remark_answer", remark.talk, pk=remark.pk), {f"{prefix}-decision": "refuse"})

    remark.refresh_from_db()
    assert remark.status == RemarkStatus.REFUSED
    assert remark.talk.text_versions.count() == 1


def test_speaker_marks_a_comment_seen(client, home_page):
    remark = RemarkFactory(kind=RemarkKind.COMMENT, replacement="")
    prefix = f"remark-{remark.pk}"

    client.post(url("remark_answer", remark.talk, pk=remark.pk), {f"{prefix}-decision": "seen"})

    remark.refresh_from_db()
    assert remark.status == RemarkStatus.SEEN


def test_accept_when_the_passage_moved_says_to_apply_it_by_hand_and_keeps_the_reply(
    client, home_page
):
    remark = RemarkFactory(passage="six mois")
    TextVersionFactory(talk=remark.talk, body="Il a fallu une éternité pour la clé.")
    prefix = f"remark-{remark.pk}"

    response = client.post(
        url("remark_answer", remark.talk, pk=remark.pk),
        {f"{prefix}-decision": "accept", f"{prefix}-reply": "Je la reprends moi-même."},
    )

    html = response.content.decode()
    remark.refresh_from_db()
    assert response.status_code == 200
    assert "Appliquez la suggestion à la main" in html
    assert "Je la reprends moi-même.</textarea>" in html
    assert remark.status == RemarkStatus.OPEN
    assert remark.talk.text_versions.count() == 2


def test_remark_of_another_talk_is_not_found(client, home_page):
    remark = RemarkFactory()
    other = TalkFactory()

    response = client.post(
        url("remark_answer", other, pk=remark.pk), {f"remark-{remark.pk}-decision": "refuse"}
    )

    assert response.status_code == 404


def test_speaker_marks_the_text_final_with_consent_then_takes_it_back(client, home_page):
    talk = TalkFactory()
    TextVersionFactory(talk=talk)

    client.post(url("text_final", talk), {"final-publish": "on"})
    talk.refresh_from_db()
    final = (talk.text_is_final, talk.publish_text)
    client.post(url("text_final", talk), {"reopen": "1"})
    talk.refresh_from_db()

    assert final == (True, True)
    assert (talk.text_is_final, talk.publish_text) == (False, False)


def test_final_without_consent_is_not_published(client, home_page):
    talk = TalkFactory()
    TextVersionFactory(talk=talk)

    client.post(url("text_final", talk), {})

    talk.refresh_from_db()
    assert (talk.text_is_final, talk.publish_text) == (True, False)


def test_final_text_is_not_taken_back_after_the_evening(client, home_page):
    talk = TalkFactory(
        evening__starts_at=timezone.now() - datetime.timedelta(days=1),
        text_final_at=timezone.now() - datetime.timedelta(days=2),
    )
    TextVersionFactory(talk=talk)

    response = client.post(url("text_final", talk), {"reopen": "1"}, follow=True)

    talk.refresh_from_db()
    assert talk.text_is_final is True
    assert "La soirée a eu lieu" in response.content.decode()


def test_pages_are_private(client, home_page):
    talk = TalkFactory()

    response = client.get(url("text", talk))

    assert (response["X-Robots-Tag"], response["Cache-Control"]) == (
        "noindex, nofollow",
        "private, no-store",
    )


@pytest.mark.parametrize("n", [1, 30])
def test_text_page_queries_do_not_grow(client, home_page, django_assert_num_queries, n):
    talk = TalkFactory()
    for i in range(n):
        TextVersionFactory(talk=talk, body=f"Version {i} : il a fallu six mois.")
    version = talk.text_versions.order_by("-number").first()
    for _i in range(n):
        RemarkFactory(talk=talk, version=version)
        RemarkFactory(talk=talk, version=version, status=RemarkStatus.REFUSED)

    client.get(url("text", talk))  # the site's footer settings are made on the first visit

    # The talk, its versions, its remarks; the site, its restrictions, its footer.
    with django_assert_num_queries(5):
        response = client.get(url("text", talk))

    assert response.status_code == 200
    assert response.content.decode().count('class="remark remark--suggestion"') == n


def test_answer_without_a_decision_asks_for_one_and_keeps_the_reply(client, home_page):
    remark = RemarkFactory()
    prefix = f"remark-{remark.pk}"

    response = client.post(
        url("remark_answer", remark.talk, pk=remark.pk), {f"{prefix}-reply": "Je réfléchis."}
    )

    html = response.content.decode()
    remark.refresh_from_db()
    assert "Choisissez : accepter, refuser ou marquer comme lu." in html
    assert "Je réfléchis.</textarea>" in html
    assert remark.status == RemarkStatus.OPEN


@pytest.mark.parametrize("n", [1, 30])
def test_version_page_queries_do_not_grow(client, home_page, django_assert_num_queries, n):
    talk = TalkFactory()
    for i in range(n):
        TextVersionFactory(talk=talk, body=f"Version {i} : il a fallu six mois.")
    client.get(url("text_version", talk, number=n))

    # The talk, the two versions; the site, its restrictions, its footer.
    with django_assert_num_queries(4):
        response = client.get(url("text_version", talk, number=n))

    assert f"Version {n - 1} : il a fallu six mois." in response.content.decode()


def test_published_text_include_shows_the_text_only_when_given(home_page):
    version = TextVersionFactory(body="Premier paragraphe.\n\nSecond paragraphe.")

    shown = render_to_string("talks/text/published.html", {"text": version})
    hidden = render_to_string("talks/text/published.html", {"text": None})

    assert "<p>Premier paragraphe.</p>" in shown
    assert "<p>Second paragraphe.</p>" in shown
    assert hidden.strip() == ""
