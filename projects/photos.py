"""A project's photos: stored raw first, then cleaned into the image library, and erased.

Every upload was already checked by its content in the form (``MultipleImageField``, shared
with the contributions); here the raw file is kept privately until ``image_create`` has made
a clean copy (no GPS, no EXIF), then deleted. The clean copies wait in the moderators'
private collection until the team uses them; a public project shows its own there anyway
(``photos_shown_publicly``), and the fifty-fifty team sees them all in the admin."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.db import models

from archive.selectors import public_items
from media.collections import PENDING, photo_collection
from media.models import CustomImage
from media.services import image_create, image_stored_files
from projects.models import Project, ProjectPhoto, UpdateStatus

logger = logging.getLogger(__name__)


class ProjectFilesUnavailable(Exception):
    """The file storage failed while the photos were stored: nothing was kept, and the
    person can send again in a moment."""


def project_photos_store(
    *, project: Project, uploads: Iterable, stored_files: list, update=None
) -> list[ProjectPhoto]:
    """The raw uploads, each on its own row; each file written is added to ``stored_files``
    at once, for the caller to delete if its transaction rolls back.

    Raises ``ProjectFilesUnavailable`` when the storage refuses a file."""
    start = project.photos.count()
    photos = []
    for position, upload in enumerate(uploads, start=start):
        upload.seek(0)
        photo = ProjectPhoto(project=project, update=update, position=position)
        try:
            photo.raw.save("upload", upload, save=False)
        except Exception as error:
            # A full disk or an object store out of reach: the storage failed, not the person.
            raise ProjectFilesUnavailable from error
        stored_files.append((photo.raw.storage, photo.raw.name))
        photo.save()
        photos.append(photo)
    return photos


def project_photos_clean(*, project: Project) -> int:
    """Clean copies of the project's raw photos; the raw file goes once its copy is made.

    Safe to run again: a failing photo keeps its raw file and is retried next time, the
    others are done. Returns how many photos are still waiting."""
    waiting = 0
    collection = photo_collection(name=PENDING)
    for number, photo in enumerate(
        project.photos.filter(image__isnull=True).exclude(raw=""), start=1
    ):
        try:
            with photo.raw.open("rb") as raw:
                image = image_create(
                    upload=raw,
                    title=f"{project.title} ({number})",
                    credit=project.carrier_name,
                )
        except Exception:
            logger.exception("Photo %s du projet %s non nettoyée", photo.pk, project.pk)
            waiting += 1
            continue
        image.collection = collection
        image.save(update_fields=["collection"])
        photo.image = image
        photo.save(update_fields=["image"])
        photo.raw.delete(save=True)
    return waiting


def project_photos_erase(*, photos) -> list[tuple]:
    """Delete the rows and images of ``photos``; returns the stored files to delete once the
    caller's transaction commits (``media.services.stored_files_delete``)."""
    files: list[tuple] = []
    image_ids = set()
    for photo in photos:
        if photo.raw:
            files.append((photo.raw.storage, photo.raw.name))
        if photo.image_id:
            image_ids.add(photo.image_id)
        photo.delete()
    for image in CustomImage.objects.filter(pk__in=image_ids).prefetch_related("renditions"):
        files.extend(image_stored_files(image=image))
        image.delete()
    return files


def project_photos_retry() -> int:
    """Clean the raw photos a failure left behind, project by project (for the periodic
    jobs). Returns how many are still waiting."""
    waiting = 0
    project_ids = (
        ProjectPhoto.objects.filter(image__isnull=True)
        .exclude(raw="")
        .values_list("project_id", flat=True)
        .distinct()
    )
    for project in Project.objects.filter(pk__in=list(project_ids)):
        waiting += project_photos_clean(project=project)
    return waiting


# The photos a public project shows: the proposal's, and those of its published updates.
PUBLIC_PHOTOS = models.Q(update__isnull=True) | models.Q(update__status=UpdateStatus.PUBLISHED)


def photos_shown_publicly(*, kind: str, ids: set[int]) -> set[int]:
    """The images among ``ids`` that a public project's pages show: the photos sent with the
    proposal (the search's thumbnail) and those of its published updates. Registered with
    ``media.visibility.shown_provider``: the file is served although it waits in the
    moderators' private collection."""
    if kind != "image" or not ids:
        return set()
    return set(
        ProjectPhoto.objects.filter(image__in=ids, project__in=Project.objects.for_the_public())
        .filter(PUBLIC_PHOTOS)
        .values_list("image_id", flat=True)
    )


def photos_held_back(*, kind: str, ids: set[int]) -> set[int]:
    """The projects' photos among ``ids`` that neither a public project's page nor its public
    archive item shows: held back wherever they are filed
    (``media.visibility.held_back_provider``), so that moving one out of the moderators'
    private collection, by hand or in bulk, never hands it out."""
    if kind != "image" or not ids:
        return set()
    photos = ProjectPhoto.objects.filter(image__in=ids)
    archived = photos.filter(project__archive_item__in=public_items()).values_list(
        "image_id", flat=True
    )
    ours = set(photos.values_list("image_id", flat=True))
    return ours - photos_shown_publicly(kind=kind, ids=ours) - set(archived)


def photos_seen_by_team(*, user, kind: str, ids: set[int]) -> set[int]:
    """The images among ``ids`` that are projects' photos, for the fifty-fifty team, who
    reads every file in the admin (``media.visibility.admin_viewer_provider``)."""
    if kind != "image" or not ids or not user.has_perm("projects.view_projectphoto"):
        return set()
    return set(ProjectPhoto.objects.filter(image__in=ids).values_list("image_id", flat=True))
