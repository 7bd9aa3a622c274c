"""Reads of the festival for pages: editions, programmes, venues as visitors see them."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.page_privacy import public_pages
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
    return public_pages(EventPage.objects.live()).child_of(edition)


def edition_days(*, edition: EditionPage) -> list[datetime.date]:
    days = (edition.end_date - edition.start_date).days + 1
    return [edition.start_date + datetime.timedelta(days=n) for n in range(max(days, 1))]


# The ``jour`` value asking for the whole programme at once (to print it, say); by default the
# programme shows one day, so its cost does not grow with the number of events.
ALL_DAYS = "tous"

# How many starred events « Mon programme » reads from its address, at most.
MY_PROGRAMME_MAX_EVENTS = 100


@dataclass(frozen=True)
class ProgrammeFilters:
    """What a visitor chose in the programme's GET form; every part is optional."""

    day: datetime.date | None = None
    all_days: bool = False
    category: str = ""
    venue: str = ""
    audience: str = ""
    moment: str = ""

    @classmethod
    def from_query(cls, query, *, edition: EditionPage) -> "ProgrammeFilters":
        """Read the query string, dropping values that are not offered (never an error)."""
        raw_day = query.get("jour", "")
        try:
            day = datetime.date.fromisoformat(raw_day)
        except ValueError:
            day = None
        if day not in edition_days(edition=edition):
            day = None
        moment = query.get("moment", "")
        return cls(
            day=day,
            all_days=day is None and raw_day == ALL_DAYS,
            category=query.get("categorie", "")[:20],
            venue=query.get("lieu", "")[:80],
            audience=query.get("public", "")[:20],
            moment=moment if moment in MOMENTS else "",
        )

    @property
    def narrowed(self) -> bool:
        """Whether the visitor narrowed the programme beyond choosing a day."""
        return any((self.category, self.venue, self.audience, self.moment))


def _day_bounds(day: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    start = datetime.datetime.combine(day, datetime.time.min)
    end = datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min)
    return timezone.make_aware(start), timezone.make_aware(end)


def _public_occurrences(*, edition: EditionPage) -> QuerySet[EventOccurrence]:
    return EventOccurrence.objects.filter(event__in=edition_events(edition=edition))


def _for_display(occurrences: QuerySet[EventOccurrence]) -> QuerySet[EventOccurrence]:
    """Joined and prefetched for the cards, so 30 events cost no more queries than one."""
    renditions = CustomRendition.objects.filter(filter_spec=PROGRAMME_IMAGE_SPEC)
    return (
        occurrences.select_related("event", "event__venue", "event__image")
        .prefetch_related(Prefetch("event__image__renditions", queryset=renditions))
        .order_by("start", "event__title")
    )


def _occurrences(*, edition: EditionPage) -> QuerySet[EventOccurrence]:
    return _for_display(_public_occurrences(edition=edition))


def _filtered(
    occurrences: QuerySet[EventOccurrence], filters: ProgrammeFilters
) -> QuerySet[EventOccurrence]:
    """The filters but the day. Hours are compared in the site's time zone (``__hour`` reads
    the current one), so « soir » is 18 h in Paris on both sides of a daylight-saving change."""
    if filters.category:
        occurrences = occurrences.filter(event__category=filters.category)
    if filters.venue:
        occurrences = occurrences.filter(event__venue__slug=filters.venue)
    if filters.audience:
        occurrences = occurrences.filter(event__audience=filters.audience)
    if filters.moment:
        first_hour, last_hour = MOMENTS[filters.moment]
        occurrences = occurrences.filter(start__hour__gte=first_hour, start__hour__lt=last_hour)
    return occurrences


def programme_occurrences(
    *, edition: EditionPage, filters: ProgrammeFilters | None = None
) -> list[EventOccurrence]:
    """Every date of the edition's published events matching the filters, in time order.

    A day keeps the events under way that day (an exhibition over the weekend). The number of
    queries does not depend on the number of events: venues and images come joined, the
    list's renditions are prefetched."""
    filters = filters or ProgrammeFilters()
    occurrences = _filtered(_occurrences(edition=edition), filters)
    if filters.day:
        day_start, day_end = _day_bounds(filters.day)
        occurrences = occurrences.filter(start__lt=day_end, end__gt=day_start)
    return list(occurrences)


def programme_day_counts(
    *, edition: EditionPage, filters: ProgrammeFilters
) -> dict[datetime.date, int]:
    """How many dates each day of the edition holds under the other filters, in one query
    (one count per day, as the day's list counts them)."""
    days = edition_days(edition=edition)
    counts = _filtered(_public_occurrences(edition=edition), filters).aggregate(
        **{
            f"day_{n}": Count("pk", filter=Q(start__lt=day_end, end__gt=day_start))
            for n, (day_start, day_end) in enumerate(_day_bounds(day) for day in days)
        }
    )
    return {day: counts[f"day_{n}"] for n, day in enumerate(days)}


def programme_default_day(
    *,
    edition: EditionPage,
    day_counts: dict[datetime.date, int],
    now: datetime.datetime | None = None,
) -> datetime.date:
    """The day the programme opens on: today while the edition runs, else its first day
    holding a rendez-vous (its first day when none does)."""
    today = timezone.localdate(now or timezone.now())
    if edition.start_date <= today <= edition.end_date:
        return today
    return next((day for day, count in day_counts.items() if count), edition.start_date)


def my_programme_occurrences(
    *, edition: EditionPage, event_ids: list[int]
) -> list[EventOccurrence]:
    """The dates of the starred events, for « Mon programme »: only the edition's public
    events, whatever ids the address carries."""
    occurrences = _occurrences(edition=edition).filter(event_id__in=event_ids)
    return list(occurrences)


def my_programme_calendar_occurrences(
    *, edition: EditionPage, event_ids: list[int]
) -> list[EventOccurrence]:
    """The same dates for the iCal file: events and venues joined, no images."""
    occurrences = _public_occurrences(edition=edition).filter(event_id__in=event_ids)
    return list(occurrences.select_related("event", "event__venue").order_by("start"))


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
