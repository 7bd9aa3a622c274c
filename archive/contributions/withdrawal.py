"""Taking a contribution back: its item, files, renditions and personal data erased in one
transaction, an anonymous record kept (``Withdrawal``), and the audit log scrubbed."""

from __future__ import annotations

from django.db import transaction
from wagtail.actions.publish_page_revision import PublishPageRevisionAction
from wagtail.log_actions import log
from wagtail.models import PageLogEntry, WorkflowState

from archive.contributions.audit import audit_log_forget, withdrawn_reference
from archive.contributions.models import Contribution, Withdrawal, WithdrawalInitiator
from archive.models import ArchiveItemPage, Tape
from media.models import CustomImage, MediaFile
from media.services import image_stored_files, media_file_stored_files, stored_files_delete


def contribution_withdraw(
    *,
    contribution: Contribution,
    initiated_by: str = WithdrawalInitiator.CONTRIBUTOR,
    user=None,
) -> Withdrawal:
    """Take back a contribution: unpublish and delete its item, delete its files and every
    rendition (images, recordings, interview tapes, caption tracks), erase the personal
    data, and keep only an anonymous record (in the audit log too, under ``user`` when an
    editor does it on request).

    A contribution attached to an item that existed before (``contribution_attach``) takes
    back only its own photos, recording and story from that item, which stays; its earlier
    revisions, which still hold them, are deleted.

    The page is unpublished, then deleted: Wagtail's ``page_unpublished`` and the page's
    ``post_delete`` let the search indexes drop it. Its address then answers 410 Gone."""
    files_to_delete: list = []
    with transaction.atomic():
        # Read afresh: the caller's copy may predate the latest revision.
        item = ArchiveItemPage.objects.filter(pk=contribution.item_id).first()
        withdrawal = Withdrawal(
            reference=contribution.public_id,
            initiated_by=initiated_by,
            had_published_item=bool(item and item.first_published_at),
        )
        images: set[int] = set()
        media_files: set[int] = set()
        for stored in contribution.files.all():
            if stored.raw:
                files_to_delete.append((stored.raw.storage, stored.raw.name))
            if stored.image_id:
                images.add(stored.image_id)
            if stored.media_file_id:
                media_files.add(stored.media_file_id)
        shared = item is not None and (
            contribution.attached_to_existing
            or item.contributions.exclude(pk=contribution.pk).exists()
        )
        if shared:
            _take_back_from_item(contribution, item, images=images, media_files=media_files)
        elif item is not None:
            withdrawal.url_path = item.url_path
            images.update(_item_image_ids(item))
            media_files.update(_item_media_file_ids(item))
            for state in WorkflowState.objects.active().for_instance(item):
                state.cancel(user=None)
            if item.live:
                item.unpublish(log_action=None)
            WorkflowState.objects.for_instance(item).delete()
            PageLogEntry.objects.filter(page_id=item.pk).delete()
            item.delete()  # its revisions, gallery, interview and tapes with it
        withdrawal.save()
        # The log keeps that it happened, never what it was (``archive.contributions.audit``).
        log(
            instance=withdrawal,
            action="archive.withdrawal",
            user=user,
            title=withdrawn_reference(contribution=contribution),
        )
        audit_log_forget(contribution=contribution, image_ids=images, media_file_ids=media_files)
        for image in CustomImage.objects.filter(pk__in=images):
            files_to_delete.extend(image_stored_files(image=image))
            image.delete()
        for media_file in MediaFile.objects.filter(pk__in=media_files):
            files_to_delete.extend(media_file_stored_files(media_file=media_file))
            media_file.delete()
        contribution.delete()  # its files' rows, consent and personal data with it
    stored_files_delete(files_to_delete)
    return withdrawal


def _item_image_ids(item: ArchiveItemPage) -> set[int]:
    """Every image the item shows: cover, gallery, and images placed in its story."""
    ids = {item.cover_image_id} if item.cover_image_id else set()
    ids.update(item.gallery_images.values_list("image_id", flat=True))
    for block in item.story:
        if block.block_type == "image" and getattr(block.value, "pk", None):
            ids.add(block.value.pk)
    return ids


def _item_media_file_ids(item: ArchiveItemPage) -> set[int]:
    """The item's recording and those of its interview's tapes."""
    ids = {item.media_file_id} if item.media_file_id else set()
    ids.update(
        Tape.objects.filter(interview__page=item, media_file__isnull=False).values_list(
            "media_file_id", flat=True
        )
    )
    return ids


def _take_back_from_item(
    contribution: Contribution, item: ArchiveItemPage, *, images: set[int], media_files: set[int]
) -> None:
    """Remove one contribution's part from an item it shares with others; the item stays."""
    was_live = item.live
    for state in WorkflowState.objects.active().for_instance(item):
        state.cancel(user=None)
    target = item.get_latest_revision_as_object()
    gallery = [entry for entry in target.gallery_images.all() if entry.image_id not in images]
    if target.cover_image_id in images:
        target.cover_image = gallery.pop(0).image if gallery else None
    target.gallery_images = gallery
    if target.media_file_id in media_files:
        target.media_file = None
    if contribution.attached_block_id:
        target.story = [
            (block.block_type, block.value, block.id)
            for block in target.story
            if block.id != contribution.attached_block_id
        ]
    names = [name.strip() for name in target.credit.split(",") if name.strip()]
    target.credit = ", ".join(name for name in names if name != contribution.display_name)
    revision = target.save_revision(log_action=False)
    if was_live:
        # Taking something away never waits for the publication checks.
        PublishPageRevisionAction(revision, user=None, log_action=False).execute(
            skip_permission_checks=True
        )
    # The earlier revisions still hold what was taken back.
    PageLogEntry.objects.filter(page_id=item.pk).exclude(revision=revision).update(revision=None)
    item.revisions.exclude(pk=revision.pk).delete()
