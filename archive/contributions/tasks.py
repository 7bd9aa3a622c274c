"""Background work on contributions: thin wrappers that call services."""

from django_tasks import task

from archive.contributions.models import Contribution
from archive.contributions.processing import contribution_process


@task()
def process_contribution(contribution_id: int) -> str:
    contribution = Contribution.objects.filter(pk=contribution_id).first()
    if contribution is None:
        return "missing"  # withdrawn before it could be processed
    return contribution_process(contribution=contribution).status
