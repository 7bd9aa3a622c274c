"""The « convention fifty-fifty »: versions, and when both sides have agreed.

A version's lines never change: any change is a new version, and only the latest one can be
agreed. The agreement holds when the town (in the admin) and the residents' lead (from the
private link) agreed to the same version; the project then becomes ``AGREED``."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.db.models import Max
from django.utils import formats, timezone

from projects.models import (
    EDITABLE_STATUSES,
    AgreementLine,
    AgreementVersion,
    Decision,
    Project,
    ProjectStatus,
    Side,
)

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
    was_agreed = version.is_agreed
    now = timezone.now()
    if side == Side.TOWN and version.town_agreed_at is None:
        version.town_agreed_at = now
        version.town_agreed_by = user
    elif side == Side.RESIDENTS and version.residents_agreed_at is None:
        version.residents_agreed_at = now
    version.save(update_fields=["town_agreed_at", "town_agreed_by", "residents_agreed_at"])
    if version.is_agreed and project.status in EDITABLE_STATUSES:
        # Editable means not agreed yet; a running project that amends its agreement keeps
        # running.
        project.status = ProjectStatus.AGREED
        project.agreed_at = now
        project.save(update_fields=["status", "agreed_at", "updated_at"])
    if version.is_agreed and not was_agreed:
        # In the public history; stored in French, like every answer the town writes.
        Decision.objects.create(
            project=project,
            status=project.status,
            answer=f"La version {version.number} de la convention est acceptée des deux côtés.",
            decided_by=user,
        )
    return version


# The town's side in the admin: drafting from what exists, the difference, the delivery ------


def agreement_agreed(*, project: Project) -> AgreementVersion | None:
    """The latest version both sides agreed to: the one delivery is recorded against."""
    return project.agreements.agreed().order_by("-number").first()


def agreement_draft_lines(*, project: Project) -> list[dict]:
    """What a new version starts from: the latest version's lines, or for the first one the
    residents' requests as the town's lines (the town says what it brings)."""
    latest = agreement_latest(project=project)
    if latest is not None:
        return [{name: getattr(line, name) for name in LINE_FIELDS} for line in latest.lines.all()]
    return [
        {
            "side": Side.TOWN,
            "kind": request.kind,
            "description": request.description,
            "value": request.amount,
        }
        for request in project.requests.all()
    ]


@dataclass(frozen=True)
class FieldChange:
    name: str
    label: str
    before: object
    after: object
    # As people read them, on the follow page and in the admin alike.
    shown_before: str = ""
    shown_after: str = ""


@dataclass(frozen=True)
class LineChange:
    old: AgreementLine
    new: AgreementLine
    fields: list[FieldChange]


@dataclass(frozen=True)
class AgreementDiff:
    added: list[AgreementLine] = field(default_factory=list)
    removed: list[AgreementLine] = field(default_factory=list)
    changed: list[LineChange] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


def line_value_shown(*, line: AgreementLine, name: str) -> str:
    """A line's value as people read it: the choice's label, a French date, « — » if empty."""
    value = getattr(line, name)
    if value in (None, ""):
        return "—"
    display = getattr(line, f"get_{name}_display", None)
    if display is not None:
        return str(display())
    if isinstance(value, datetime.date):
        return formats.date_format(value, "j F Y")
    return str(formats.localize(value))


def _line_key(line: AgreementLine) -> tuple[str, str]:
    return (line.side, " ".join(line.description.split()).casefold())


def agreement_diff(*, old: AgreementVersion | None, new: AgreementVersion) -> AgreementDiff:
    """What changed from ``old`` to ``new``: lines added, removed, and changed field by field.

    A line is the same line in both versions when it has the same side and description (the
    n-th of several alike matches the n-th); any other difference is a change. Reads the
    versions' lines only (prefetched ones when given), writes nothing."""
    old_lines = list(old.lines.all()) if old is not None else []
    unmatched: dict[tuple[str, str], list[AgreementLine]] = {}
    for line in old_lines:
        unmatched.setdefault(_line_key(line), []).append(line)
    diff = AgreementDiff()
    for line in new.lines.all():
        candidates = unmatched.get(_line_key(line))
        if not candidates:
            diff.added.append(line)
            continue
        before = candidates.pop(0)
        changes = [
            FieldChange(
                name=name,
                label=str(AgreementLine._meta.get_field(name).verbose_name),
                before=getattr(before, name),
                after=getattr(line, name),
                shown_before=line_value_shown(line=before, name=name),
                shown_after=line_value_shown(line=line, name=name),
            )
            for name in LINE_FIELDS
            if getattr(before, name) != getattr(line, name)
        ]
        if changes:
            diff.changed.append(LineChange(old=before, new=line, fields=changes))
    left = {id(line) for lines in unmatched.values() for line in lines}
    diff.removed.extend(line for line in old_lines if id(line) in left)
    return diff


@transaction.atomic
def agreement_delivery_record(
    *,
    line: AgreementLine,
    value: Decimal | None = None,
    hours: Decimal | None = None,
    note: str = "",
    on: datetime.date | None = None,
) -> AgreementLine:
    """Record what was actually provided (the town) or given (the residents) for ``line``.

    Only the agreed version's lines take a delivery: what is compared in the completion
    report is what both sides signed."""
    line = AgreementLine.objects.select_related("version").select_for_update().get(pk=line.pk)
    agreed = agreement_agreed(project=line.version.project)
    if agreed is None or agreed.pk != line.version_id:
        raise AgreementError(
            "Cette ligne n'est pas dans la version signée de la convention : "
            "enregistrez ce qui a été fait sur la version signée."
        )
    line.delivered_value = value
    line.delivered_hours = hours
    line.delivered_note = note
    line.delivered_on = on
    line.save(
        update_fields=["delivered_value", "delivered_hours", "delivered_note", "delivered_on"]
    )
    return line


# A proposal is turned into an agreement once accepted; an agreed one is amended by a new version.
DRAFTABLE_STATUSES = (
    ProjectStatus.ACCEPTED,
    ProjectStatus.ACCEPTED_WITH_CHANGES,
    ProjectStatus.AGREED,
    ProjectStatus.RUNNING,
)


def agreement_can_draft(*, project: Project) -> bool:
    return project.status in DRAFTABLE_STATUSES
