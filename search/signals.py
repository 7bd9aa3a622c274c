"""Keep the indices in line with what editors do, after their transaction commits.

Publishing, unpublishing, moving, deleting, and any write to an item's transcript: each
schedules ``sync_object``, which looks at the object as the public sees it now and indexes or
removes it, with its transcript segments. Nothing here may break an editor's save:
scheduling errors are logged, engine errors are retried later.
"""

import logging

from django.db import transaction
from django.db.models.signals import post_delete
from wagtail.signals import page_published, page_unpublished, post_page_move

from search.sources import SOURCES, source_for_instance

logger = logging.getLogger(__name__)


def schedule_sync(*, doc_type: str, object_id: int) -> None:
    def enqueue():
        from search.tasks import sync_object

        try:
            sync_object.enqueue(doc_type=doc_type, object_id=object_id)
        except Exception:  # noqa: BLE001 - indexing must never break the editor's action
            logger.exception(
                "Mise à jour de l'index non programmée pour %s-%s", doc_type, object_id
            )

    transaction.on_commit(enqueue)


def _on_change(sender, instance, **kwargs):
    source = source_for_instance(instance)
    if source is not None:
        schedule_sync(doc_type=source.doc_type, object_id=instance.pk)


def _on_move(sender, instance, **kwargs):
    # A move can change a URL or the edition an event belongs to.
    _on_change(sender, instance.specific_deferred, **kwargs)


def _on_transcript_change(sender, page_id, **kwargs):
    # The item's segments are synced with it (search.services.entry_sync).
    schedule_sync(doc_type="archive_item", object_id=page_id)


def _on_interview_delete(sender, instance, **kwargs):
    _on_transcript_change(sender, page_id=instance.page_id)


def connect() -> None:
    from archive.models import Interview
    from archive.signals import transcript_changed

    page_published.connect(_on_change, dispatch_uid="search_page_published")
    page_unpublished.connect(_on_change, dispatch_uid="search_page_unpublished")
    post_page_move.connect(_on_move, dispatch_uid="search_page_moved")
    transcript_changed.connect(_on_transcript_change, dispatch_uid="search_transcript_changed")
    post_delete.connect(_on_interview_delete, sender=Interview, dispatch_uid="search_interview")
    for source in SOURCES.values():
        if source.parent_doc_type is None:
            post_delete.connect(
                _on_change, sender=source.model(), dispatch_uid=f"search_delete_{source.doc_type}"
            )
