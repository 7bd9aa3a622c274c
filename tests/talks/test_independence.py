"""« The speaker's text is the speaker's »: no town account, whatever its rights, changes it.

Each admin address that exists for the talks is listed once in ``TALK_ADMIN_URLS``; every
account below POSTs a changed text to each of them, and every version must stay as the
speaker wrote it. Adding a view to the proof is adding one line."""

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.urls import reverse

from talks.links import talk_speaker_token
from talks.models import RemarkKind, RemarkStatus, TextVersion
from talks.permissions import HELPER_GROUP, TEAM_GROUP
from tests.factories.talks import RemarkFactory, TalkFactory, TextVersionFactory, taidx_member

pytestmark = pytest.mark.django_db

FIRST = "Au début, nous étions quatre voisines et une friche."
SECOND = "La ville nous a prêté un broyeur, mais il a fallu six mois pour la clé."
CHANGED = "La ville a tout fait parfaitement."

# Every admin view of a talk we know of: (talk, version) -> address. The lead adds the call
# for speakers' talk views (edit form included) here after merging.
TALK_ADMIN_URLS = [
    lambda talk, version: reverse("talk_texts:index"),
    lambda talk, version: reverse("talk_texts:talk", args=[talk.pk]),
    lambda talk, version: reverse("talk_texts:version", args=[talk.pk, version.number]),
    # The team's « Interventions »: the talk's edit form (public fields only) and its page.
    lambda talk, version: reverse("taidx_talks:edit", args=[talk.pk]),
    lambda talk, version: reverse("taidx_talks:index"),
    lambda talk, version: reverse("taidx_call:talk", args=[talk.pk]),
    lambda talk, version: reverse("taidx_call:invite", args=[talk.evening.pk]),
]

# What Wagtail would answer to, had anyone registered the versions as snippets or a model
# viewset: none of these exists, whoever asks.
GENERIC_EDIT_URLS = [
    lambda version: f"/admin/snippets/talks/textversion/edit/{version.pk}/",
    lambda version: f"/admin/snippets/talks/textversion/{version.pk}/",
    lambda version: "/admin/snippets/talks/textversion/add/",
    lambda version: f"/admin/snippets/talks/textversion/delete/{version.pk}/",
    lambda version: f"/admin/talks/textversion/edit/{version.pk}/",
    lambda version: f"/admin/textversion/edit/{version.pk}/",
    lambda version: f"/admin/taidx/textes/{version.talk_id}/v{version.number}/edit/",
    lambda version: f"/admin/taidx/textes/{version.talk_id}/edit/",
]

# Every field name a form that changes the text might read.
CHANGED_POST = {
    "body": CHANGED,
    "text": CHANGED,
    "note": "Corrigé par la mairie",
    "number": "2",
    "action": "edit",
    "kind": RemarkKind.SUGGESTION,
    "passage": "six mois",
    "comment": "Corrigé",
    "replacement": CHANGED,
    # The speaker's consent to publish, and their saying the text is final, are theirs too.
    "publish_text": "on",
    "text_final_at": "2026-01-01 10:00",
}


@pytest.fixture
def written():
    """A talk with two versions of the speaker's text."""
    talk = TalkFactory()
    TextVersionFactory(talk=talk, body=FIRST)
    return talk, TextVersionFactory(talk=talk, body=SECOND)


def town_account(kind: str, django_user_model):
    if kind == "superuser":
        return django_user_model.objects.create_superuser("admin", "admin@exemple.fr", "pw")
    group = {"team": TEAM_GROUP, "helper": HELPER_GROUP}[kind]
    return taidx_member(group=group, full_name=f"Compte {kind}")


def versions(talk) -> list[tuple[int, str, str]]:
    return list(talk.text_versions.order_by("number").values_list("number", "body", "note"))


def speaker_says(talk) -> tuple:
    """Whether the speaker declared the text final and consented to publish it."""
    talk.refresh_from_db()
    return (talk.text_final_at, talk.publish_text)


@pytest.mark.parametrize("group", [TEAM_GROUP, HELPER_GROUP])
def test_no_group_may_add_change_or_delete_a_version(group):
    codenames = set(
        Permission.objects.filter(
            group__name=group, content_type__app_label="talks", content_type__model="textversion"
        ).values_list("codename", flat=True)
    )

    assert codenames == {"view_textversion"}


def test_a_version_refuses_to_be_saved_again(written):
    _talk, version = written
    version.body = CHANGED

    with pytest.raises(ValidationError):
        version.save()

    assert TextVersion.objects.get(pk=version.pk).body == SECOND


@pytest.mark.parametrize("kind", ["superuser", "team", "helper"])
def test_no_generic_admin_address_edits_a_version(
    kind, client, home_page, written, django_user_model
):
    talk, version = written
    client.force_login(town_account(kind, django_user_model))
    before = versions(talk)

    answers = []
    for make in GENERIC_EDIT_URLS:
        answers.append(client.get(make(version)).status_code)
        answers.append(client.post(make(version), CHANGED_POST).status_code)

    assert set(answers) <= {403, 404, 405}
    assert versions(talk) == before
    assert TextVersion.objects.count() == 2


@pytest.mark.parametrize("kind", ["superuser", "team", "helper"])
def test_posting_a_changed_text_to_every_talk_admin_view_changes_no_version(
    kind, client, home_page, written, django_user_model
):
    talk, version = written
    client.force_login(town_account(kind, django_user_model))
    before = (versions(talk), speaker_says(talk))

    for make in TALK_ADMIN_URLS:
        client.post(make(talk, version), CHANGED_POST)

    assert (versions(talk), speaker_says(talk)) == before


def test_helpers_remark_changes_nothing_until_the_speaker_accepts(client, home_page, written):
    talk, _version = written
    client.force_login(taidx_member(group=HELPER_GROUP))

    client.post(reverse("talk_texts:talk", args=[talk.pk]), CHANGED_POST | {"comment": ""})
    before_answer = versions(talk)
    remark = talk.remarks.get()
    client.logout()
    prefix = f"remark-{remark.pk}"
    client.post(
        reverse(
            "talks:remark_answer", kwargs={"token": talk_speaker_token(talk=talk), "pk": remark.pk}
        ),
        {f"{prefix}-decision": "accept"},
    )

    assert [body for _number, body, _note in before_answer] == [FIRST, SECOND]
    assert [body for _number, body, _note in versions(talk)] == [
        FIRST,
        SECOND,
        SECOND.replace("six mois", CHANGED),
    ]


def test_every_version_is_kept_after_accepts_and_refusals(client, home_page, written):
    talk, version = written
    accepted = RemarkFactory(talk=talk, version=version, passage="six mois", replacement="1 an")
    refused = RemarkFactory(talk=talk, version=version, passage="un broyeur", replacement="rien")
    token = talk_speaker_token(talk=talk)

    for remark, decision in ((refused, "refuse"), (accepted, "accept")):
        client.post(
            reverse("talks:remark_answer", kwargs={"token": token, "pk": remark.pk}),
            {f"remark-{remark.pk}-decision": decision},
        )

    assert [body for _number, body, _note in versions(talk)] == [
        FIRST,
        SECOND,
        SECOND.replace("six mois", "1 an"),
    ]
    assert set(talk.remarks.values_list("status", flat=True)) == {
        RemarkStatus.ACCEPTED,
        RemarkStatus.REFUSED,
    }
