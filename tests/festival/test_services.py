import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from festival import services
from festival.models import EditionPage, EventOccurrence, EventPage
from tests.factories.festival import event_at, paris

pytestmark = pytest.mark.django_db


def test_shift_local_keeps_wall_clock_time_across_dst():
    winter = paris(2026, 3, 21, 15, 30)

    shifted = services.shift_local(winter, days=14)

    assert timezone.localtime(shifted).hour == 15
    assert timezone.localtime(shifted).minute == 30
    assert shifted.utcoffset() == datetime.timedelta(hours=2)


def test_edition_prepare_next_copies_events_as_drafts_with_shifted_dates(edition):
    event = event_at(edition=edition, start=paris(2026, 6, 13, 15, 30), title="Le grand récit")
    venue = event.venue

    new_edition = services.edition_prepare_next(edition=edition, year=2027, offset_days=364)

    new_edition = EditionPage.objects.get(pk=new_edition.pk)
    assert new_edition.year == 2027
    assert new_edition.live is False
    assert new_edition.start_date == datetime.date(2027, 6, 11)
    assert new_edition.get_parent().pk == edition.get_parent().pk
    (copy,) = EventPage.objects.child_of(new_edition)
    assert copy.title == "Le grand récit"
    assert copy.live is False
    assert copy.venue_id == venue.pk
    (occurrence,) = EventOccurrence.objects.filter(event=copy)
    local = timezone.localtime(occurrence.start)
    assert (local.date(), local.hour, local.minute) == (datetime.date(2027, 6, 12), 15, 30)
    # The editor opens the latest revision: it must show the shifted date too.
    revision_copy = copy.get_latest_revision_as_object()
    assert revision_copy.occurrences.all()[0].start == occurrence.start
    # The original is untouched.
    assert EventOccurrence.objects.get(event=event).start == paris(2026, 6, 13, 15, 30)
    assert event.venue.pk == venue.pk


def test_edition_prepare_next_refuses_an_existing_year(edition, festival_index):
    services.edition_prepare_next(edition=edition, year=2027, offset_days=364)

    with pytest.raises(services.EditionCopyError, match="existe déjà"):
        services.edition_prepare_next(edition=edition, year=2027, offset_days=364)


def test_edition_prepare_next_runs_registered_copy_steps(edition):
    calls = []

    def step(*, source, target, offset_days):
        calls.append((source.pk, target.year, offset_days))

    services.register_edition_copy_step(step)
    try:
        services.edition_prepare_next(edition=edition, year=2027, offset_days=364)
    finally:
        services.EDITION_COPY_STEPS.remove(step)

    assert calls == [(edition.pk, 2027, 364)]


def test_occurrence_must_end_after_it_starts():
    occurrence = EventOccurrence(start=paris(2026, 6, 13, 15, 0), end=paris(2026, 6, 13, 15, 0))

    with pytest.raises(ValidationError) as error:
        occurrence.clean()

    assert error.value.message_dict["end"] == ["La fin doit venir après le début."]


def test_paying_event_needs_a_price(edition):
    event = event_at(edition=edition, start=paris(2026, 6, 13, 15, 0))
    event.is_free = False
    event.price = ""

    with pytest.raises(ValidationError) as error:
        event.clean()

    assert "price" in error.value.message_dict


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        (datetime.date(2026, 6, 12), 364),
        (datetime.date(2029, 6, 8), 371),
        (datetime.date(2026, 5, 29), 364),
    ],
)
def test_default_offset_keeps_the_weekday(start, expected):
    offset = services.default_offset_days(EditionPage(start_date=start))

    assert offset == expected
    assert (start + datetime.timedelta(days=offset)).weekday() == start.weekday()
