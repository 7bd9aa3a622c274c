"""The demo festival is dated from the day it is loaded: the next edition upcoming with open
shifts, the earlier ones past with their events, posters and photos; and it can be moved onto
any day to show the site as during the festival."""

import datetime

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from core.indexing import indexing_deferred
from festival.demo import (
    FIRST_YEAR,
    ensure_editions,
    ensure_festival_index,
    ensure_next_edition_shifts,
    ensure_programmes,
    next_edition_year,
)
from festival.models import EditionPage, EventGalleryImage, EventOccurrence, EventPage, Shift
from festival.selectors import now_and_next
from festival.volunteers.models import SignupStatus
from festival.volunteers.selectors import places_left, shifts_with_places
from tests.factories.home import site_with_home
from tests.module_rows import module_rows

pytestmark = pytest.mark.django_db

# A Wednesday in December: the June edition of that year is over.
LOADED_ON = datetime.date(2026, 12, 2)


def _load(home_page, *, today: datetime.date = LOADED_ON) -> EditionPage:
    index = ensure_festival_index(home_page)
    list(ensure_editions(index, today=today))
    ensure_programmes(today=today)
    now = timezone.make_aware(datetime.datetime.combine(today, datetime.time(12)))
    return ensure_next_edition_shifts(today=today, now=now)


def _counts() -> tuple[int, int, int]:
    return EditionPage.objects.count(), EventPage.objects.count(), Shift.objects.count()


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The festival's demo loaded twice, once for the whole module (each test's changes are
    undone after it): the counts after the first load, and the next edition the second gave."""
    with module_rows(django_db_blocker), indexing_deferred():
        home_page = site_with_home()
        _load(home_page)
        counts = _counts()
        yield counts, _load(home_page)


@pytest.mark.parametrize(
    ("today", "year"),
    [
        (datetime.date(2026, 12, 2), 2027),
        (datetime.date(2027, 3, 1), 2027),
        (datetime.date(2027, 6, 11), 2028),  # the 2027 edition has begun
    ],
)
def test_next_edition_year_is_the_first_not_begun(today, year):
    assert next_edition_year(today=today) == year


def test_demo_next_edition_comes_after_the_day_it_is_loaded_once(demo):
    counts_after_first_load, edition = demo

    assert _counts() == counts_after_first_load
    assert edition.year == 2027
    assert edition.start_date == datetime.date(2027, 6, 11)
    assert edition.volunteer_call
    assert EditionPage.objects.count() == 2027 - FIRST_YEAR + 1
    past = EditionPage.objects.exclude(pk=edition.pk)
    assert all(e.end_date < LOADED_ON for e in past)
    assert EventPage.objects.child_of(edition).count() == 30


def test_demo_next_edition_has_open_nearly_full_and_full_shifts(demo):
    _counts_after_first_load, edition = demo

    shifts = list(shifts_with_places(occasion=edition))
    left = {shift.pk: places_left(shift) for shift in shifts}
    assert all(shift.start.date() > LOADED_ON for shift in shifts)
    assert sum(1 for shift in shifts if left[shift.pk] > 0) >= 10
    nearly_full = [s for s in shifts if s.capacity > 1 and left[s.pk] == 1]
    assert len(nearly_full) >= 2
    full_with_waitlist = Shift.objects.filter(
        edition=edition, signups__status=SignupStatus.WAITLISTED
    ).distinct()
    assert [s.role.name for s in full_with_waitlist] == ["Guide de terril"]
    assert left[full_with_waitlist[0].pk] == 0
    # Through the rules: every hold was confirmed, nobody is left awaiting the e-mail.
    statuses = set(
        Shift.objects.filter(edition=edition).values_list("signups__status", flat=True)
    ) - {None}
    assert statuses == {SignupStatus.CONFIRMED, SignupStatus.WAITLISTED}


def test_demo_past_editions_have_poster_theme_events_and_photos(demo):
    for edition in EditionPage.objects.filter(year__lt=2027):
        events = EventPage.objects.child_of(edition).specific()
        assert edition.theme, edition.year
        assert edition.image.title == f"Affiche des Gohelliades {edition.year}"
        assert len(events) >= 3, edition.year
        assert all(event.image_id for event in events), edition.year
        assert EventGalleryImage.objects.filter(event__in=events).count() >= 2, edition.year
    images = EditionPage.objects.values_list("image__file", flat=True)
    assert len(set(images)) == EditionPage.objects.count()


def test_demo_festival_now_runs_the_next_edition_on_that_day_once(demo):
    _counts_after_first_load, edition = demo
    day = datetime.date(2026, 12, 5)
    first_shift = Shift.objects.filter(edition=edition).order_by("start").first()
    local_start = timezone.localtime(first_shift.start).time()

    call_command("demo_festival_now", date=day, verbosity=0)

    edition = EditionPage.objects.get(pk=edition.pk)
    assert (edition.start_date, edition.end_date) == (
        day - datetime.timedelta(days=1),
        day + datetime.timedelta(days=1),
    )
    # The revision an editor would publish carries the new dates too.
    assert edition.get_latest_revision_as_object().start_date == edition.start_date
    afternoon = timezone.make_aware(datetime.datetime.combine(day, datetime.time(15, 45)))
    current, upcoming = now_and_next(edition=edition, now=afternoon)
    assert current
    assert upcoming
    moved = Shift.objects.get(pk=first_shift.pk)
    assert timezone.localdate(moved.start) == edition.start_date
    assert timezone.localtime(moved.start).time() == local_start
    shifts = sorted(Shift.objects.values_list("pk", "start"))
    occurrences = sorted(EventOccurrence.objects.values_list("pk", "start"))

    call_command("demo_festival_now", date=day, verbosity=0)

    assert sorted(Shift.objects.values_list("pk", "start")) == shifts
    assert sorted(EventOccurrence.objects.values_list("pk", "start")) == occurrences
    assert EditionPage.objects.get(pk=edition.pk).start_date == edition.start_date


def test_demo_festival_now_refuses_production_settings(settings, demo):
    settings.DEMO_DATA_ALLOWED = False

    with pytest.raises(CommandError, match="interdites"):
        call_command("demo_festival_now", verbosity=0)
