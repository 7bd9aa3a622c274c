"""Writes of the archive: contributions, moderation outcomes, withdrawal and erasure."""

from __future__ import annotations

import logging
from datetime import datetime, time

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import PageLogEntry, WorkflowState

from archive.models import (
    AdditionStatus,
    ArchiveIndexPage,
    ArchiveItemImage,
    ArchiveItemPage,
    Contribution,
    ContributionFile,
    ContributionFileKind,
    ContributionStatus,
    ItemKind,
    ItemSource,
    ResidentAddition,
    Withdrawal,
    WithdrawalInitiator,
)
from archive.models.contributions import STATUSES_TO_PROCESS
from archive.signals import item_withdrawn
from media.models import CustomImage, MediaFile
from media.services import image_create, media_file_create

logger = logging.getLogger(__name__)

STATUS_SALT = "archive.contribution.status"

CONTRIBUTION_FIELDS = (
    "title",
    "story",
    "date_label",
    "place",
    "proposed_place",
    "full_name",
    "name_display",
    "pseudonym",
    "email",
    "phone",
    "allow_web",
    "allow_festival",
    "allow_research",
    "licence",
    "image_rights_attested",
    "is_minor",
    "parent_name",
    "parent_consent",
    "embargo_until",
)


# Status links ---------------------------------------------------------------------------


def contribution_status_token(*, contribution: Contribution) -> str:
    """A signed token naming the contribution's random reference: unguessable, tamper-proof."""
    return signing.dumps(str(contribution.public_id), salt=STATUS_SALT, compress=True)


def contribution_status_url(*, contribution: Contribution, site_url: str | None = None) -> str:
    path = reverse(
        "archive:status", kwargs={"token": contribution_status_token(contribution=contribution)}
    )
    return f"{(site_url or settings.WAGTAILADMIN_BASE_URL).rstrip('/')}{path}"


def _mail_contributor(
    *, contribution: Contribution, template: str, subject: str, site_url: str | None = None
) -> None:
    """Mail the contributor; a mail failure is logged, never lost work."""
    context = {
        "contribution": contribution,
        "status_url": contribution_status_url(contribution=contribution, site_url=site_url),
    }
    try:
        send_mail(
            subject=subject,
            message=render_to_string(f"archive/email/{template}.txt", context),
            from_email=None,
            recipient_list=[contribution.email],
        )
    except Exception:
        logger.exception("Courriel au contributeur %s non envoyé", contribution.pk)


# Contribution -----------------------------------------------------------------------------


def contribution_create(
    *,
    data: dict,
    photos: list | None = None,
    media_upload=None,
    site_url: str | None = None,
) -> Contribution:
    """Store the submission and its files first (one transaction), then process it.

    Processing (cleaning media, creating the draft item, entering moderation) runs as a task;
    if it fails, the contribution stays stored with status ``failed`` for
    ``retry_contributions`` to take up again. The contributor is mailed the status link in
    every case."""
    with transaction.atomic():
        contribution = Contribution(
            **{field: data.get(field) for field in CONTRIBUTION_FIELDS if field in data},
            consented_at=timezone.now(),
        )
        for field in ("date_label", "proposed_place", "pseudonym", "phone", "parent_name"):
            setattr(contribution, field, getattr(contribution, field) or "")
        contribution.save()
        if data.get("themes"):
            contribution.themes.set(data["themes"])
        for position, upload in enumerate(photos or []):
            _store_raw(contribution, upload, position=position, kind=ContributionFileKind.IMAGE)
        if media_upload:
            _store_raw(
                contribution, media_upload, position=1000, kind=ContributionFileKind.AUDIO_VIDEO
            )

    from archive.tasks import process_contribution

    try:
        process_contribution.enqueue(contribution_id=contribution.pk)
    except Exception as error:
        # The task queue itself failed: the contribution is stored, mark it for retry.
        logger.exception("Traitement de la contribution %s non lancé", contribution.pk)
        Contribution.objects.filter(pk=contribution.pk).update(
            status=ContributionStatus.FAILED, last_error=repr(error)
        )
    contribution.refresh_from_db()
    _mail_contributor(
        contribution=contribution,
        template="received",
        subject=_("Votre souvenir est bien arrivé"),
        site_url=site_url,
    )
    return contribution


