"""The completion report's accounts: the carriers' own words, and the town's, signed apart.

Promised versus delivered is computed from the agreed version's lines, never written here."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from projects.models import CompletionReport, Project, ProjectStatus

# The carriers tell how it went once the work has started, and after.
REPORT_STATUSES = (ProjectStatus.RUNNING, ProjectStatus.COMPLETED)


class ReportError(Exception):
    """Why an account cannot be written; its message is meant for the person who tried."""


@transaction.atomic
def report_residents_write(*, project: Project, account: str) -> CompletionReport:
    """The carriers write (or rewrite) their account of the cooperation, critical or not."""
    if project.status not in REPORT_STATUSES:
        raise ReportError(_("Le bilan s'écrit une fois le projet commencé."))
    report, _created = CompletionReport.objects.select_for_update().get_or_create(
        project=project, defaults={"residents_account": account}
    )
    report.residents_account = account
    report.residents_submitted_at = timezone.now()
    report.save(update_fields=["residents_account", "residents_submitted_at"])
    return report


@transaction.atomic
def report_town_write(*, project: Project, account: str, signed_by: str) -> CompletionReport:
    """The town's own account, signed by name and office, beside the carriers'."""
    if project.status not in REPORT_STATUSES:
        raise ReportError(_("Le bilan s'écrit une fois le projet commencé."))
    report, _created = CompletionReport.objects.select_for_update().get_or_create(
        project=project, defaults={"residents_account": ""}
    )
    report.town_account = account
    report.town_signed_by = signed_by
    report.town_submitted_at = timezone.now()
    report.save(update_fields=["town_account", "town_signed_by", "town_submitted_at"])
    return report
