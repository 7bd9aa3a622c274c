"""Reads of the fifty-fifty."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils import formats

from projects.agreements import agreement_changes
from projects.models import (
    AgreementLine,
    AgreementVersion,
    CompletionReport,
    ProgressUpdate,
    Project,
    ProjectPhoto,
    Side,
)

# The carriers' private page ------------------------------------------------------------------


@dataclass
class FollowView:
    """What the carriers read on their private page (never their contact: they know it)."""

    project: Project
    decisions: list
    requests: list
    agreement: AgreementVersion | None = None
    town_lines: list = field(default_factory=list)
    residents_lines: list = field(default_factory=list)
    changes: list = field(default_factory=list)
    has_previous: bool = False
    updates: list = field(default_factory=list)
    report: object = None


def project_for_follow(*, project: Project) -> FollowView:
    """Everything the follow page shows, in a fixed number of queries whatever the lines."""
    decisions = list(project.decisions.all())
    requests = list(project.requests.all())
    # The latest version and the one before, to show what changed.
    versions = list(project.agreements.order_by("-number").prefetch_related("lines")[:2])
    view = FollowView(project=project, decisions=decisions, requests=requests)
    if versions:
        latest = versions[0]
        lines = list(latest.lines.all())
        view.agreement = latest
        view.town_lines = [line for line in lines if line.side == Side.TOWN]
        view.residents_lines = [line for line in lines if line.side == Side.RESIDENTS]
        if len(versions) > 1:
            view.has_previous = True
            view.changes = agreement_changes(lines=lines, previous=versions[1].lines.all())
            for change in view.changes:
                change["details"] = [
                    {
                        "label": AgreementLine._meta.get_field(name).verbose_name,
                        "before": _shown(change["previous"], name),
                        "after": _shown(change["line"], name),
                    }
                    for name in change["fields"]
                ]
    view.updates = list(
        ProgressUpdate.objects.filter(project=project).prefetch_related(
            Prefetch("photos", queryset=ProjectPhoto.objects.select_related("image"))
        )
    )
    view.report = CompletionReport.objects.filter(project=project).first()
    return view


def _shown(line: AgreementLine, name: str) -> str:
    """A line's value as people read it: the choice's label, nothing for an empty one."""
    value = getattr(line, name)
    if value in (None, ""):
        return "—"
    display = getattr(line, f"get_{name}_display", None)
    if display:
        return str(display())
    if isinstance(value, datetime.date):
        return formats.date_format(value, "j F Y")
    return str(formats.localize(value))
