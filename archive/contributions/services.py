"""Writes on contributions: storing what a resident sent, their changes, attaching it to
what the archive holds, and what moderation decides. Processing is ``processing``,
withdrawal ``withdrawal``, resident additions ``additions``."""

from __future__ import annotations

import logging
import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import PageLogEntry, WorkflowState
from wagtail.rich_text import RichText

from archive.contributions import emails
from archive.contributions.models import (
    Contribution,
    ContributionFile,
    ContributionFileKind,
    ContributionStatus,
)
from archive.contributions.processing import (
    files_clean,
    item_fill,
    moderation_submit,
    story_blocks,
)
from archive.contributions.tasks import process_contribution
from archive.models import ArchiveCollection, ArchiveItemImage, ArchiveItemPage
from media.services import stored_files_delete

logger = logging.getLogger(__name__)

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
    every case, once the contribution is committed (``emails``).

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
        item_fill(item=item, contribution=contribution)
        item.save_revision()
        moderation_submit(item=item)
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
        files_clean(contribution=contribution)
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
    paragraphs = story_blocks(contribution.story)
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
    moderation_submit(item=item)
    for stored in files:
        if stored.raw:
            stored.raw.delete(save=True)


# Moderation outcomes ----------------------------------------------------------------------


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
