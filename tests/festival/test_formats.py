import datetime

from festival.formats import fr_datetime, fr_time, when
from festival.models import EventOccurrence
from tests.factories.festival import paris


def test_fr_datetime_reads_like_a_french_programme():
    assert fr_datetime(paris(2026, 6, 13, 15, 30)) == "samedi 13 juin, 15\u00a0h\u00a030"


def test_fr_time_drops_zero_minutes_and_uses_paris_time():
    utc_noon = datetime.datetime(2026, 12, 5, 12, 0, tzinfo=datetime.UTC)

    assert fr_time(utc_noon) == "13\u00a0h"


def test_when_spells_out_events_that_span_days():
    occurrence = EventOccurrence(start=paris(2026, 6, 12, 10, 0), end=paris(2026, 6, 14, 18, 0))

    assert when(occurrence) == ("du vendredi 12 juin, 10\u00a0h au dimanche 14 juin, 18\u00a0h")


def test_the_first_of_the_month_is_written_1er():
    assert fr_datetime(paris(2027, 6, 1, 9, 0)) == "mardi 1er juin, 9\u00a0h"
