"""Turning a stored contribution into a draft item in moderation, and retrying it.

What a contribution brought is cleaned first (``media``), the draft item made from it, and
the item submitted to Wagtail's workflow; a failure leaves the contribution stored, flagged
``failed`` for the periodic jobs (``contribution_retry``)."""

from __future__ import annotations

import logging
from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify
from wagtail.models import WorkflowState

from archive.contributions.models import (
    STATUSES_TO_PROCESS,
    Contribution,
    ContributionFileKind,
    ContributionStatus,
)
from archive.contributions.photo_collections import contribution_photos_keep_private
from archive.contributions.selectors import MAX_PROCESSING_ATTEMPTS, contributions_to_retry
from archive.models import (
    ArchiveIndexPage,
    ArchiveItemImage,
    ArchiveItemPage,
    ItemKind,
    ItemSource,
)
from media.services import image_create, media_file_create

logger = logging.getLogger(__name__)


def contribution_process(*, contribution: Contribution) -> Contribution:
    """Clean the media, create the draft item and submit it to moderation.

    Safe to run again: what was done before is not redone. On failure the contribution is
    marked ``failed`` with the error, and the raw files stay stored."""
    if contribution.status not in STATUSES_TO_PROCESS:
        return contribution
    contribution.attempts += 1
    try:
        with transaction.atomic():
            # The worker and a scheduled retry may both take it up: the first one wins.
            current = Contribution.objects.select_for_update().values_list("status", flat=True)
            if current.get(pk=contribution.pk) not in STATUSES_TO_PROCESS:
                contribution.refresh_from_db()
                return contribution
            files_clean(contribution=contribution)
            item = contribution.item or _create_draft_item(contribution)
            contribution.item = item
            contribution.status = ContributionStatus.IN_REVIEW
            contribution.last_error = ""
            contribution.save()
            moderation_submit(item=item)
    except Exception as error:
        logger.exception("Traitement de la contribution %s en échec", contribution.pk)
        contribution.refresh_from_db()
        contribution.attempts += 1
        contribution.status = ContributionStatus.FAILED
        contribution.last_error = f"{type(error).__name__}: {error}"[:2000]
        contribution.save(update_fields=["attempts", "status", "last_error", "updated_at"])
        if contribution.attempts >= MAX_PROCESSING_ATTEMPTS:
            logger.error(
                "Contribution %s abandonnée après %s essais : à voir par les modérateurs",
                contribution.pk,
                contribution.attempts,
            )
        return contribution
    # The clean copies are stored: the raw files (GPS and all) are no longer needed.
    for stored in contribution.files.all():
        if stored.raw:
            stored.raw.delete(save=True)
    return contribution


def files_clean(*, contribution: Contribution) -> None:
    """Clean copies of the stored files (images, recordings), kept private until approved;
    what is clean already is not redone."""
    display = contribution.display_name
    for number, stored in enumerate(contribution.files.all(), start=1):
        if stored.image_id or stored.media_file_id:
            continue
        with stored.raw.open("rb") as raw:
            if stored.kind == ContributionFileKind.IMAGE:
                # No alt text: only an editor who looks at the photo can describe it, and
                # publication waits until they have.
                stored.image = image_create(
                    upload=raw,
                    title=f"{contribution.title} ({number})",
                    credit=display,
                    licence=contribution.licence,
                    date_taken=contribution.date_label,
                )
            else:
                stored.media_file = media_file_create(
                    upload=raw,
                    title=contribution.title,
                    credit=display,
                    licence=contribution.licence,
                )
        stored.save()
    # Never in the library everyone browses before a moderator has approved it.
    contribution_photos_keep_private(contribution=contribution)


def story_blocks(text: str) -> list:
    """The contributor's text as the paragraphs of an item's story."""
    paragraphs = [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
    html = "".join(f"<p>{escape(p).replace(chr(10), '<br>')}</p>" for p in paragraphs)
    return [("paragraph", html)] if html else []


def _unique_slug(index: ArchiveIndexPage, title: str) -> str:
    base = slugify(title)[:60] or "souvenir"
    slug, number = base, 2
    while (
        ArchiveItemPage.objects.filter(slug=slug).exists()
        or index.get_children().filter(slug=slug).exists()
    ):
        slug, number = f"{base}-{number}", number + 1
    return slug


def _item_kind(contribution: Contribution) -> str:
    kinds = {f.kind for f in contribution.files.all()}
    if ContributionFileKind.AUDIO_VIDEO in kinds:
        return ItemKind.ORAL_HISTORY
    if ContributionFileKind.IMAGE in kinds:
        return ItemKind.PHOTO
    return ItemKind.MEMORY


def item_fill(*, item: ArchiveItemPage, contribution: Contribution) -> None:
    """What the contributor told, written into the item (a draft, or its latest revision)."""
    item.title = contribution.title
    item.story = story_blocks(contribution.story)
    item.date_label = contribution.date_label
    item.places = [contribution.place] if contribution.place else []
    item.themes = list(contribution.themes.all())
    item.credit = contribution.display_name
    item.licence = contribution.licence
    if contribution.embargo_until:
        item.go_live_at = timezone.make_aware(
            datetime.combine(contribution.embargo_until, time(8, 0))
        )


def _create_draft_item(contribution: Contribution) -> ArchiveItemPage:
    index = ArchiveIndexPage.objects.first()
    if index is None:
        raise RuntimeError("Aucun index d'archive où ranger la contribution.")
    files = list(contribution.files.all())
    images = [f.image for f in files if f.image_id]
    media = next((f.media_file for f in files if f.media_file_id), None)
    item = ArchiveItemPage(
        slug=_unique_slug(index, contribution.title),
        kind=_item_kind(contribution),
        source=ItemSource.CONTRIBUTION,
        cover_image=images[0] if images else None,
        media_file=media,
        live=False,
    )
    item_fill(item=item, contribution=contribution)
    item.gallery_images = [ArchiveItemImage(image=image) for image in images[1:]]
    index.add_child(instance=item)
    item.save_revision()
    return item


def moderation_submit(*, item: ArchiveItemPage) -> None:
    """Into Wagtail's workflow, or back into it where it asked for changes."""
    workflow = item.get_workflow()
    if workflow is None:
        return  # no workflow configured: the draft simply waits for an editor
    state = WorkflowState.objects.active().for_instance(item).first()
    if state is not None:
        if state.status == WorkflowState.STATUS_NEEDS_CHANGES:
            state.resume(user=None)
            return
        state.cancel(user=None)
    workflow.start(item, user=None)


# A contribution's own task normally takes it up within seconds; give the queue this long.
QUEUE_GRACE = timedelta(minutes=10)


def contributions_retry_due(*, now: datetime | None = None) -> int:
    """The periodic jobs' retry: what is due by the backoff, leaving alone what arrived too
    recently for its own task to have run; returns how many were processed again."""
    now = now or timezone.now()
    return len(contribution_retry(received_before=now - QUEUE_GRACE, now=now))


def contribution_retry(
    *,
    limit: int = 100,
    received_before: datetime | None = None,
    now: datetime | None = None,
) -> list[Contribution]:
    """Process again what was stored but not processed (failures, interrupted tasks).

    ``received_before`` leaves alone what was received since: its task may still be queued.
    ``now`` (the periodic jobs) keeps to the backoff and the cap of ``contributions_to_retry``;
    without it every failure is tried at once (an operator who fixed the cause)."""
    return [
        contribution_process(contribution=contribution)
        for contribution in contributions_to_retry(
            received_before=received_before, now=now, limit=limit
        )
    ]
