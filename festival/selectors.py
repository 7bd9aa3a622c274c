"""Reads of the festival for pages: editions, programmes, venues as visitors see them."""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from festival.models import Audience, EditionPage, EventCategory, EventOccurrence, EventPage, Venue
from media.models import CustomRendition

# The rendition the programme list shows; prefetched so 30 events cost no more than one.
PROGRAMME_IMAGE_SPEC = "fill-320x200"

# Parts of the day a visitor asks for ("samedi après-midi"), in local hours [from, to).
MOMENTS = {
    "matin": (0, 12),
    "apres-midi": (12, 18),
    "soir": (18, 24),
}


def published_editions() -> QuerySet[EditionPage]:
    return EditionPage.objects.published()


def current_edition(*, today: datetime.date | None = None) -> EditionPage | None:
    """The edition under way or coming next; failing that, the latest one held."""
    today = today or timezone.localdate()
    editions = published_editions()
    upcoming = editions.filter(end_date__gte=today).order_by("start_date").first()
    return upcoming or editions.first()


def edition_events(*, edition: EditionPage) -> QuerySet[EventPage]:
    return EventPage.objects.live().public().child_of(edition)


def edition_days(*, edition: EditionPage) -> list[datetime.date]:
    days = (edition.end_date - edition.start_date).days + 1
    return [edition.start_date + datetime.timedelta(days=n) for n in range(max(days, 1))]


@dataclass(frozen=True)
class ProgrammeFilters:
    """What a visitor chose in the programme's GET form; every part is optional."""

    day: datetime.date | None = None
    category: str = ""
    venue: str = ""
    audience: str = ""
    moment: str = ""

    @classmethod
    def from_query(cls, query, *, edition: EditionPage) -> "ProgrammeFilters":
        """Read the query string, dropping values that are not offered (never an error)."""
        try:
            day = datetime.date.fromisoformat(query.get("jour", ""))
        except ValueError:
            day = None
        if day not in edition_days(edition=edition):
            day = None
        moment = query.get("moment", "")
        return cls(
            day=day,
            category=query.get("categorie", "")[:20],
            venue=query.get("lieu", "")[:80],
            audience=query.get("public", "")[:20],
            moment=moment if moment in MOMENTS else "",
        )

    @property
    def active(self) -> bool:
        return any((self.day, self.category, self.venue, self.audience, self.moment))


def _day_bounds(day: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    start = datetime.datetime.combine(day, datetime.time.min)
    end = datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min)
    return timezone.make_aware(start), timezone.make_aware(end)


def _occurrences(*, edition: EditionPage) -> QuerySet[EventOccurrence]:
    renditions = CustomRendition.objects.filter(filter_spec=PROGRAMME_IMAGE_SPEC)
    return (
        EventOccurrence.objects.filter(event__in=edition_events(edition=edition))
        .select_related("event", "event__venue", "event__image")
        .prefetch_related(Prefetch("event__image__renditions", queryset=renditions))
        .order_by("start", "event__title")
    )


def programme_occurrences(
    *, edition: EditionPage, filters: ProgrammeFilters | None = None
) -> list[EventOccurrence]:
    """Every date of the edition's published events matching the filters, in time order.

    The number of queries does not depend on the number of events: venues and images come
    joined, the list's renditions are prefetched."""
    filters = filters or ProgrammeFilters()
    occurrences = _occurrences(edition=edition)
    if filters.day:
        day_start, day_end = _day_bounds(filters.day)
        occurrences = occurrences.filter(start__lt=day_end, end__gt=day_start)
    if filters.category:
        occurrences = occurrences.filter(event__category=filters.category)
    if filters.venue:
        occurrences = occurrences.filter(event__venue__slug=filters.venue)
    if filters.audience:
        occurrences = occurrences.filter(event__audience=filters.audience)
    result = list(occurrences)
    if filters.moment:
        # Local hours depend on the day's UTC offset: simpler and exact in Python.
        first_hour, last_hour = MOMENTS[filters.moment]
        result = [
            occ for occ in result if first_hour <= timezone.localtime(occ.start).hour < last_hour
        ]
    return result


def group_by_day(
    occurrences: list[EventOccurrence],
) -> list[tuple[datetime.date, list[EventOccurrence]]]:
    days: dict[datetime.date, list[EventOccurrence]] = {}
    for occurrence in occurrences:
        days.setdefault(timezone.localdate(occurrence.start), []).append(occurrence)
    return list(days.items())


def now_and_next(
    *, edition: EditionPage, now: datetime.datetime | None = None, limit: int = 5
) -> tuple[list[EventOccurrence], list[EventOccurrence]]:
    """What is on right now and what starts next ("en ce moment / à suivre")."""
    now = now or timezone.now()
    occurrences = _occurrences(edition=edition)
    current = list(occurrences.filter(start__lte=now, end__gt=now))
    upcoming = list(occurrences.filter(start__gt=now)[:limit])
    return current, upcoming


def edition_is_running(*, edition: EditionPage, now: datetime.datetime | None = None) -> bool:
    today = timezone.localdate(now or timezone.now())
    return edition.start_date <= today <= edition.end_date


def edition_venues(*, edition: EditionPage) -> QuerySet[Venue]:
    return Venue.objects.filter(events__in=edition_events(edition=edition)).distinct()


def programme_choices(*, edition: EditionPage) -> dict[str, list[tuple[str, str]]]:
    """The values offered by the programme's filters: only those the edition uses."""
    used = set(edition_events(edition=edition).values_list("category", "audience"))
    categories = {category for category, _audience in used}
    audiences = {audience for _category, audience in used}
    return {
        "categories": [(v, label) for v, label in EventCategory.choices if v in categories],
        "audiences": [(v, label) for v, label in Audience.choices if v in audiences],
        "venues": [(venue.slug, venue.name) for venue in edition_venues(edition=edition)],
    }


def venue_pins(venues) -> list[dict]:
    """Pins for includes/map.html: places that have a position."""
    return [
        {
            "name": venue.name,
            "lat": float(venue.latitude),
            "lng": float(venue.longitude),
            "description": venue.full_address,
            "url": "",
        }
        for venue in venues
        if venue.has_position
    ]


def event_for_display(*, event: EventPage) -> dict:
    """Everything an event page shows besides the page's own fields, fetched once."""
    return {
        "occurrences": list(event.occurrences.all()),
        "performers": list(event.performers.all()),
        "gallery": list(event.gallery_images.select_related("image")),
        "archive_items": [
            link.item for link in event.archive_links.select_related("item") if link.item.live
        ],
    }


def programme_gaps(*, edition: EditionPage) -> list[EventPage]:
    """Every event of the edition, drafts included, for editors; gaps first."""
    events = (
        EventPage.objects.child_of(edition)
        .select_related("venue", "image")
        .prefetch_related("occurrences")
        .order_by("title")
    )
    result = list(events)
    for event in result:
        event.gaps = [
            label
            for missing, label in (
                (event.venue_id is None, _("lieu")),
                (event.image_id is None, _("image")),
                (not event.has_accessibility_info, _("accessibilité")),
                (not event.occurrences.all(), _("dates")),
            )
            if missing
        ]
    result.sort(key=lambda e: (not e.gaps, e.title))
    return result
