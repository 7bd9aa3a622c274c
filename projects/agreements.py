"""The « convention fifty-fifty »: versions, and when both sides have agreed.

A version's lines never change: any change is a new version, and only the latest one can be
agreed. The agreement holds when the town (in the admin) and the residents' lead (from the
private link) agreed to the same version; the project then becomes ``AGREED``."""

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from projects.models import AgreementLine, AgreementVersion, Project, ProjectStatus, Side

# Fields of a line that make its content (what a new version copies or compares).
LINE_FIELDS = (
    "side",
    "kind",
    "description",
    "value",
    "responsible",
    "people",
    "hours",
    "start_on",
    "end_on",
)


class AgreementError(Exception):
    """Why an agreement cannot be given; its message is meant for the person who tried."""


def agreement_latest(*, project: Project) -> AgreementVersion | None:
    return project.agreements.order_by("-number").first()


@transaction.atomic
def agreement_version_create(
    *, project: Project, lines: Iterable[dict], summary: str = ""
) -> AgreementVersion:
    """A new version with these lines (dicts of ``LINE_FIELDS``), numbered after the last."""
    Project.objects.select_for_update().filter(pk=project.pk).first()
    last = project.agreements.aggregate(last=Max("number"))["last"] or 0
    version = AgreementVersion.objects.create(project=project, number=last + 1, summary=summary)
    AgreementLine.objects.bulk_create(
        AgreementLine(
            version=version,
            position=position,
            **{name: line.get(name) for name in LINE_FIELDS if line.get(name) is not None},
        )
        for position, line in enumerate(lines)
    )
    return version


@transaction.atomic
def agreement_agree(*, version: AgreementVersion, side: Side, user=None) -> AgreementVersion:
    """One side agrees to ``version``; when both have, the project is agreed."""
    project = Project.objects.select_for_update().get(pk=version.project_id)
    latest = agreement_latest(project=project)
    if latest is None or latest.pk != version.pk:
        raise AgreementError(
            "Cette version de la convention a été remplacée : lisez la dernière version."
        )
    version.refresh_from_db()
    now = timezone.now()
    if side == Side.TOWN and version.town_agreed_at is None:
        version.town_agreed_at = now
        version.town_agreed_by = user
    elif side == Side.RESIDENTS and version.residents_agreed_at is None:
        version.residents_agreed_at = now
    version.save(update_fields=["town_agreed_at", "town_agreed_by", "residents_agreed_at"])
    if version.is_agreed and project.status != ProjectStatus.AGREED:
        project.status = ProjectStatus.AGREED
        project.agreed_at = now
        project.save(update_fields=["status", "agreed_at", "updated_at"])
    return version


def agreement_changes(
    *, lines: Iterable[AgreementLine], previous: Iterable[AgreementLine]
) -> list[dict]:
    """What changed from the ``previous`` version's lines to these: each a dict with
    ``change`` (« added », « removed », « changed »), the ``line`` (the old one if removed),
    the ``previous`` line and the names of the ``fields`` that differ. A line is the same
    line in both versions when it is on the same side with the same description."""
    before = {(line.side, line.description): line for line in previous}
    changes = []
    for line in lines:
        old = before.pop((line.side, line.description), None)
        if old is None:
            changes.append({"change": "added", "line": line, "previous": None, "fields": []})
            continue
        fields = [name for name in LINE_FIELDS if getattr(line, name) != getattr(old, name)]
        if fields:
            changes.append({"change": "changed", "line": line, "previous": old, "fields": fields})
    changes.extend(
        {"change": "removed", "line": old, "previous": old, "fields": []} for old in before.values()
    )
    return changes
