"""Background work of the archive: thin wrappers that call services."""

from django_tasks import task


@task()
def process_contribution(contribution_id: int) -> str:
    from archive.models import Contribution
    from archive.services import contribution_process

    contribution = Contribution.objects.filter(pk=contribution_id).first()
    if contribution is None:
        return "missing"  # withdrawn before it could be processed
    return contribution_process(contribution=contribution).status


@task()
def retry_contributions() -> int:
    from archive.services import contribution_retry

    return len(contribution_retry())
