"""The town's own account in the completion report, signed separately from the residents'."""

from django.db import transaction
from django.utils import timezone

from projects.models import CompletionReport, Project


@transaction.atomic
def completion_report_town_sign(
    *, project: Project, account: str, signed_by: str
) -> CompletionReport:
    """Write (or rewrite) the town's account; the residents' own account is never touched."""
    report, _created = CompletionReport.objects.select_for_update().get_or_create(
        project=project, defaults={"residents_account": ""}
    )
    report.town_account = account.strip()
    report.town_signed_by = signed_by.strip()
    report.town_submitted_at = timezone.now()
    report.save(update_fields=["town_account", "town_signed_by", "town_submitted_at"])
    return report
