"""Reads of the archive for pages and feeds: only what is live and public."""

from django.db.models import QuerySet

from archive.models import ArchiveItemPage


def public_items() -> QuerySet[ArchiveItemPage]:
    return ArchiveItemPage.objects.live().public().select_related("cover_image")


def featured_items(*, limit: int = 6) -> list[ArchiveItemPage]:
    return list(public_items().filter(featured=True).order_by("-first_published_at")[:limit])


def recent_items(*, limit: int = 12) -> list[ArchiveItemPage]:
    return list(public_items().order_by("-first_published_at")[:limit])
