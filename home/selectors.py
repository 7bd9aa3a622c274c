"""Reads for the home page, gathered from the apps that own them."""

import datetime
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from archive.models.pages import ArchiveItemPage, ItemKind
from archive.selectors import featured_items, public_items
from core.page_privacy import public_pages
from festival.models import EditionPage, FestivalIndexPage
from festival.selectors import (
    current_edition,
    edition_is_running,
    now_and_next,
    published_editions,
)


def home_page_highlights() -> dict[str, Any]:
    edition = current_edition()
    return {
        "current_edition": edition,
        **festival_now_and_next(edition=edition),
        "featured_items": featured_items(limit=6),
        "listening_item": listening_item(),
        "contribute_url": contribute_url(),
        "volunteer_url": volunteer_url(),
    }


def festival_now_and_next(
    *, edition: EditionPage | None, now: datetime.datetime | None = None
) -> dict[str, Any]:
    """While ``edition`` runs, what is on and what comes next (« en ce moment / à suivre »),
    each card with its star for « Mon programme », as on the programme; nothing otherwise."""
    now = now or timezone.now()
    if edition is None or not edition_is_running(edition=edition, now=now):
        return {"running": False}
    happening_now, coming_next = now_and_next(edition=edition, now=now)
    return {
        "running": True,
        "happening_now": happening_now,
        "coming_next": coming_next,
        "stars": True,
    }


def contribute_url() -> str:
    """« Contribuer à l'archive » opens the form itself, not the archive's index."""
    return reverse("archive:contribute")


def next_edition_with_shifts(*, now: datetime.datetime | None = None) -> EditionPage | None:
    """The edition under way or coming next that still has a shift ahead to sign up for."""
    now = now or timezone.now()
    return (
        published_editions()
        .filter(end_date__gte=timezone.localdate(now), shifts__start__gt=now)
        .order_by("start_date")
        .first()
    )


def volunteer_url(*, now: datetime.datetime | None = None) -> str | None:
    """« Voir les créneaux » opens the next edition's shifts, their sign-up form below; when no
    edition has any ahead, the festival's page (``None`` if there is none)."""
    edition = next_edition_with_shifts(now=now)
    if edition is not None:
        return edition.volunteer_signup_url
    # By id, not in the tree's order: ordered by path, the database walks every page before
    # the festival's (the archive's items come first), all of them when it is not live.
    festival = public_pages(FestivalIndexPage.objects.live()).order_by("pk").first()
    return festival.url if festival else None


def listening_items() -> QuerySet[ArchiveItemPage]:
    """The oral histories the public can listen to: featured first, then the latest."""
    return (
        public_items()
        .filter(kind=ItemKind.ORAL_HISTORY, media_file__isnull=False)
        .order_by("-featured", "-first_published_at", "pk")
    )


def listening_item() -> ArchiveItemPage | None:
    """The oral history the home page invites to listen to."""
    return listening_items().first()
