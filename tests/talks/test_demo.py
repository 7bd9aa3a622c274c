"""The demo's Ch'ti TAIDx: the 2019 evening told by four residents, and the next one, dated
from the day the demo loads."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model

from archive.models import ItemKind
from projects.demo import ensure_projects
from talks.demo import JOURNALIST_USERNAME, PAST_EVENING_SLUG, ensure_evenings
from talks.models import (
    Evaluation,
    Evening,
    Guest,
    GuestRole,
    Remark,
    RemarkKind,
    RemarkStatus,
    Talk,
    TalkStatus,
    TextVersion,
)
from talks.permissions import HELPER_GROUP
from tests.factories.archive import ArchiveIndexPageFactory, ArchiveItemPageFactory

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 12, 7, 10, 0, tzinfo=datetime.UTC)
RECORDINGS = [
    "taidx-nadia-b-jardin-partage",
    "taidx-bernard-t-rue-fleurie",
    "taidx-sylvie-m-guide-des-terrils",
    "taidx-kevin-l-atelier-reparation",
]


def _load(now=NOW):
    ensure_projects(now=now)
    return list(ensure_evenings(now=now))


def _counts():
    return [
        model.objects.count()
        for model in (Evening, Guest, Talk, TextVersion, Remark, Evaluation, get_user_model())
    ]


def test_demo_evenings_are_built_once_however_often_loaded():
    _load()
    first = _counts()

    _load()

    assert _counts() == first
    assert first[:3] == [2, 6, 8]


def test_demo_next_evening_is_six_weeks_after_the_day_it_loads_with_its_call_open():
    past, upcoming = _load()

    assert past.slug == PAST_EVENING_SLUG
    assert past.starts_at.year == 2019
    assert upcoming.starts_at.astimezone(ZoneInfo("Europe/Paris")).date() == datetime.date(
        2027, 1, 16
    )
    assert upcoming.call_open is True
    assert NOW.date() < upcoming.call_closes_on < upcoming.starts_at.date()
    statuses = sorted(upcoming.talks.values_list("status", flat=True))
    assert statuses == sorted(
        [TalkStatus.ACCEPTED, TalkStatus.ACCEPTED, TalkStatus.INVITED, TalkStatus.PROPOSED]
    )
    invited = upcoming.talks.get(status=TalkStatus.INVITED)
    assert invited.project.slug == "sentier-balise-terrils"
    assert invited.decided_at is None
    writing = upcoming.talks.filter(status=TalkStatus.ACCEPTED)
    assert [talk.text_is_final for talk in writing] == [False, False]
    assert all(talk.text_versions.exists() for talk in writing)
    assert Remark.objects.filter(
        talk__evening=upcoming, kind=RemarkKind.SUGGESTION, status=RemarkStatus.OPEN
    ).exists()
    # Everything of the next evening already happened before the day the demo loads.
    assert all(version.created_at < NOW for version in TextVersion.objects.all())


def test_demo_next_evening_moves_with_the_day_it_loads():
    later = datetime.datetime(2027, 6, 1, 10, 0, tzinfo=datetime.UTC)

    _past, upcoming = _load(now=later)

    assert upcoming.slug == "chti-taidx-2027"
    assert upcoming.starts_at.date() == datetime.date(2027, 7, 11)


def test_demo_has_one_openly_critical_speaker_answered_by_the_mayor_and_one_unanswered():
    _load()

    evaluations = Evaluation.objects.filter(talk__evening__slug=PAST_EVENING_SLUG)
    assert evaluations.count() == 4
    critical = evaluations.get(town_rating__lte=2)
    assert critical.talk.speaker_name == "Nadia B."
    assert critical.town_answer.signed_by == "Le maire de Loos-en-Gohelle"
    assert [e.talk.speaker_name for e in evaluations.filter(town_answer__isnull=True)] == [
        "Kévin L."
    ]
    # Ratings only where the project told has an agreement both sides agreed to.
    rated = evaluations.filter(town_rating__isnull=False)
    assert sorted(e.talk.project.slug for e in rated) == [
        "jardin-partage-cite-des-provinces",
        "rue-de-la-gare-fleurie",
    ]
    assert all(e.talk.project.agreements.agreed().exists() for e in rated)


def test_demo_accepted_suggestions_make_a_version_and_refused_ones_keep_the_reply():
    _load()

    accepted = Remark.objects.filter(status=RemarkStatus.ACCEPTED)
    assert accepted.count() == 4
    for remark in accepted:
        version = TextVersion.objects.get(from_remark=remark)
        assert version.talk_id == remark.talk_id
        assert version.number == remark.version.number + 1
        assert remark.replacement in version.body
        assert remark.replacement not in remark.version.body
    refused = Remark.objects.filter(status=RemarkStatus.REFUSED)
    assert refused.count() == 3
    assert all(remark.speaker_reply for remark in refused)
    assert Remark.objects.filter(kind=RemarkKind.COMMENT, status=RemarkStatus.SEEN).exists()
    journalist = get_user_model().objects.get(username=JOURNALIST_USERNAME)
    assert set(Remark.objects.values_list("author", flat=True)) == {journalist.pk}
    assert list(journalist.groups.values_list("name", flat=True)) == [HELPER_GROUP]
    assert journalist.has_usable_password() is False


def test_demo_versions_are_numbered_from_one_and_past_texts_are_final():
    _load()

    for talk in Talk.objects.filter(text_versions__isnull=False).distinct():
        numbers = list(talk.text_versions.values_list("number", flat=True))
        assert numbers == list(range(1, len(numbers) + 1)), talk.slug
    past = Talk.objects.filter(evening__slug=PAST_EVENING_SLUG)
    assert all(2 <= talk.text_versions.count() <= 4 for talk in past)
    assert all(talk.text_is_final for talk in past)
    assert past.filter(publish_text=True).count() == 3


def test_demo_past_talks_are_recorded_in_the_archive_and_tell_projects_or_initiatives(
    home_page,
):
    archive = ArchiveIndexPageFactory(parent=home_page)
    items = {
        slug: ArchiveItemPageFactory(parent=archive, slug=slug, kind=ItemKind.ORAL_HISTORY)
        for slug in RECORDINGS
    }

    _load()

    past = Talk.objects.filter(evening__slug=PAST_EVENING_SLUG).order_by("position")
    assert [talk.recording_id for talk in past] == [items[slug].pk for slug in RECORDINGS]
    assert [talk.position for talk in past] == [1, 2, 3, 4]
    assert [talk.project.slug if talk.project else talk.initiative[:5] for talk in past] == [
        "jardin-partage-cite-des-provinces",
        "rue-de-la-gare-fleurie",
        "Douze",
        "Un at",
    ]
    assert all(talk.is_public for talk in past)
    roles = set(
        Guest.objects.filter(evening__slug=PAST_EVENING_SLUG).values_list("role", flat=True)
    )
    assert roles == {GuestRole.MAYOR, GuestRole.ELECTED, GuestRole.STAFF, GuestRole.JOURNALIST}
