from django.core.management.base import BaseCommand

from archive.contributions.models import ContributionStatus
from archive.contributions.processing import contribution_retry


class Command(BaseCommand):
    help = "Reprend les contributions reçues mais non traitées (échec, interruption)."

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=100)

    def handle(self, *args, limit: int, **options):
        results = contribution_retry(limit=limit)
        done = sum(1 for c in results if c.status == ContributionStatus.IN_REVIEW)
        failed = len(results) - done
        self.stdout.write(
            f"{len(results)} contribution(s) reprise(s) : {done} en relecture, {failed} en échec."
        )
