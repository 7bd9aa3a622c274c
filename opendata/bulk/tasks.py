"""Background work of the bulk import: a thin wrapper that calls the service."""

from django_tasks import task

from opendata.bulk.importing import import_run_execute
from opendata.bulk.models import ImportRun


@task()
def run_import(run_id: int) -> str:
    run = ImportRun.objects.filter(pk=run_id).first()
    if run is None:
        return "missing"
    return import_run_execute(run=run).state
