"""iCalendar (RFC 5545) feeds of the festival: a whole edition, one event, or the events a
visitor starred (« Mon programme »).

Times are written in the site's time zone (``TIME_ZONE``, Europe/Paris) with the VTIMEZONE
that describes it, so calendars show 15 h 30 on both sides of a daylight-saving change. UIDs
are built from the occurrence's primary key: a calendar that imports the feed again updates
the same entries."""

import datetime
from collections.abc import Iterable

import icalendar
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from festival.models import EditionPage, EventOccurrence, EventPage

UID_DOMAIN = "gohelliades.loos-en-gohelle.fr"
PRODID = "-//Ville de Loos-en-Gohelle//Gohelliades//FR"


def occurrence_uid(occurrence: EventOccurrence) -> str:
    return f"occurrence-{occurrence.pk}@{UID_DOMAIN}"


def calendar_new(*, name: str) -> icalendar.Calendar:
    """An empty published calendar named ``name``, in the site's time zone (shared by every
    feed of the site: the festival's and the fifty-fifty work days')."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    return calendar


def _vevent(
    occurrence: EventOccurrence, event: EventPage, *, request, stamp: datetime.datetime
) -> icalendar.Event:
    vevent = icalendar.Event()
    vevent.add("uid", occurrence_uid(occurrence))
    vevent.add("dtstamp", stamp)
    vevent.add("dtstart", timezone.localtime(occurrence.start))
    vevent.add("dtend", timezone.localtime(occurrence.end))
    vevent.add("summary", event.title)
    url = request.build_absolute_uri(event.get_url(request)) if request else event.full_url
    description = "\n\n".join(part for part in (event.summary, url) if part)
    vevent.add("description", description)
    if url:
        vevent.add("url", url)
    vevent.add("categories", [event.get_category_display()])
    if event.venue_id:
        venue = event.venue
        vevent.add("location", f"{venue.name}, {venue.full_address}")
        if venue.has_position:
            vevent.add("geo", (float(venue.latitude), float(venue.longitude)))
    if event.last_published_at:
        vevent.add("last-modified", event.last_published_at)
    return vevent


def calendar_bytes(calendar: icalendar.Calendar) -> bytes:
    calendar.add_missing_timezones()
    return calendar.to_ical()


def build_calendar(*, name: str, occurrences: Iterable[EventOccurrence], request=None) -> bytes:
    """One VEVENT per occurrence; their events must come joined (``select_related``)."""
    calendar = calendar_new(name=name)
    stamp = timezone.now().replace(microsecond=0)
    for occurrence in occurrences:
        calendar.add_component(_vevent(occurrence, occurrence.event, request=request, stamp=stamp))
    return calendar_bytes(calendar)


def edition_ical(
    *, edition: EditionPage, occurrences: Iterable[EventOccurrence], request=None
) -> bytes:
    return build_calendar(name=edition.title, occurrences=occurrences, request=request)


def my_programme_ical(
    *, edition: EditionPage, occurrences: Iterable[EventOccurrence], request=None
) -> bytes:
    """« Mon programme »: the dates of the events a visitor starred."""
    name = _("Mon programme — %(edition)s") % {"edition": edition.title}
    return build_calendar(name=name, occurrences=occurrences, request=request)


def event_ical(*, event: EventPage, request=None) -> bytes:
    occurrences = list(event.occurrences.select_related("event", "event__venue"))
    return build_calendar(name=event.title, occurrences=occurrences, request=request)
