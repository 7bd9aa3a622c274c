"""``manage.py run_periodic_jobs [--every SECONDS]``: everything the site does on a clock.

Production runs it in the ``scheduler`` container (``--every 300``); every job is idempotent,
so a run that overlaps another, or that comes late, does no harm. One failing job never
stops the others: it is logged, the next run tries again, and the exit code says so."""

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from wagtail.models import Revision

from archive.contributions.processing import contributions_retry_due
from festival.volunteers.services import holds_expire, reminders_send, volunteers_erase_expired
from outbox.sending import mails_retry
from projects.photos import project_photos_retry
from search.services import pending_retry

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    label: str
    run: Callable[[], int]


def _publish_scheduled() -> int:
    """Embargoes lifted and pages scheduled by editors go live (Wagtail's own command)."""
    due = Revision.objects.filter(approved_go_live_at__lte=timezone.now()).count()
    call_command("publish_scheduled", verbosity=0)
    return due


JOBS = [
    Job("Publications programmées et embargos levés", _publish_scheduled),
    Job("Contributions reprises", contributions_retry_due),
    Job("Photos de projets fifty-fifty encore à nettoyer", project_photos_retry),
    Job("Mises à jour de l'index de recherche renvoyées", pending_retry),
    Job("Courriels en échec renvoyés", mails_retry),
    Job("Inscriptions de bénévoles non confirmées expirées", holds_expire),
    Job("Rappels envoyés aux bénévoles", reminders_send),
    Job("Bénévoles dont les données sont effacées", volunteers_erase_expired),
]


class Command(BaseCommand):
    help = (
        "Lance les tâches périodiques : publications programmées, reprises, rappels et "
        "expirations des bénévoles, effacement des données arrivées à échéance."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--every",
            type=int,
            default=0,
            metavar="SECONDES",
            help="Recommence toutes les SECONDES secondes, sans fin (0 : une seule fois).",
        )

    def handle(self, *args, every: int, **options):
        if every < 0:
            raise CommandError("--every attend un nombre de secondes positif.")
        self.verbosity = options["verbosity"]
        while True:
            failed = self.run_once()
            if not every:
                break
            time.sleep(every)
        if failed:
            raise CommandError(f"{failed} tâche(s) en échec : voir le journal ci-dessus.")

    def run_once(self) -> int:
        failed = 0
        for job in JOBS:
            try:
                count = job.run()
            except Exception:
                logger.exception("Tâche périodique en échec : %s", job.label)
                self.stderr.write(f"✗ {job.label} : échec")
                failed += 1
                continue
            if self.verbosity:
                self.stdout.write(f"✓ {job.label} : {count}")
        done = len(JOBS) - failed
        self.stdout.write(
            f"{timezone.localtime():%d/%m/%Y %H:%M} — {done}/{len(JOBS)} tâches faites."
        )
        return failed
