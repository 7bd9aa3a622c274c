"""Reads of the fifty-fifty."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch

from projects.agreements import AgreementDiff, agreement_diff
from projects.models import (
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
    # What changed from the version before, when there is one.
    diff: AgreementDiff | None = None
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
            view.diff = agreement_diff(old=versions[1], new=latest)
    view.updates = list(
        ProgressUpdate.objects.filter(project=project).prefetch_related(
            Prefetch("photos", queryset=ProjectPhoto.objects.select_related("image"))
        )
    )
    view.report = CompletionReport.objects.filter(project=project).first()
    return view
