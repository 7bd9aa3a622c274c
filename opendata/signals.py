"""Keep OAI-PMH's tombstones in line with what editors and contributors do, after their
transaction commits (``opendata.deletions.deletion_sync``), on the same events the search
index follows (``search.signals``): an item published, unpublished, moved or deleted, a
contribution of an item saved or deleted (its consent may rule the item out, a withdrawal
deletes it), a view restriction added or removed on a page (the items under it). Nothing here
may break an editor's save: errors are logged."""

import logging

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from archive.models import ArchiveItemPage, Contribution
from opendata.deletions import Departure, deletion_sync, item_departure

logger = logging.getLogger(__name__)


def _sync_after_commit(page_ids: list[int], departure: Departure | None = None) -> None:
    def sync():
        for page_id in page_ids:
            try:
                deletion_sync(page_id=page_id, departure=departure)
            except Exception:
                logger.exception("Notice OAI-PMH non mise à jour : page %s", page_id)

    transaction.on_commit(sync)


def _on_page_change(sender, instance, **kwargs):
    if isinstance(instance, ArchiveItemPage):
        _sync_after_commit([instance.pk])


def _on_move(sender, instance, **kwargs):
    # A move can take an item under a private page, or out from one.
    _on_subtree_change(sender, instance=instance)


def _on_item_delete(sender, instance, **kwargs):
    # Its collection and themes are read now: after the commit they are gone.
    try:
        departure = item_departure(item=instance)
    except Exception:
        logger.exception("Notice OAI-PMH non préparée : page %s", instance.pk)
        return
    _sync_after_commit([instance.pk], departure)


def _on_contribution_change(sender, instance, **kwargs):
    if instance.item_id:
        _sync_after_commit([instance.item_id])


def _on_subtree_change(sender, instance, **kwargs):
    try:
        page = instance if isinstance(instance, Page) else instance.page
    except Page.DoesNotExist:
        return  # the page itself is being deleted: its items say so themselves
    page_ids = list(
        ArchiveItemPage.objects.descendant_of(page, inclusive=True).values_list("pk", flat=True)
    )
    if page_ids:
        _sync_after_commit(page_ids)


def connect() -> None:
    page_published.connect(_on_page_change, dispatch_uid="opendata_page_published")
    page_unpublished.connect(_on_page_change, dispatch_uid="opendata_page_unpublished")
    post_page_move.connect(_on_move, dispatch_uid="opendata_page_moved")
    pre_delete.connect(_on_item_delete, sender=ArchiveItemPage, dispatch_uid="opendata_item")
    for name, signal in (("saved", post_save), ("deleted", post_delete)):
        signal.connect(
            _on_contribution_change,
            sender=Contribution,
            dispatch_uid=f"opendata_contribution_{name}",
        )
        signal.connect(
            _on_subtree_change,
            sender=PageViewRestriction,
            dispatch_uid=f"opendata_restriction_{name}",
        )
