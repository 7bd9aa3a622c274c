"""Wagtail's moderation signals turned into messages to contributors (via services), and
each new archive's moderation (its workflow, the moderators' right to publish)."""

from django.db.models.signals import post_save
from wagtail.signals import page_published, task_rejected

from archive.contributions.photo_collections import item_photos_publish
from archive.contributions.services import contribution_mark_published, contribution_request_changes
from archive.models import ArchiveIndexPage, ArchiveItemPage
from archive.moderators import archive_moderation_set_up


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


def connect() -> None:
    post_save.connect(
        _on_archive_index_created, sender=ArchiveIndexPage, dispatch_uid="archive-index-moderators"
    )
    page_published.connect(_on_page_published, sender=ArchiveItemPage, dispatch_uid="archive-pub")
    task_rejected.connect(_on_task_rejected, dispatch_uid="archive-task-rejected")
