"""Starting an import from the admin: what the editor sent is stored, then imported in the
background (``opendata.bulk.tasks``), whose progress the run's page shows."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from opendata.bulk.models import ImportRun
from opendata.bulk.tasks import run_import


def import_run_start(*, user, archive_upload, metadata_upload, dry_run: bool) -> ImportRun:
    """Store the zip and the CSV first (nothing sent is lost), then queue the import."""
    stamp = f"{timezone.now():%Y%m%d-%H%M%S}"
    run = ImportRun(started_by=user, dry_run=dry_run)
    if archive_upload is not None:
        run.archive_file.save(f"import-{stamp}.zip", archive_upload, save=False)
    run.metadata_file.save(f"import-{stamp}.csv", metadata_upload, save=False)
    run.save()
    transaction.on_commit(lambda: run_import.enqueue(run.pk))
    return run
