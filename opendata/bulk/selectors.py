"""Reads of the bulk export: which items go out, with everything the rows need."""

from django.db.models import QuerySet

from archive.models import ArchiveCollection
from archive.selectors import public_items
from opendata.bulk.models import ImportedItem, ImportRun
from opendata.dublin_core import dublin_core_items


def export_items(*, collection: ArchiveCollection | None = None) -> QuerySet:
    """What the public sees (``public_items``), of one collection or of the whole archive,
    in the tree's order, with their Dublin Core and their images in a fixed number of
    queries."""
    items = public_items()
    if collection is not None:
        items = items.filter(collection=collection)
    return dublin_core_items(items).prefetch_related("gallery_images__image").order_by("path")


def import_keys(*, item_ids: list[int]) -> dict[int, str]:
    """The key each imported item came in with: the export writes it back as identifier."""
    return dict(ImportedItem.objects.filter(item_id__in=item_ids).values_list("item_id", "key"))


def recent_import_runs(*, limit: int = 30) -> list[ImportRun]:
    return list(ImportRun.objects.select_related("started_by").order_by("-created_at")[:limit])
