import datetime

import pytest

from festival import selectors
from festival.models import EventOccurrence
from tests.factories.festival import VenueFactory, event_at, paris
from tests.factories.media import CustomImageFactory

pytestmark = pytest.mark.django_db


def test_day_filter_keeps_events_that_span_the_day(edition):
    exhibition = event_at(
        edition=edition,
        start=paris(2026, 6, 12, 10, 0),
        duration=datetime.timedelta(days=2, hours=8),
        title="Exposition",
    )
    event_at(edition=edition, start=paris(2026, 6, 12, 20, 0), title="Vendredi soir")

    saturday = selectors.programme_occurrences(
        edition=edition, filters=selectors.ProgrammeFilters(day=datetime.date(2026, 6, 13))
    )

    assert [occ.event.pk for occ in saturday] == [exhibition.pk]


def test_moment_filter_uses_paris_hours(edition):
    # 11:30 in Paris is 09:30 UTC: morning, whatever the server's clock says.
    event_at(edition=edition, start=paris(2026, 6, 13, 11, 30), title="Matin")
    event_at(edition=edition, start=paris(2026, 6, 13, 12, 0), title="Midi")

    morning = selectors.programme_occurrences(
        edition=edition, filters=selectors.ProgrammeFilters(moment="matin")
    )

    assert [occ.event.title for occ in morning] == ["Matin"]


def test_now_and_next_splits_current_and_upcoming(edition):
    event_at(edition=edition, start=paris(2026, 6, 13, 15, 0), title="Pendant")
    event_at(edition=edition, start=paris(2026, 6, 13, 17, 0), title="Après")
    event_at(edition=edition, start=paris(2026, 6, 13, 10, 0), title="Avant")

    current, upcoming = selectors.now_and_next(edition=edition, now=paris(2026, 6, 13, 16, 0))

    assert [occ.event.title for occ in current] == ["Pendant"]
    assert [occ.event.title for occ in upcoming] == ["Après"]


def test_programme_choices_offer_only_what_the_edition_uses(edition):
    event_at(
        edition=edition,
        start=paris(2026, 6, 13, 15, 0),
        category="concert",
        venue=VenueFactory(name="Base 11/19", slug="base-11-19"),
    )
    VenueFactory(name="Lieu sans événement", slug="vide")

    choices = selectors.programme_choices(edition=edition)

    assert [value for value, _label in choices["categories"]] == ["concert"]
    assert choices["venues"] == [("base-11-19", "Base 11/19")]


def test_programme_gaps_flag_missing_venue_image_and_accessibility(edition):
    complete = event_at(
        edition=edition,
        start=paris(2026, 6, 13, 15, 0),
        title="Complet",
        image=CustomImageFactory(),
        wheelchair_access=True,
    )
    bare = event_at(edition=edition, start=paris(2026, 6, 13, 16, 0), title="Nu", venue=None)
    EventOccurrence.objects.filter(event=bare).delete()

    events = selectors.programme_gaps(edition=edition)

    assert [event.title for event in events] == ["Nu", "Complet"]
    assert [str(gap) for gap in events[0].gaps] == ["lieu", "image", "accessibilité", "dates"]
    assert events[1].gaps == []
    assert complete.has_accessibility_info
