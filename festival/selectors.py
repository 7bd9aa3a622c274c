"""Reads of the festival for pages: editions as visitors see them."""

import datetime

from django.db.models import QuerySet
from django.utils import timezone

from festival.models import EditionPage


def published_editions() -> QuerySet[EditionPage]:
    return EditionPage.objects.live().public().select_related("image").order_by("-year")


def current_edition(*, today: datetime.date | None = None) -> EditionPage | None:
    """The edition under way or coming next; failing that, the latest one held."""
    today = today or timezone.localdate()
    editions = published_editions()
    upcoming = editions.filter(end_date__gte=today).order_by("start_date").first()
    return upcoming or editions.first()
