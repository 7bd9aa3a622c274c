import datetime

import icalendar
import pytest

from festival.models import EventOccurrence
from tests.factories.festival import EditionPageFactory, event_at, paris

pytestmark = pytest.mark.django_db


def _events(content: bytes) -> list[icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(content)
    return list(calendar.walk("VEVENT"))


def test_event_calendar_is_rfc5545_with_paris_timezone(client, edition):
    event = event_at(edition=edition, start=paris(2026, 6, 13, 15, 30), title="Les galibots")

    response = client.get(event.url + "agenda/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    calendar = icalendar.Calendar.from_ical(response.content)
    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"]
    timezones = list(calendar.walk("VTIMEZONE"))
    assert [str(tz["TZID"]) for tz in timezones] == ["Europe/Paris"]
    (vevent,) = _events(response.content)
    assert str(vevent["SUMMARY"]) == "Les galibots"
    assert vevent["DTSTART"].params["TZID"] == "Europe/Paris"
    assert vevent["DTSTART"].dt == paris(2026, 6, 13, 15, 30)
    assert vevent["DTEND"].dt == paris(2026, 6, 13, 17, 0)
    assert "DTSTAMP" in vevent
    assert event.venue.name in str(vevent["LOCATION"])


def test_event_calendar_keeps_local_times_across_the_dst_change(client, festival_index):
    spring = EditionPageFactory(
        parent=festival_index,
        year=2027,
        start_date=datetime.date(2027, 3, 27),
        end_date=datetime.date(2027, 3, 28),
    )
    event = event_at(edition=spring, start=paris(2027, 3, 27, 20, 0), title="Veillée")
    EventOccurrence.objects.create(
        event=event, start=paris(2027, 3, 28, 20, 0), end=paris(2027, 3, 28, 21, 30)
    )

    vevents = _events(client.get(event.url + "agenda/").content)

    starts = sorted(vevent["DTSTART"].dt for vevent in vevents)
    assert [start.hour for start in starts] == [20, 20]
    assert [start.utcoffset() for start in starts] == [
        datetime.timedelta(hours=1),
        datetime.timedelta(hours=2),
    ]
    utc = datetime.UTC
    assert starts[1].astimezone(utc) - starts[0].astimezone(utc) == datetime.timedelta(hours=23)


def test_calendar_uids_are_stable_between_downloads(client, edition):
    event = event_at(edition=edition, start=paris(2026, 6, 13, 15, 30))

    first = {str(v["UID"]) for v in _events(client.get(edition.url + "calendrier/").content)}
    second = {str(v["UID"]) for v in _events(client.get(edition.url + "calendrier/").content)}
    single = {str(v["UID"]) for v in _events(client.get(event.url + "agenda/").content)}

    assert first == second == single
    assert len(first) == 1


def test_edition_calendar_lists_every_published_occurrence(client, edition):
    event_at(edition=edition, start=paris(2026, 6, 12, 20, 0), title="Ouverture")
    event_at(edition=edition, start=paris(2026, 6, 13, 10, 0), title="Balade")
    draft = event_at(edition=edition, start=paris(2026, 6, 13, 11, 0), title="Brouillon")
    draft.unpublish()

    vevents = _events(client.get(edition.url + "calendrier/").content)

    assert sorted(str(v["SUMMARY"]) for v in vevents) == ["Balade", "Ouverture"]
