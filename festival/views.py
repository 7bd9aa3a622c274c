"""Public views of the festival, reached through the routes of edition and event pages."""

from django.template.response import TemplateResponse

from festival.models import EditionPage, EventPage


def edition_overview(request, *, edition: EditionPage):
    return TemplateResponse(request, "festival/edition_page.html", edition.get_context(request))


def edition_programme(request, *, edition: EditionPage):
    return edition_overview(request, edition=edition)


def edition_calendar(request, *, edition: EditionPage):
    return edition_overview(request, edition=edition)


def event_detail(request, *, event: EventPage):
    return TemplateResponse(request, "festival/event_page.html", event.get_context(request))


def event_calendar(request, *, event: EventPage):
    return event_detail(request, event=event)
