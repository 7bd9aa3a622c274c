"""Public views of the festival, reached through the routes of edition and event pages."""

import dataclasses

from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from festival import selectors
from festival.calendar import edition_ical, event_ical, my_programme_ical
from festival.models import EditionPage, EventPage
from festival.structured_data import event_json_ld, open_graph
from festival.volunteers import selectors as volunteer_selectors


def _calendar_response(content: bytes, *, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.ics"'
    return response


def edition_overview(request, *, edition: EditionPage):
    context = edition.get_context(request)
    now = timezone.now()
    running = selectors.edition_is_running(edition=edition, now=now)
    if running:
        context["happening_now"], context["coming_next"] = selectors.now_and_next(
            edition=edition, now=now
        )
    venues = list(selectors.edition_venues(edition=edition))
    other_editions = selectors.published_editions().exclude(pk=edition.pk)
    context.update(
        running=running,
        # The now / next cards carry the programme's star, as on the home page.
        stars=running,
        days=selectors.edition_days(edition=edition),
        venues=venues,
        pins=selectors.venue_pins(venues),
        previous_edition=other_editions.filter(year__lt=edition.year).order_by("-year").first(),
        next_edition=other_editions.filter(year__gt=edition.year).order_by("year").first(),
        open_graph=open_graph(page=edition, request=request, image=edition.image),
        open_shifts=volunteer_selectors.open_shift_count(occasion=edition),
    )
    return TemplateResponse(request, "festival/edition_page.html", context)


def edition_programme(request, *, edition: EditionPage):
    """One day at a time (``?jour=``, or every day with ``?jour=tous``): plain links and a GET
    form keep every filter, without JavaScript; the cost stays that of one day's events."""
    filters = selectors.ProgrammeFilters.from_query(request.GET, edition=edition)
    day_counts = selectors.programme_day_counts(edition=edition, filters=filters)
    now = timezone.now()
    if filters.day is None and not filters.all_days:
        default_day = selectors.programme_default_day(
            edition=edition, day_counts=day_counts, now=now
        )
        filters = dataclasses.replace(filters, day=default_day)
    occurrences = selectors.programme_occurrences(edition=edition, filters=filters)
    context = edition.get_context(request)
    running = selectors.edition_is_running(edition=edition, now=now)
    show_now_next = (
        running and not filters.narrowed and filters.day in (None, timezone.localdate(now))
    )
    if show_now_next:
        context["happening_now"], context["coming_next"] = selectors.now_and_next(
            edition=edition, now=now
        )
    if filters.all_days:
        days_with_events = selectors.group_by_day(occurrences)
    else:
        days_with_events = [(filters.day, occurrences)] if occurrences else []
    context.update(
        filters=filters,
        running=running,
        show_now_next=show_now_next,
        days_with_events=days_with_events,
        occurrence_count=len(occurrences),
        day_counts=list(day_counts.items()),
        all_days=selectors.ALL_DAYS,
        choices=selectors.programme_choices(edition=edition),
        moments=[
            ("matin", _("Matin")),
            ("apres-midi", _("Après-midi")),
            ("soir", _("Soir")),
        ],
        edition=edition,
        stars=True,
        open_graph=open_graph(page=edition, request=request, image=edition.image),
    )
    return TemplateResponse(request, "festival/programme.html", context)


def _starred_event_ids(query) -> list[int]:
    """The event ids of « Mon programme » in ``?e=1,2,3``; anything else is dropped."""
    parts = query.get("e", "").split(",")[: selectors.MY_PROGRAMME_MAX_EVENTS]
    ids = [int(part) for part in parts if part.isascii() and part.isdigit() and len(part) < 10]
    return list(dict.fromkeys(ids))


def edition_my_programme(request, *, edition: EditionPage):
    """The events a visitor starred, named in the address by the page's script (the stars
    live in the browser): an address that can be bookmarked or shared, read without JS."""
    event_ids = _starred_event_ids(request.GET)
    occurrences = (
        selectors.my_programme_occurrences(edition=edition, event_ids=event_ids)
        if event_ids
        else []
    )
    context = edition.get_context(request)
    context.update(
        edition=edition,
        stars=True,
        days_with_events=selectors.group_by_day(occurrences),
        event_ids=",".join(str(pk) for pk in sorted({occ.event_id for occ in occurrences})),
    )
    return TemplateResponse(request, "festival/my_programme.html", context)


def edition_my_calendar(request, *, edition: EditionPage):
    """« Mon programme » as an iCal file: the public events among the ids asked for."""
    event_ids = _starred_event_ids(request.GET)
    occurrences = (
        selectors.my_programme_calendar_occurrences(edition=edition, event_ids=event_ids)
        if event_ids
        else []
    )
    content = my_programme_ical(edition=edition, occurrences=occurrences, request=request)
    return _calendar_response(content, filename=f"mon-programme-gohelliades-{edition.year}")


def edition_calendar(request, *, edition: EditionPage):
    occurrences = selectors.programme_occurrences(edition=edition)
    content = edition_ical(edition=edition, occurrences=occurrences, request=request)
    return _calendar_response(content, filename=f"gohelliades-{edition.year}")


def event_detail(request, *, event: EventPage):
    context = event.get_context(request)
    details = selectors.event_for_display(event=event)
    venue = event.venue
    context.update(
        details,
        edition=event.get_parent().specific,
        pins=selectors.venue_pins([venue]) if venue else [],
        json_ld=event_json_ld(event=event, occurrences=details["occurrences"], request=request),
        open_graph=open_graph(page=event, request=request, image=event.image),
        stars=True,
    )
    return TemplateResponse(request, "festival/event_page.html", context)


def event_calendar(request, *, event: EventPage):
    return _calendar_response(
        event_ical(event=event, request=request), filename=slugify(event.title) or "evenement"
    )
