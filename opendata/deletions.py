"""Tombstones for OAI-PMH (``deletedRecord=persistent``): after each change to an item, one
that has been published but is no longer in ``archive.selectors.public_items`` (unpublished,
deleted, withdrawn, made private, its consent withdrawn) is reported as deleted; one that
comes back loses its tombstone."""

from dataclasses import dataclass

from django.utils import timezone

from archive.models import ArchiveItemPage
from archive.selectors import public_items
from opendata.models import DeletedRecord
from opendata.oai.identifiers import item_identifier
from opendata.oai.sets import item_set_specs


@dataclass(frozen=True)
class Departure:
    """What is known of an item about to be deleted, read before its rows go."""

    published: bool
    set_specs: list[str]


def item_departure(*, item: ArchiveItemPage) -> Departure:
    return Departure(published=item.first_published_at is not None, set_specs=item_set_specs(item))


def _specs_text(specs: list[str]) -> str:
    return f" {' '.join(specs)} " if specs else ""


def deletion_sync(*, page_id: int, departure: Departure | None = None) -> DeletedRecord | None:
    """Bring the item's tombstone in line with what the public sees of it now; ``departure``
    for an item deleted since (without it, a deleted item keeps what it had).

    Returns its tombstone, if it has one."""
    if public_items().filter(pk=page_id).exists():
        DeletedRecord.objects.filter(page_id=page_id).delete()
        return None
    item = ArchiveItemPage.objects.filter(pk=page_id).select_related("collection").first()
    if item is not None:
        departure = item_departure(item=item)
    existing = DeletedRecord.objects.filter(page_id=page_id).first()
    if departure is None or not departure.published:
        # Never seen by the public (a draft, a scheduled item): nothing to retract.
        return existing
    if existing is not None:
        # Still gone: the harvesters have been told when it went.
        return existing
    return DeletedRecord.objects.create(
        page_id=page_id,
        identifier=item_identifier(page_id=page_id),
        datestamp=timezone.now(),
        set_specs=_specs_text(departure.set_specs),
    )
