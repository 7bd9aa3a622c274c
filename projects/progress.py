"""Progress updates: the residents' are held for the team's review, the team's appear at once."""

import datetime

from django.db import transaction
from django.utils import timezone

from projects.models import ProgressUpdate, Project, ProjectPhoto, Side, UpdateStatus


@transaction.atomic
def progress_review(*, update: ProgressUpdate, publish: bool, user=None) -> ProgressUpdate:
    """Publish or decline a residents' update; a second review changes only the outcome."""
    update = ProgressUpdate.objects.select_for_update().get(pk=update.pk)
    update.status = UpdateStatus.PUBLISHED if publish else UpdateStatus.DECLINED
    update.reviewed_at = timezone.now()
    update.save(update_fields=["status", "reviewed_at"])
    return update


@transaction.atomic
def progress_town_post(
    *,
    project: Project,
    text: str,
    happened_on: datetime.date,
    photo=None,
    caption: str = "",
) -> ProgressUpdate:
    """The team's own update: the town answers for what it writes, so it is published at once.

    ``photo`` is an image of the library (already through the upload checks)."""
    now = timezone.now()
    update = ProgressUpdate.objects.create(
        project=project,
        side=Side.TOWN,
        text=text,
        happened_on=happened_on,
        status=UpdateStatus.PUBLISHED,
        reviewed_at=now,
    )
    if photo is not None:
        ProjectPhoto.objects.create(project=project, update=update, image=photo, caption=caption)
    return update
