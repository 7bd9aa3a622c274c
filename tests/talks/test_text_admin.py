import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from home.groups import EDITORS_GROUP
from talks.models import Remark, RemarkKind, RemarkStatus
from talks.permissions import HELPER_GROUP, TEAM_GROUP
from tests.factories.talks import (
    RemarkFactory,
    TalkContactFactory,
    TalkFactory,
    TextVersionFactory,
)

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/taidx/textes/"
BODY = "La ville nous a prêté un broyeur, mais il a fallu six mois pour la clé."


def talk_url(talk) -> str:
    return reverse("talk_texts:talk", args=[talk.pk])


@pytest.fixture
def editor_client(client, django_user_model):
    """A festival editor (« Rédacteurs »): in the admin, not in the Ch'ti TAIDx."""
    user = django_user_model.objects.create_user("redacteur", "r@exemple.fr", "pw")
    user.groups.add(Group.objects.get(name=EDITORS_GROUP))
    client.force_login(user)
    return client


def test_list_shows_each_talk_with_where_its_text_stands(team_client, home_page):
    written = TalkFactory(title="La clé du local")
    TextVersionFactory(talk=written)
    TextVersionFactory(talk=written, body="Autre texte.")
    RemarkFactory(talk=written, version=written.text_versions.first())
    TalkFactory(title="Le verger", text_final_at=None)

    html = team_client.get(LIST_URL).content.decode()

    assert "La clé du local" in html
    assert "2 versions" in html
    assert "Le verger" in html
    assert "Pas encore écrit" in html


def test_editors_outside_the_taidx_cannot_read_the_texts(editor_client, home_page):
    version = TextVersionFactory(body=BODY)

    listed = editor_client.get(LIST_URL)
    opened = editor_client.get(talk_url(version.talk))

    assert (listed.status_code, opened.status_code) == (302, 302)
    assert BODY not in opened.content.decode()


def test_team_reads_the_text_remarks_and_replies_without_a_remark_form(team_client, home_page):
    contact = TalkContactFactory()
    version = TextVersionFactory(talk=contact.talk, body=BODY)
    RemarkFactory(
        talk=version.talk,
        version=version,
        status=RemarkStatus.REFUSED,
        speaker_reply="Je garde mes mots.",
    )

    html = team_client.get(talk_url(version.talk)).content.decode()

    assert "il a fallu six mois pour la clé." in html
    assert "Je garde mes mots." in html
    assert "data-text-passage" not in html
    # The speaker's contact is never shown with the text.
    assert contact.email not in html


def test_helper_leaves_a_suggestion_and_the_text_does_not_change(helper_client, home_page):
    version = TextVersionFactory(body=BODY)

    page = helper_client.get(talk_url(version.talk)).content.decode()
    response = helper_client.post(
        talk_url(version.talk),
        {
            "kind": RemarkKind.SUGGESTION,
            "passage": "six mois",
            "comment": "Les dates rendraient le reproche plus fort.",
            "replacement": "six mois (de mars à septembre)",
        },
    )

    remark = Remark.objects.get()
    assert "data-text-passage" in page
    assert response.status_code == 302
    assert (remark.author_name, remark.status) == ("Claire Dumont", RemarkStatus.OPEN)
    assert list(version.talk.text_versions.values_list("body", flat=True)) == [BODY]


def test_passage_not_in_the_text_is_refused_next_to_it_and_nothing_typed_is_lost(
    helper_client, home_page
):
    version = TextVersionFactory(body=BODY)

    response = helper_client.post(
        talk_url(version.talk),
        {"kind": RemarkKind.COMMENT, "passage": "neuf mois", "comment": "Vraiment neuf ?"},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "ne se trouve pas tel quel" in html
    assert "Vraiment neuf ?</textarea>" in html
    assert Remark.objects.count() == 0


def test_team_cannot_post_a_remark(team_client, home_page):
    version = TextVersionFactory(body=BODY)

    response = team_client.post(
        talk_url(version.talk),
        {"kind": RemarkKind.COMMENT, "passage": "six mois", "comment": "Non."},
    )

    assert response.status_code in (302, 403)
    assert Remark.objects.count() == 0


def test_version_page_shows_what_changed(team_client, home_page):
    talk = TalkFactory()
    TextVersionFactory(talk=talk, body="Il a fallu six mois.")
    TextVersionFactory(talk=talk, body="Il a fallu neuf mois.")

    html = team_client.get(reverse("talk_texts:version", args=[talk.pk, 2])).content.decode()

    assert "<del>six</del><ins>neuf</ins>" in html


def test_menu_offers_the_texts_to_both_groups_only(client, home_page, django_user_model):
    shown = []
    for group in (TEAM_GROUP, HELPER_GROUP, EDITORS_GROUP):
        user = django_user_model.objects.create_user(f"u-{group}", "u@exemple.fr", "pw")
        user.groups.add(Group.objects.get(name=group))
        client.force_login(user)
        shown.append(LIST_URL in client.get("/admin/").content.decode())

    assert shown == [True, True, False]


@pytest.mark.parametrize("n", [1, 30])
def test_list_queries_do_not_grow(team_client, home_page, django_assert_num_queries, n):
    for i in range(n):
        version = TextVersionFactory(talk__title=f"Intervention {i}")
        RemarkFactory(talk=version.talk, version=version)
    team_client.get(LIST_URL)

    # The session, the user and their rights; the count and the page of talks; Wagtail's menu.
    with django_assert_num_queries(11):
        response = team_client.get(LIST_URL)

    html = response.content.decode()
    assert sum(f"Intervention {i}</a>" in html for i in range(n)) == min(n, 20)


@pytest.mark.parametrize("n", [1, 30])
def test_talk_page_queries_do_not_grow(helper_client, home_page, django_assert_num_queries, n):
    talk = TalkFactory()
    for i in range(n):
        TextVersionFactory(talk=talk, body=f"Version {i} : il a fallu six mois.")
    version = talk.text_versions.order_by("-number").first()
    for _i in range(n):
        RemarkFactory(talk=talk, version=version)
        RemarkFactory(talk=talk, version=version, status=RemarkStatus.ACCEPTED)
    helper_client.get(talk_url(talk))

    # The session, the user and their rights; the talk, its versions and remarks, the helper's
    # group; Wagtail's menu.
    with django_assert_num_queries(13):
        response = helper_client.get(talk_url(talk))

    assert response.content.decode().count('class="remark remark--suggestion"') == n


@pytest.mark.parametrize("n", [1, 30])
def test_version_page_queries_do_not_grow(team_client, home_page, django_assert_num_queries, n):
    talk = TalkFactory()
    for i in range(n):
        TextVersionFactory(talk=talk, body=f"Version {i} : il a fallu six mois.")
    page = reverse("talk_texts:version", args=[talk.pk, n])
    team_client.get(page)

    # The session, the user and their rights; the talk and the two versions; Wagtail's menu.
    with django_assert_num_queries(11):
        response = team_client.get(page)

    assert f"Version {n - 1} : il a fallu six mois." in response.content.decode()
