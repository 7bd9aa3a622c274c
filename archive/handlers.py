"""Wagtail's moderation signals turned into messages to contributors (via services), each
new archive's moderation (its workflow, the moderators' right to publish), and a new version
of an item's rendered transcript whenever its transcript is written."""

from django.db.models.signals import post_save
from django.utils import timezone
from wagtail.signals import page_published, task_rejected

from archive.contributions.photo_collections import item_photos_publish
from archive.contributions.services import contribution_mark_published, contribution_request_changes
from archive.models import ArchiveIndexPage, ArchiveItemPage, Interview, Segment
from archive.moderators import archive_moderation_set_up
from archive.signals import transcript_changed


def _on_page_published(sender, instance, **kwargs):
    item_photos_publish(item=instance)
    contribution_mark_published(item=instance)


def _on_task_rejected(sender, instance, user=None, **kwargs):
    page = instance.workflow_state.content_object
    if not isinstance(getattr(page, "specific", page), ArchiveItemPage):
        return
    comment = instance.get_comment() if hasattr(instance, "get_comment") else ""
    contribution_request_changes(item=page.specific, message=comment or "")


def _on_archive_index_created(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        archive_moderation_set_up(index=instance)


def _on_transcript_changed(sender, page_id, **kwargs):
    # The page keeps its rendered transcript under the interview's ``updated_at``: a write the
    # services announce makes a new one, seen by every process.
    Interview.objects.filter(page_id=page_id).update(updated_at=timezone.now())


def _on_segment_written(sender, instance, raw=False, **kwargs):
    # The services announce their writes (``transcript_changed``); this catches the others.
    if not raw:
        Interview.objects.filter(pk=instance.interview_id).update(updated_at=timezone.now())


def connect() -> None:
    # The page's rendered transcript is renewed on the signal the search index listens to.
    transcript_changed.connect(_on_transcript_changed, dispatch_uid="archive-transcript-cache")
    # Saved only: a receiver of deletions would slow down every cascade of segments.
    post_save.connect(_on_segment_written, sender=Segment, dispatch_uid="archive-segment-saved")
    post_save.connect(
        _on_archive_index_created, sender=ArchiveIndexPage, dispatch_uid="archive-index-moderators"
    )
    page_published.connect(_on_page_published, sender=ArchiveItemPage, dispatch_uid="archive-pub")
    task_rejected.connect(_on_task_rejected, dispatch_uid="archive-task-rejected")
