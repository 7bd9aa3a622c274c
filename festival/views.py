"""Public views of the festival, reached through the routes of edition and event pages."""

from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from festival import selectors
from festival.calendar import edition_ical, event_ical
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
    filters = selectors.ProgrammeFilters.from_query(request.GET, edition=edition)
    occurrences = selectors.programme_occurrences(edition=edition, filters=filters)
    context = edition.get_context(request)
    now = timezone.now()
    running = selectors.edition_is_running(edition=edition, now=now)
    if running and not filters.active:
        context["happening_now"], context["coming_next"] = selectors.now_and_next(
            edition=edition, now=now
        )
    context.update(
        filters=filters,
        running=running,
        days_with_events=selectors.group_by_day(occurrences),
        occurrence_count=len(occurrences),
        days=selectors.edition_days(edition=edition),
        choices=selectors.programme_choices(edition=edition),
        moments=[
            ("matin", _("Matin")),
            ("apres-midi", _("Après-midi")),
            ("soir", _("Soir")),
        ],
        image_spec=selectors.PROGRAMME_IMAGE_SPEC,
        open_graph=open_graph(page=edition, request=request, image=edition.image),
    )
    return TemplateResponse(request, "festival/programme.html", context)


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
    )
    return TemplateResponse(request, "festival/event_page.html", context)


def event_calendar(request, *, event: EventPage):
    return _calendar_response(
        event_ical(event=event, request=request), filename=slugify(event.title) or "evenement"
    )
