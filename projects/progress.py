"""Progress of a running project: dated updates with photos, from both sides.

The carriers' updates are held for the town's team to read before they appear
(``progress_review``); the team's own appear at once."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from media.services import stored_files_delete
from projects.models import (
    UNDER_WAY_STATUSES,
    ProgressUpdate,
    Project,
    ProjectPhoto,
    Side,
    UpdateStatus,
)
from projects.photos import project_photos_clean, project_photos_erase, project_photos_store

# News is given once the agreement holds, until the project is over.


class ProgressError(Exception):
    """Why an update cannot be posted; its message is meant for the person who tried."""


def progress_post(
    *,
    project: Project,
    side: Side,
    text: str,
    happened_on: datetime.date,
    photos: Iterable = (),
) -> ProgressUpdate:
    """A dated update with its photos, stored first; the carriers' wait for review.

    Raises ``ProgressError`` before the agreement or after the end, and
    ``projects.photos.ProjectFilesUnavailable`` when the storage refuses the photos."""
    if project.status not in UNDER_WAY_STATUSES:
        raise ProgressError(
            _(
                "Les nouvelles du projet s'écrivent une fois la convention signée, pendant "
                "le projet."
            )
        )
    stored_files: list[tuple] = []
    try:
        with transaction.atomic():
            update = ProgressUpdate.objects.create(
                project=project,
                side=side,
                text=text,
                happened_on=happened_on,
                status=UpdateStatus.PUBLISHED if side == Side.TOWN else UpdateStatus.PENDING,
                reviewed_at=timezone.now() if side == Side.TOWN else None,
            )
            project_photos_store(
                project=project, uploads=photos, stored_files=stored_files, update=update
            )
    except Exception:
        stored_files_delete(stored_files)
        raise
    project_photos_clean(project=project)
    return update


def progress_review(*, update: ProgressUpdate, publish: bool) -> ProgressUpdate:
    """The town's team publishes a carriers' update, or declines it (its photos go)."""
    files: list[tuple] = []
    with transaction.atomic():
        update.status = UpdateStatus.PUBLISHED if publish else UpdateStatus.DECLINED
        update.reviewed_at = timezone.now()
        update.save(update_fields=["status", "reviewed_at"])
        if not publish:
            files = project_photos_erase(photos=update.photos.all())
    stored_files_delete(files)
    return update


def progress_town_post(
    *,
    project: Project,
    text: str,
    happened_on: datetime.date,
    photo=None,
    caption: str = "",
) -> ProgressUpdate:
    """The team's own update, published at once; ``photo`` is an image of the library
    (already through the upload checks)."""
    update = progress_post(project=project, side=Side.TOWN, text=text, happened_on=happened_on)
    if photo is not None:
        ProjectPhoto.objects.create(project=project, update=update, image=photo, caption=caption)
    return update
