"""Keep the indices in line with what editors do, after their transaction commits.

Publishing, unpublishing, deleting, any write to an item's transcript, a
contribution of a live item saved or deleted (its consent may rule the item out), and a
fifty-fifty project saved (its state, its consent, a withdrawal) or one of its decisions,
agreement versions or photos written: each schedules ``sync_object``, which looks at the
object as the public sees it now and indexes or removes it, with its transcript segments. A
page made private or public again (a view restriction added, changed or deleted) schedules
``sync_subtree``: the page and everything under it; so does a page moved (one by one or with
Wagtail's bulk move), which may reach or leave a private parent. Wagtail's bulk unpublish
(with the pages below), publish and delete send the page signals for each page. Nothing here
may break an editor's save: scheduling errors are logged, engine errors are retried later.
"""

import contextlib
import logging
import threading
from collections import defaultdict
from collections.abc import Iterator

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from archive.models import ArchiveItemPage, Contribution, Interview
from archive.signals import transcript_changed
from projects.models import AgreementVersion, Decision, Project, ProjectPhoto
from search import services, tasks
from search.sources import SOURCES, source_for_instance

logger = logging.getLogger(__name__)


def _enqueue_after_commit(task_name: str, **kwargs) -> None:
    def enqueue():
        try:
            getattr(tasks, task_name).enqueue(**kwargs)
        except Exception:
            logger.exception("Mise à jour de l'index non programmée : %s %s", task_name, kwargs)

    transaction.on_commit(enqueue)


_held = threading.local()


@contextlib.contextmanager
def syncs_held() -> Iterator[None]:
    """For a bulk load (the demo): the objects' syncs are gathered, then run once per kind
    of document at the end (one ``entries_sync`` each), not once per save."""
    if getattr(_held, "ids", None) is not None:
        yield  # already held by an outer block, which syncs at its end
        return
    _held.ids = defaultdict(set)
    try:
        yield
    finally:
        # Even when the load stops half-way: what it made is committed, hence searchable.
        held, _held.ids = _held.ids, None
        for doc_type, object_ids in held.items():
            services.entries_sync(doc_type=doc_type, object_ids=object_ids)


def schedule_sync(*, doc_type: str, object_id: int) -> None:
    held = getattr(_held, "ids", None)
    if held is not None:
        held[doc_type].add(object_id)
        return
    _enqueue_after_commit("sync_object", doc_type=doc_type, object_id=object_id)


def schedule_subtree_sync(*, page_id: int) -> None:
    _enqueue_after_commit("sync_subtree", page_id=page_id)


def _on_change(sender, instance, **kwargs):
    source = source_for_instance(instance)
    if source is not None:
        schedule_sync(doc_type=source.doc_type, object_id=instance.pk)


def _on_move(sender, instance, **kwargs):
    # A move changes the URL, and may change the privacy (a private parent left or reached)
    # or the edition, of the page and of every page under it: an edition moved with its events.
    schedule_subtree_sync(page_id=instance.pk)


def _on_transcript_change(sender, page_id, **kwargs):
    # The item's segments are synced with it (search.services.entry_sync).
    schedule_sync(doc_type="archive_item", object_id=page_id)


def _on_interview_delete(sender, instance, **kwargs):
    _on_transcript_change(sender, page_id=instance.page_id)


def _on_restriction_change(sender, instance, **kwargs):
    # Any view restriction (login, password, groups) keeps the page and its descendants from
    # the public; which kind, or which groups, changes nothing for the index.
    schedule_subtree_sync(page_id=instance.page_id)


def _on_contribution_change(sender, instance, **kwargs):
    # Only a live item can be in the index; a draft's contribution is saved at every step.
    if instance.item_id and ArchiveItemPage.objects.filter(pk=instance.item_id, live=True).exists():
        schedule_sync(doc_type="archive_item", object_id=instance.item_id)


def _on_project_part_change(sender, instance, **kwargs):
    # A decision or an agreement moves the project's state; a photo is its thumbnail.
    schedule_sync(doc_type="project", object_id=instance.project_id)


# What a project's search document depends on besides the project itself.
PROJECT_PARTS = (Decision, AgreementVersion, ProjectPhoto)


def connect() -> None:
    post_save.connect(_on_change, sender=Project, dispatch_uid="search_project_saved")
    page_published.connect(_on_change, dispatch_uid="search_page_published")
    page_unpublished.connect(_on_change, dispatch_uid="search_page_unpublished")
    post_page_move.connect(_on_move, dispatch_uid="search_page_moved")
    transcript_changed.connect(_on_transcript_change, dispatch_uid="search_transcript_changed")
    post_delete.connect(_on_interview_delete, sender=Interview, dispatch_uid="search_interview")
    for name, signal in (("saved", post_save), ("deleted", post_delete)):
        signal.connect(
            _on_restriction_change,
            sender=PageViewRestriction,
            dispatch_uid=f"search_restriction_{name}",
        )
        signal.connect(
            _on_contribution_change, sender=Contribution, dispatch_uid=f"search_contribution_{name}"
        )
        for part in PROJECT_PARTS:
            signal.connect(
                _on_project_part_change,
                sender=part,
                dispatch_uid=f"search_project_{part._meta.model_name}_{name}",
            )
    for source in SOURCES.values():
        if source.parent_doc_type is None:
            post_delete.connect(
                _on_change, sender=source.model(), dispatch_uid=f"search_delete_{source.doc_type}"
            )