def _store_raw(contribution: Contribution, upload, *, position: int, kind: str) -> None:
    upload.seek(0)
    stored = ContributionFile(contribution=contribution, position=position, kind=kind)
    stored.raw.save("upload", upload, save=False)
    stored.save()


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
            _clean_files(contribution)
            item = contribution.item or _create_draft_item(contribution)
            contribution.item = item
            contribution.status = ContributionStatus.IN_REVIEW
            contribution.last_error = ""
            contribution.save()
            _submit_for_moderation(item)
    except Exception as error:
        logger.exception("Traitement de la contribution %s en échec", contribution.pk)
        contribution.refresh_from_db()
        contribution.attempts += 1
        contribution.status = ContributionStatus.FAILED
        contribution.last_error = f"{type(error).__name__}: {error}"[:2000]
        contribution.save(update_fields=["attempts", "status", "last_error", "updated_at"])
        return contribution
    # The clean copies are stored: the raw files (GPS and all) are no longer needed.
    for stored in contribution.files.all():
        if stored.raw:
            stored.raw.delete(save=True)
    return contribution


def _clean_files(contribution: Contribution) -> None:
    display = contribution.display_name
    for number, stored in enumerate(contribution.files.all(), start=1):
        if stored.image_id or stored.media_file_id:
            continue
        with stored.raw.open("rb") as raw:
            if stored.kind == ContributionFileKind.IMAGE:
                stored.image = image_create(
                    upload=raw,
                    title=f"{contribution.title} ({number})",
                    alt_text=_("Photo confiée avec le souvenir « %(title)s »")
                    % {"title": contribution.title},
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


def _story_blocks(text: str) -> list:
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


def _apply_to_item(item: ArchiveItemPage, contribution: Contribution) -> None:
    item.title = contribution.title
    item.story = _story_blocks(contribution.story)
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
    _apply_to_item(item, contribution)
    item.gallery_images = [ArchiveItemImage(image=image) for image in images[1:]]
    index.add_child(instance=item)
    item.save_revision()
    return item


def _submit_for_moderation(item: ArchiveItemPage) -> None:
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


def contribution_retry(
    *, limit: int = 100, received_before: datetime | None = None
) -> list[Contribution]:
    """Process again what was stored but not processed (failures, interrupted tasks).

    ``received_before`` leaves alone what was received since: its task may still be queued."""
    from archive.selectors import contributions_to_retry

    return [
        contribution_process(contribution=contribution)
        for contribution in contributions_to_retry(received_before=received_before)[:limit]
    ]


@transaction.atomic
def contribution_update(*, contribution: Contribution, data: dict) -> Contribution:
    """The contributor changes what they told while it is in review; moderation restarts."""
    if not contribution.is_editable:
        raise PermissionError(_("Ce souvenir ne peut plus être modifié."))
    for field in ("title", "story", "date_label", "place", "proposed_place"):
        if field in data:
            setattr(contribution, field, data[field] or ("" if field != "place" else None))
    contribution.save()
    if "themes" in data:
        contribution.themes.set(data["themes"])
    item = contribution.item
    if item is not None and not item.live:
        item = item.get_latest_revision_as_object()
        _apply_to_item(item, contribution)
        item.save_revision()
        _submit_for_moderation(item)
        contribution.status = ContributionStatus.IN_REVIEW
        contribution.save(update_fields=["status", "updated_at"])
    return contribution


# Moderation outcomes ------------------------------------------------------------------------


def contribution_mark_published(*, item: ArchiveItemPage) -> None:
    """Called when an item made from contributions goes live: tell its contributors."""
    for contribution in Contribution.objects.filter(item=item).exclude(
        status__in=[ContributionStatus.PUBLISHED, ContributionStatus.WITHDRAWN]
    ):
        contribution.status = ContributionStatus.PUBLISHED
        contribution.save(update_fields=["status", "updated_at"])
        _mail_contributor(
            contribution=contribution,
            template="published",
            subject=_("Votre souvenir est publié"),
        )


def contribution_request_changes(*, item: ArchiveItemPage, message: str = "") -> None:
    """An editor asked for changes (Wagtail's « request changes »): tell the contributor."""
    for contribution in Contribution.objects.filter(item=item, status=ContributionStatus.IN_REVIEW):
        contribution.status = ContributionStatus.CHANGES_REQUESTED
        contribution.editor_message = message
        contribution.save(update_fields=["status", "editor_message", "updated_at"])
        _mail_contributor(
            contribution=contribution,
            template="changes_requested",
            subject=_("L'équipe de l'archive vous demande une précision"),
        )


@transaction.atomic
def contribution_decline(*, contribution: Contribution, message: str, user=None) -> Contribution:
    """An editor declines the contribution: the draft leaves moderation, the contributor is told.

    The contributor can still withdraw it, which erases everything."""
    contribution.status = ContributionStatus.DECLINED
    contribution.editor_message = message
    contribution.save(update_fields=["status", "editor_message", "updated_at"])
    if contribution.item is not None:
        for state in WorkflowState.objects.active().for_instance(contribution.item):
            state.cancel(user=user)
    log(instance=contribution, action="archive.contribution.decline", user=user)
    _mail_contributor(
        contribution=contribution,
        template="declined",
        subject=_("Votre souvenir n'a pas été retenu"),
    )
    return contribution


# Withdrawal and erasure ------------------------------------------------------------------------


def contribution_withdraw(
    *,
    contribution: Contribution,
    initiated_by: str = WithdrawalInitiator.CONTRIBUTOR,
    user=None,
) -> Withdrawal:
    """Take back a contribution: unpublish and delete its item, delete its files and every
    rendition, erase the personal data, and keep only an anonymous record (in the audit log
    too, under ``user`` when an editor does it on request).

    Sends ``archive.signals.item_withdrawn`` (``page_id``, ``url_path``) before the page is
    deleted, so search indexes can drop it. The item's address then answers 410 Gone."""
    files_to_delete: list = []
    with transaction.atomic():
        item = contribution.item
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
        if item is not None:
            item = item.specific
            withdrawal.url_path = item.url_path
            if item.cover_image_id:
                images.add(item.cover_image_id)
            images.update(item.gallery_images.values_list("image_id", flat=True))
            if item.media_file_id:
                media_files.add(item.media_file_id)
            for state in WorkflowState.objects.active().for_instance(item):
                state.cancel(user=None)
            if item.live:
                item.unpublish(log_action=None)
            item_withdrawn.send(sender=ArchiveItemPage, page_id=item.pk, url_path=item.url_path)
            WorkflowState.objects.for_instance(item).delete()
            PageLogEntry.objects.filter(page_id=item.pk).delete()
            item.delete()
        withdrawal.save()
        log(instance=withdrawal, action="archive.withdrawal", user=user)
        for image in CustomImage.objects.filter(pk__in=images):
            files_to_delete.extend(_image_files(image))
            image.delete()
        for media_file in MediaFile.objects.filter(pk__in=media_files):
            files_to_delete.append((media_file.file.storage, media_file.file.name))
            media_file.delete()
        contribution.delete()  # its files' rows, consent and personal data with it
    for storage, name in files_to_delete:
        try:
            storage.delete(name)
        except Exception:
            logger.exception("Fichier %s non supprimé au retrait", name)
    return withdrawal


def _image_files(image: CustomImage) -> list:
    files = [(image.file.storage, image.file.name)]
    files.extend((r.file.storage, r.file.name) for r in image.renditions.all())
    return files


# Resident additions ------------------------------------------------------------------------


def addition_create(*, item: ArchiveItemPage, data: dict) -> ResidentAddition:
    """« Vous reconnaissez quelqu'un ? » — stored for review, never shown before."""
    return ResidentAddition.objects.create(
        item=item,
        person_named=data.get("person_named", ""),
        date_label=data.get("date_label", ""),
        comment=data["comment"],
        credit_name=data["credit_name"],
        email=data.get("email", ""),
    )


def addition_review(*, addition: ResidentAddition, publish: bool) -> ResidentAddition:
    addition.status = AdditionStatus.PUBLISHED if publish else AdditionStatus.DECLINED
    addition.reviewed_at = timezone.now()
    addition.save(update_fields=["status", "reviewed_at"])
    return addition


__all__ = [
    "addition_create",
    "addition_review",
    "contribution_create",
    "contribution_decline",
    "contribution_mark_published",
    "contribution_process",
    "contribution_request_changes",
    "contribution_retry",
    "contribution_status_token",
    "contribution_status_url",
    "contribution_update",
    "contribution_withdraw",
]
