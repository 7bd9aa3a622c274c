"""Reads for the harvest: the items the public sees (``archive.selectors.public_items``, the
one rule) and the tombstones of those it no longer sees, as one list ordered by page id."""

import datetime
from dataclasses import dataclass

from django.db.models import Min, QuerySet

from archive.models import ArchiveItemPage
from archive.selectors import public_items
from opendata.dublin_core import DublinCore, dublin_core_items, item_dublin_core
from opendata.models import DeletedRecord
from opendata.oai.identifiers import item_identifier
from opendata.oai.sets import deleted_in_set, item_set_specs, items_in_set


@dataclass(frozen=True)
class Record:
    page_id: int
    identifier: str
    datestamp: datetime.datetime
    set_specs: list[str]
    deleted: bool = False
    metadata: DublinCore | None = None  # None for a deleted record, and in ListIdentifiers


@dataclass(frozen=True)
class Selection:
    """Which records a list asks for."""

    set_spec: str | None = None
    start: datetime.datetime | None = None
    end: datetime.datetime | None = None  # excluded


def _items(selection: Selection) -> QuerySet[ArchiveItemPage]:
    items = public_items()
    if selection.start:
        items = items.filter(last_published_at__gte=selection.start)
    if selection.end:
        items = items.filter(last_published_at__lt=selection.end)
    if selection.set_spec:
        items = items_in_set(items, spec=selection.set_spec)
    return items


def _deleted(selection: Selection) -> QuerySet[DeletedRecord]:
    records = DeletedRecord.objects.all()
    if selection.start:
        records = records.filter(datestamp__gte=selection.start)
    if selection.end:
        records = records.filter(datestamp__lt=selection.end)
    if selection.set_spec:
        records = deleted_in_set(records, spec=selection.set_spec)
    return records


@dataclass(frozen=True)
class Selected:
    """The querysets of a selection, built once per request (Wagtail's ``public()`` reads the
    view restrictions each time it is called)."""

    items: QuerySet[ArchiveItemPage]
    deleted: QuerySet[DeletedRecord]


def records_select(*, selection: Selection) -> Selected:
    return Selected(items=_items(selection), deleted=_deleted(selection))


def record_count(*, selected: Selected) -> int:
    return selected.items.count() + selected.deleted.count()


def _live_record(item: ArchiveItemPage, *, root: str, with_metadata: bool) -> Record:
    return Record(
        page_id=item.pk,
        identifier=item_identifier(page_id=item.pk),
        datestamp=item.last_published_at,
        set_specs=item_set_specs(item),
        metadata=item_dublin_core(item=item, root=root) if with_metadata else None,
    )


def _deleted_record(record: DeletedRecord) -> Record:
    return Record(
        page_id=record.page_id,
        identifier=record.identifier,
        datestamp=record.datestamp,
        set_specs=record.sets,
        deleted=True,
    )


def records_page(
    *, selected: Selected, after: int, size: int, root: str, with_metadata: bool
) -> tuple[list[Record], bool]:
    """Up to ``size`` records with a page id above ``after``, and whether more follow.

    A fixed number of queries whatever ``size``: the items with all their Dublin Core reads,
    and the tombstones."""
    items = selected.items.filter(pk__gt=after).order_by("pk")
    items = dublin_core_items(items) if with_metadata else items.select_related("collection")
    if not with_metadata:
        items = items.prefetch_related("themes")
    live = [
        _live_record(item, root=root, with_metadata=with_metadata) for item in items[: size + 1]
    ]
    deleted = [
        _deleted_record(record)
        for record in selected.deleted.filter(page_id__gt=after).order_by("page_id")[: size + 1]
    ]
    merged = sorted(live + deleted, key=lambda record: record.page_id)
    return merged[:size], len(merged) > size


def record_get(*, page_id: int, root: str) -> Record | None:
    """The record of one page: its metadata if the public sees it, its tombstone if not."""
    item = dublin_core_items(public_items().filter(pk=page_id)).first()
    if item is not None:
        return _live_record(item, root=root, with_metadata=True)
    tombstone = DeletedRecord.objects.filter(page_id=page_id).first()
    return _deleted_record(tombstone) if tombstone else None


def earliest_datestamp() -> datetime.datetime | None:
    moments = [
        public_items().aggregate(first=Min("last_published_at"))["first"],
        DeletedRecord.objects.aggregate(first=Min("datestamp"))["first"],
    ]
    moments = [moment for moment in moments if moment]
    return min(moments) if moments else None
