"""A completed project enters the archive, with its carriers' consent.

The item is the town's editorial work (``ItemSource.EDITORIAL``): it comes from no
contribution, so the archive's one visibility rule (``archive.selectors.public_items``) has no
contributor's refusal to find, and the consent that lets it in is the project's own
(``Project.becomes_archive_item``, and ``photos_to_archive`` for its photos). The town's team
triggers it from the project's admin page; its members have no page permissions, so the
service publishes on the town's behalf, the revision saved with the team member's name."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import PageLogEntry, WorkflowState

from archive.contributions.processing import story_blocks
from archive.models import (
    ArchiveIndexPage,
    ArchiveItemImage,
    ArchiveItemPage,
    ItemKind,
    ItemSource,
)
from archive.models.pages import PublicationRefused
from media.collections import PUBLIC, photo_collection
from media.models import CustomImage
from projects.models import Project, ProjectPhoto, ProjectStatus
from projects.photos import PUBLIC_PHOTOS

# Stored on the item, like its other words: content in French, not an interface string.
ARCHIVE_CREDIT = "Les porteurs du projet et la ville de Loos-en-Gohelle"


class ProjectNotArchivable(Exception):
    """Why the project cannot enter the archive; its message is meant for the town's team."""


def project_archive_refusal(*, project: Project) -> str:
    """Why ``project`` may not enter the archive, in French; ``""`` when it may."""
    if project.status != ProjectStatus.COMPLETED:
        return _("Seul un projet terminé, avec son bilan, entre dans l'archive.")
    if not project.is_public:
        return _("Ce projet n'est pas public : il ne peut pas entrer dans l'archive.")
    if not project.becomes_archive_item:
        return _("Les porteurs n'ont pas accepté que leur projet entre dans l'archive.")
    return ""


def project_archive(*, project: Project, user=None) -> ArchiveItemPage:
    """Make the completed project an archive item, published, and link it to the project.

    Only once: called again, returns the item already made. Raises ``ProjectNotArchivable``
    (a French message) when the project is not completed, not public or without consent, or
    when the item cannot be published."""
    with transaction.atomic():
        project = (
            Project.objects.select_for_update(of=("self",))
            .select_related("place")
            .get(pk=project.pk)
        )
        if project.archive_item_id:
            item = ArchiveItemPage.objects.filter(pk=project.archive_item_id).first()
            if item is not None:
                return item
        refusal = project_archive_refusal(project=project)
        if refusal:
            raise ProjectNotArchivable(refusal)
        index = ArchiveIndexPage.objects.first()
        if index is None:
            raise ProjectNotArchivable(
                _("L'archive n'a pas encore de page d'accueil où ranger le projet.")
            )
        photos = _photos_to_show(project) if project.photos_to_archive else []
        item = ArchiveItemPage(
            title=project.title,
            slug=_free_slug(index, project.title),
            kind=ItemKind.MEMORY,
            summary=project.need,
            story=_story(project),
            date_label=_date_label(project),
            source=ItemSource.EDITORIAL,
            credit=ARCHIVE_CREDIT,
            cover_image=photos[0].image if photos else None,
            live=False,
        )
        item.places = [project.place] if project.place_id else []
        item.gallery_images = [
            ArchiveItemImage(image=photo.image, caption=photo.caption) for photo in photos[1:]
        ]
        index.add_child(instance=item)
        try:
            # On the town's behalf: the team has no page permissions, this action is the right.
            item.save_revision(user=user).publish(user=user, skip_permission_checks=True)
        except PublicationRefused as refused:
            # The transaction rolls the draft back: nothing half-made stays in the archive.
            raise ProjectNotArchivable(str(refused)) from refused
        # Consent given, item live: its photos leave the moderators' private collection.
        public = photo_collection(name=PUBLIC)
        for image in CustomImage.objects.filter(pk__in=[p.image_id for p in photos]).exclude(
            collection=public
        ):
            image.collection = public
            # One by one, not ``update()``: the search index learns the new collection too.
            image.save(update_fields=["collection"])
        project.archive_item = item
        project.save(update_fields=["archive_item", "updated_at"])
    return item


def project_archive_erase(*, project: Project) -> None:
    """The carriers withdrew their project: its archive item goes, revisions, workflow and
    page history with it, since its story holds their words (as a withdrawn contribution's
    item does)."""
    item = ArchiveItemPage.objects.filter(pk=project.archive_item_id).first()
    if item is None:
        return
    # The page tree deletes in bulk, past the foreign keys' SET_NULL: let go of it first.
    Project.objects.filter(archive_item=item).update(archive_item=None)
    project.archive_item = None
    WorkflowState.objects.for_instance(item).delete()
    PageLogEntry.objects.filter(page_id=item.pk).delete()
    item.delete()


def _photos_to_show(project: Project) -> list[ProjectPhoto]:
    """The photos the public may already see (the proposal's, and those of published
    updates), cleaned, with alt text: a caption becomes the image's description where it
    has none; a photo with neither is left out, publication would refuse it."""
    photos = []
    for photo in (
        project.photos.filter(image__isnull=False)
        .filter(PUBLIC_PHOTOS)
        .select_related("image")
        .order_by("position", "pk")
    ):
        image = photo.image
        if not (image.description or "").strip():
            if not photo.caption.strip():
                continue
            image.description = photo.caption.strip()
            image.save(update_fields=["description"])
        photos.append(photo)
    return photos


def _story(project: Project) -> list:
    """The residents' account of the cooperation, then the town's, signed."""
    report = getattr(project, "report", None)
    if report is None:
        return []
    blocks = []
    if report.residents_account.strip():
        blocks.append(("heading", _("Le récit des porteurs")))
        blocks.extend(story_blocks(report.residents_account))
    if report.town_account.strip():
        blocks.append(("heading", _("Le point de vue de la ville")))
        blocks.extend(story_blocks(report.town_account))
        if report.town_signed_by:
            blocks.extend(story_blocks(f"— {report.town_signed_by}"))
    return blocks


def _date_label(project: Project) -> str:
    """From the year the agreement was signed to the year the project ended: « 2017–2018 »."""
    end = (project.completed_at or timezone.now()).year
    start = project.agreed_at.year if project.agreed_at else end
    return str(end) if start >= end else f"{start}–{end}"


def _free_slug(index: ArchiveIndexPage, title: str) -> str:
    base = f"projet-{slugify(title)[:60]}".strip("-")
    taken = set(index.get_children().filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug
