"""Writes of the archive: contributions, moderation outcomes, withdrawal and erasure."""

from __future__ import annotations

import logging
import uuid
from datetime import datetime, time

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import PageLogEntry, WorkflowState
from wagtail.rich_text import RichText

from archive import emails
from archive.audit import audit_log_forget, withdrawn_reference
from archive.models import (
    AdditionStatus,
    ArchiveCollection,
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
from archive.photo_collections import contribution_photos_keep_private
from archive.selectors import MAX_PROCESSING_ATTEMPTS
from archive.signals import item_withdrawn
from media.models import CustomImage, MediaFile
from media.services import (
    image_create,
    image_stored_files,
    media_file_create,
    media_file_stored_files,
    stored_files_delete,
)

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


def links_resend(*, email: str, site_url: str | None = None) -> None:
    """« Renvoyer mes liens »: mail every private link of ``email`` (memories, additions,
    volunteer sign-ups) to that address only, if the site knows it; the caller answers the
    same whatever the address."""
    emails.links_mail_queue(email=email, site_url=site_url)


# Contribution -----------------------------------------------------------------------------


class ContributionFilesUnavailable(Exception):
    """The file storage failed while the upload was stored: nothing was kept (no half
    contribution, no orphan file), and the person can send it again in a moment."""


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
    every case, once the contribution is committed (``archive.emails``).

    Raises ``ContributionFilesUnavailable`` when the storage refuses the files."""
    stored_files: list[tuple] = []
    try:
        contribution = _contribution_store(
            data=data,
            photos=photos,
            media_upload=media_upload,
            site_url=site_url,
            stored_files=stored_files,
        )
    except Exception as error:
        # The rows are rolled back; the files already written would be orphans.
        stored_files_delete(stored_files)
        if isinstance(error, ContributionFilesUnavailable):
            logger.error("Stockage indisponible, contribution non enregistrée", exc_info=error)
        raise

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
    return contribution


@transaction.atomic
def _contribution_store(
    *, data: dict, photos, media_upload, site_url: str | None, stored_files: list
) -> Contribution:
    """The rows, the raw files and the « bien arrivé » mail, in one transaction; each file
    written is added to ``stored_files`` as soon as it is, for the caller to clean up."""
    contribution = Contribution(
        **{field: data.get(field) for field in CONTRIBUTION_FIELDS if field in data},
        consented_at=timezone.now(),
    )
    for field in ("date_label", "proposed_place", "pseudonym", "phone", "parent_name"):
        setattr(contribution, field, getattr(contribution, field) or "")
    contribution.save()
    if data.get("themes"):
        contribution.themes.set(data["themes"])
    uploads = [
        (upload, position, ContributionFileKind.IMAGE)
        for position, upload in enumerate(photos or [])
    ]
    if media_upload:
        uploads.append((media_upload, 1000, ContributionFileKind.AUDIO_VIDEO))
    for upload, position, kind in uploads:
        upload.seek(0)
        stored = ContributionFile(contribution=contribution, position=position, kind=kind)
        try:
            stored.raw.save("upload", upload, save=False)
        except Exception as error:
            # A full disk (OSError), an object store out of reach (botocore's errors are
            # not OSError): either way the storage, not the person, failed.
            raise ContributionFilesUnavailable from error
        stored_files.append((stored.raw.storage, stored.raw.name))
        stored.save()
    emails.contribution_mail_queue(
        contribution=contribution, template="received", site_url=site_url
    )
    return contribution


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


def _clean_files(contribution: Contribution) -> None:
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
    *,
    limit: int = 100,
    received_before: datetime | None = None,
    now: datetime | None = None,
) -> list[Contribution]:
    """Process again what was stored but not processed (failures, interrupted tasks).

    ``received_before`` leaves alone what was received since: its task may still be queued.
    ``now`` (the periodic jobs) keeps to the backoff and the cap of ``contributions_to_retry``;
    without it every failure is tried at once (an operator who fixed the cause)."""
    from archive.selectors import contributions_to_retry

    return [
        contribution_process(contribution=contribution)
        for contribution in contributions_to_retry(
            received_before=received_before, now=now, limit=limit
        )
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


# Attaching to what the archive already holds ---------------------------------------------


@transaction.atomic
def contribution_attach(
    *,
    contribution: Contribution,
    item: ArchiveItemPage | None = None,
    collection: ArchiveCollection | None = None,
    user=None,
) -> Contribution:
    """Put a contribution into an existing item, or its draft into a collection.

    With ``item``: its photos join the item's gallery (the first one becomes the cover if
    the item has none), its story is added as a credited paragraph, its places and themes
    are added, and its own draft item is deleted. The item gets a new revision submitted to
    moderation; publishing it tells the contributor, as for a new item. With ``collection``
    only: the contribution's draft is filed in that collection.

    Raises ``ValidationError`` (French, keyed by field) when it cannot be done."""
    if item is None and collection is None:
        raise ValidationError(_("Choisissez un élément ou une collection."))
    if contribution.status in (ContributionStatus.WITHDRAWN, ContributionStatus.DECLINED):
        raise ValidationError(_("Cette contribution est close : elle ne peut plus être rattachée."))
    if item is not None:
        item = ArchiveItemPage.objects.get(pk=item.pk)
        if contribution.item_id == item.pk:
            raise ValidationError(
                {"item": _("C'est déjà l'élément de cette contribution : choisissez-en un autre.")}
            )
        if contribution.attached_to_existing:
            raise ValidationError(
                {"item": _("Cette contribution est déjà rattachée à un élément existant.")}
            )
        if (
            contribution.item_id
            and ArchiveItemPage.objects.filter(pk=contribution.item_id, live=True).exists()
        ):
            raise ValidationError(
                {
                    "item": _(
                        "Ce souvenir est déjà publié comme élément à part : dépubliez-le "
                        "d'abord, puis rattachez-le."
                    )
                }
            )
        if not contribution.allows_web_publication:
            raise ValidationError(
                {
                    "item": _(
                        "La personne n'a pas autorisé la publication sur le site : sa "
                        "contribution ne peut pas rejoindre un élément de l'archive publique."
                    )
                }
            )
        # Not processed yet (or failed): clean its files now; what is clean is not redone.
        _clean_files(contribution)
        _attach_to_item(contribution, item, collection=collection, user=user)
    else:
        draft = ArchiveItemPage.objects.filter(pk=contribution.item_id).first()
        if draft is None:
            raise ValidationError(
                {"collection": _("Cette contribution n'a pas encore d'élément à classer.")}
            )
        draft = draft.get_latest_revision_as_object()
        draft.collection = collection
        draft.save_revision(user=user, log_action=True)
    log(
        instance=contribution,
        action="archive.contribution.attach",
        user=user,
        data={
            "item": item.pk if item is not None else contribution.item_id,
            "collection": collection.pk if collection is not None else None,
        },
    )
    return contribution


def _attach_to_item(contribution: Contribution, item: ArchiveItemPage, *, collection, user) -> None:
    target = item.get_latest_revision_as_object()
    files = list(contribution.files.all())
    images = [f.image for f in files if f.image_id]
    media = next((f.media_file for f in files if f.media_file_id), None)
    gallery = list(target.gallery_images.all())
    if target.cover_image_id is None and images:
        target.cover_image, images = images[0], images[1:]
    target.gallery_images = [*gallery, *[ArchiveItemImage(image=image) for image in images]]
    if target.media_file_id is None and media is not None:
        target.media_file = media
    block_id = str(uuid.uuid4())
    paragraphs = _story_blocks(contribution.story)
    if paragraphs:
        credit = escape(_("Souvenir transmis par %(name)s") % {"name": contribution.display_name})
        html = f"<p><strong>{credit}</strong></p>{paragraphs[0][1]}"
        target.story.append(("paragraph", RichText(html), block_id))
    extra_places = [contribution.place] if contribution.place else []
    target.places = list({*target.places.all(), *extra_places})
    target.themes = list({*target.themes.all(), *contribution.themes.all()})
    names = [name.strip() for name in target.credit.split(",") if name.strip()]
    if contribution.display_name not in names:
        target.credit = ", ".join([*names, contribution.display_name])[:255]
    if collection is not None:
        target.collection = collection
    target.save_revision(user=user, log_action=True)

    own_draft = contribution.item
    contribution.item = item
    contribution.attached_to_existing = True
    contribution.attached_block_id = block_id if paragraphs else ""
    contribution.status = ContributionStatus.IN_REVIEW
    contribution.save()
    if own_draft is not None and own_draft.pk != item.pk:
        # Its photos now belong to the item; the empty draft goes.
        for state in WorkflowState.objects.active().for_instance(own_draft):
            state.cancel(user=user)
        WorkflowState.objects.for_instance(own_draft).delete()
        PageLogEntry.objects.filter(page_id=own_draft.pk).delete()
        own_draft.delete()
    _submit_for_moderation(item)
    for stored in files:
        if stored.raw:
            stored.raw.delete(save=True)


# Moderation outcomes ------------------------------------------------------------------------


def contribution_mark_published(*, item: ArchiveItemPage) -> None:
    """Called when an item made from contributions goes live: tell its contributors."""
    for contribution in Contribution.objects.filter(item=item).exclude(
        status__in=[ContributionStatus.PUBLISHED, ContributionStatus.WITHDRAWN]
    ):
        contribution.status = ContributionStatus.PUBLISHED
        contribution.save(update_fields=["status", "updated_at"])
        emails.contribution_mail_queue(contribution=contribution, template="published")


def contribution_request_changes(*, item: ArchiveItemPage, message: str = "") -> None:
    """An editor asked for changes (Wagtail's « request changes »): tell the contributor."""
    for contribution in Contribution.objects.filter(item=item, status=ContributionStatus.IN_REVIEW):
        contribution.status = ContributionStatus.CHANGES_REQUESTED
        contribution.editor_message = message
        contribution.save(update_fields=["status", "editor_message", "updated_at"])
        emails.contribution_mail_queue(contribution=contribution, template="changes_requested")


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
    emails.contribution_mail_queue(contribution=contribution, template="declined")
    return contribution


# Withdrawal and erasure ------------------------------------------------------------------------


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

    Sends ``archive.signals.item_withdrawn`` (``page_id``, ``url_path``) before the page is
    deleted, so search indexes can drop it. The item's address then answers 410 Gone."""
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
            item_withdrawn.send(sender=ArchiveItemPage, page_id=item.pk, url_path=item.url_path)
            WorkflowState.objects.for_instance(item).delete()
            PageLogEntry.objects.filter(page_id=item.pk).delete()
            item.delete()  # its revisions, gallery, interview and tapes with it
        withdrawal.save()
        # The log keeps that it happened, never what it was (``archive.audit``).
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
    from archive.models import Tape

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
    from wagtail.actions.publish_page_revision import PublishPageRevisionAction

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


def addition_review(*, addition: ResidentAddition, publish: bool, user=None) -> ResidentAddition:
    """An editor publishes (credited on the item) or declines a resident's addition.

    The decision goes to Wagtail's audit log, and the resident is told by e-mail when they
    left an address."""
    addition.status = AdditionStatus.PUBLISHED if publish else AdditionStatus.DECLINED
    addition.reviewed_at = timezone.now()
    with transaction.atomic():
        addition.save(update_fields=["status", "reviewed_at"])
        log(
            instance=addition,
            action="archive.addition.publish" if publish else "archive.addition.decline",
            user=user,
        )
        emails.addition_mail_queue(addition=addition, published=publish)
    return addition


__all__ = [
    "addition_create",
    "addition_review",
    "contribution_attach",
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
    "links_resend",
]
