"""What the carriers do with their proposal: propose it, confirm their address, change it
while it is not agreed, withdraw it.

A proposal is stored whole (project, private contact, request lines, raw photos) before
anything that can fail runs on it: the mail leaves after the commit through the outbox, the
photos are cleaned afterwards and a failure there leaves their raw files to retry."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from festival.volunteers.services import occasion_call_off_notify
from media.services import stored_files_delete
from projects import emails
from projects.archiving import project_archive_erase
from projects.models import (
    AgreementLine,
    Project,
    ProjectContact,
    ProjectStatus,
    Side,
    TownRequest,
    UpdateStatus,
)
from projects.photos import (
    ProjectFilesUnavailable,
    project_photos_clean,
    project_photos_erase,
    project_photos_store,
)

logger = logging.getLogger(__name__)

# What the carriers write of their project; the contact and the photos are apart.
PROPOSAL_FIELDS = (
    "title",
    "kind",
    "need",
    "carrier_kind",
    "carrier_name",
    "place",
    "latitude",
    "longitude",
    "address",
    "commitment",
    "upkeep",
    "start_on",
    "end_on",
)
CONSENT_FIELDS = ("show_publicly", "photos_to_archive", "becomes_archive_item")
REQUEST_FIELDS = ("kind", "description", "amount")
TEXT_FIELDS = ("address", "upkeep")
# The section's own addresses (``projects.urls``), never a project's.
RESERVED_SLUGS = {"proposer", "suivi", "bilan", "donnees"}


class ProjectNotEditable(Exception):
    """The proposal is agreed (or closed): changes go through a new agreement version."""


def project_slug(*, title: str) -> str:
    """A free address made from the title: « haie-rue-des-ecoles », then « …-2 », « …-3 »."""
    base = slugify(title)[:72].strip("-") or "projet"
    taken = set(Project.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    taken.update(RESERVED_SLUGS)
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def project_propose(
    *,
    data: dict,
    requests: Iterable[dict] = (),
    photos: Iterable = (),
    site_url: str | None = None,
) -> Project:
    """Store the proposal, unconfirmed, and queue the mail whose link confirms it.

    ``data`` holds ``PROPOSAL_FIELDS``, ``CONSENT_FIELDS`` and the contact (``contact_name``,
    ``email``, ``phone``); ``requests`` dicts of ``REQUEST_FIELDS``. Raises
    ``ProjectFilesUnavailable`` when the storage refuses the photos: nothing is kept then."""
    stored_files: list[tuple] = []
    try:
        project = _project_store(
            data=data,
            requests=list(requests),
            photos=list(photos),
            site_url=site_url,
            stored_files=stored_files,
        )
    except Exception as error:
        # The rows are rolled back; the files already written would be orphans.
        stored_files_delete(stored_files)
        if isinstance(error, ProjectFilesUnavailable):
            logger.error("Stockage indisponible, proposition non enregistrée", exc_info=error)
        raise
    # Stored and committed: a photo that fails to clean keeps its raw file for a retry.
    project_photos_clean(project=project)
    return project


@transaction.atomic
def _project_store(
    *, data: dict, requests: list[dict], photos: list, site_url: str | None, stored_files: list
) -> Project:
    project = Project(
        **{name: data.get(name) for name in (*PROPOSAL_FIELDS, *CONSENT_FIELDS) if name in data},
        status=ProjectStatus.UNCONFIRMED,
    )
    for name in TEXT_FIELDS:
        setattr(project, name, getattr(project, name) or "")
    project.slug = project_slug(title=project.title)
    project.save()
    ProjectContact.objects.create(
        project=project,
        name=data["contact_name"],
        email=data["email"],
        phone=data.get("phone") or "",
    )
    _requests_write(project=project, requests=requests)
    project_photos_store(project=project, uploads=photos, stored_files=stored_files)
    emails.proposal_mail_queue(project=project, site_url=site_url)
    return project


def _requests_write(*, project: Project, requests: list[dict]) -> None:
    TownRequest.objects.bulk_create(
        TownRequest(
            project=project,
            position=position,
            kind=line["kind"],
            description=line["description"],
            amount=line.get("amount"),
        )
        for position, line in enumerate(requests)
    )


@transaction.atomic
def project_confirm(*, project: Project) -> bool:
    """The e-mailed link was followed: the proposal reaches the town. ``True`` the first time."""
    locked = Project.objects.select_for_update().get(pk=project.pk)
    if locked.status != ProjectStatus.UNCONFIRMED:
        return False
    locked.status = ProjectStatus.RECEIVED
    locked.confirmed_at = timezone.now()
    locked.save(update_fields=["status", "confirmed_at", "updated_at"])
    project.status, project.confirmed_at = locked.status, locked.confirmed_at
    return True


@transaction.atomic
def project_edit(*, project: Project, data: dict, requests: Iterable[dict]) -> Project:
    """The carriers change their proposal while it is not agreed; the request lines are
    replaced by ``requests``. Raises ``ProjectNotEditable`` once it is agreed or closed."""
    locked = Project.objects.select_for_update().get(pk=project.pk)
    if not locked.is_editable_by_residents:
        raise ProjectNotEditable(
            _(
                "La convention est signée : la proposition ne se modifie plus. Écrivez à "
                "l'équipe de la ville pour toute nouvelle demande."
            )
        )
    for name in (*PROPOSAL_FIELDS, *CONSENT_FIELDS):
        if name in data:
            setattr(project, name, data[name])
    for name in TEXT_FIELDS:
        setattr(project, name, getattr(project, name) or "")
    project.save()
    project.requests.all().delete()
    _requests_write(project=project, requests=list(requests))
    return project


def project_withdraw(*, project: Project) -> Project:
    """The carriers take their project back: their contact, their photos (raw and clean)
    and their own words and names are erased; what the town decided in public stays, with
    the title, as an anonymous trace. The project leaves the public (``WITHDRAWN``), and so
    does its archive item, if it became one (erased with its revisions), and its work days to
    come are called off."""
    with transaction.atomic():
        project = Project.objects.select_for_update().get(pk=project.pk)
        project_archive_erase(project=project)
        # Its work days to come are called off: those signed up are told, then erased with them.
        for work_day in project.work_days.filter(date__gte=timezone.localdate()):
            occasion_call_off_notify(occasion=work_day)
            work_day.delete()
        ProjectContact.objects.filter(project=project).delete()
        files = project_photos_erase(photos=project.photos.all())
        project.updates.filter(side=Side.RESIDENTS).delete()
        project.updates.filter(side=Side.TOWN).update(status=UpdateStatus.DECLINED)
        AgreementLine.objects.filter(version__project=project, side=Side.RESIDENTS).update(
            responsible=""
        )
        if hasattr(project, "report"):
            report = project.report
            report.residents_account = ""
            report.save(update_fields=["residents_account"])
        project.carrier_name = ""
        project.address = ""
        project.latitude = project.longitude = None
        project.status = ProjectStatus.WITHDRAWN
        project.withdrawn_at = timezone.now()
        project.save()
    stored_files_delete(files)
    return project
