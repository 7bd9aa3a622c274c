"""Wagtail's moderation signals turned into messages to contributors (via services)."""

from wagtail.signals import page_published, task_rejected

from archive.models import ArchiveItemPage


def _on_page_published(sender, instance, **kwargs):
    from archive.services import contribution_mark_published

    contribution_mark_published(item=instance)


def _on_task_rejected(sender, instance, user=None, **kwargs):
    from archive.services import contribution_request_changes

    page = instance.workflow_state.content_object
    if not isinstance(getattr(page, "specific", page), ArchiveItemPage):
        return
    comment = instance.get_comment() if hasattr(instance, "get_comment") else ""
    contribution_request_changes(item=page.specific, message=comment or "")


def connect() -> None:
    page_published.connect(_on_page_published, sender=ArchiveItemPage, dispatch_uid="archive-pub")
    task_rejected.connect(_on_task_rejected, dispatch_uid="archive-task-rejected")
