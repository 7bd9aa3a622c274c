"""Reads about contributions and resident additions: moderation queues, retries, consent,
« Renvoyer mes liens »."""

import datetime

from django.db.models import Prefetch, Q, QuerySet

from archive.contributions.models import (
    NOT_FOR_THE_WEB,
    AdditionStatus,
    Contribution,
    ContributionFile,
    ContributionStatus,
    ResidentAddition,
)
from core.background import oldest_and_newest_alternately, retry_wait

# Processing that fails (a file the cleaner refuses, storage down) is tried again by the
# periodic jobs, waiting longer each time, and given up after so many attempts: moderators
# then see it on their dashboard with the reason.
MAX_PROCESSING_ATTEMPTS = 6
FIRST_RETRY = datetime.timedelta(minutes=5)
LONGEST_RETRY_WAIT = datetime.timedelta(hours=6)


def items_not_for_the_web() -> QuerySet:
    """Ids of items made from a contribution whose consent rules out the public site."""
    return (
        Contribution.objects.filter(NOT_FOR_THE_WEB, item__isnull=False)
        .values("item_id")
        .distinct()
    )


def files_contributed(*, kind: str, ids: set[int]) -> dict[int, bool]:
    """The residents' photos (``kind="image"``) or recordings (``"media_file"``) among
    ``ids``, each with whether its contribution allows the web: what the archive holds back
    wherever the file is filed."""
    rows = ContributionFile.objects.filter(**{f"{kind}__in": ids})
    refused = set(
        rows.filter(contribution__in=Contribution.objects.filter(NOT_FOR_THE_WEB)).values_list(
            f"{kind}_id", flat=True
        )
    )
    return {
        file_id: file_id not in refused for file_id in rows.values_list(f"{kind}_id", flat=True)
    }


def contributions_not_for_the_web(*, item_id: int) -> QuerySet[Contribution]:
    """The contributions of an item whose consent rules out the public site."""
    return Contribution.objects.filter(NOT_FOR_THE_WEB, item_id=item_id)


def pending_contributions(*, status: str | None = None) -> QuerySet[Contribution]:
    """For editors: what waits for a decision, oldest first."""
    statuses = (
        [status]
        if status
        else [
            ContributionStatus.RECEIVED,
            ContributionStatus.FAILED,
            ContributionStatus.IN_REVIEW,
            ContributionStatus.CHANGES_REQUESTED,
        ]
    )
    return (
        Contribution.objects.filter(status__in=statuses)
        .select_related("item", "place")
        .prefetch_related(Prefetch("files"))
        .order_by("created_at")
    )


def contributions_to_retry(
    *,
    received_before: datetime.datetime | None = None,
    now: datetime.datetime | None = None,
    limit: int = 100,
) -> list[Contribution]:
    """Failed contributions, and those received (before ``received_before``) but never processed.

    With ``now`` (the periodic jobs): only failures whose wait is over and that have attempts
    left, taken oldest and newest alternately. Without: every one (an operator's retry)."""
    waiting = Q(status=ContributionStatus.RECEIVED)
    if received_before is not None:
        waiting &= Q(created_at__lt=received_before)
    failed = Q(status=ContributionStatus.FAILED)
    if now is not None:
        failed &= Q(attempts__lt=MAX_PROCESSING_ATTEMPTS)
    candidates = Contribution.objects.filter(waiting | failed).order_by("created_at", "pk")
    if now is None:
        return list(candidates[:limit])
    due = [
        contribution
        for contribution in candidates
        if contribution.status != ContributionStatus.FAILED
        or contribution.updated_at
        + retry_wait(contribution.attempts, first=FIRST_RETRY, longest=LONGEST_RETRY_WAIT)
        <= now
    ]
    return oldest_and_newest_alternately(due, limit=limit)


def contributions_given_up() -> QuerySet[Contribution]:
    """For moderators: processing failed too often to go on trying alone."""
    return Contribution.objects.filter(
        status=ContributionStatus.FAILED, attempts__gte=MAX_PROCESSING_ATTEMPTS
    ).order_by("-updated_at")


def contributions_for_email(*, email: str) -> list[Contribution]:
    """Everything sent from this address (« Renvoyer mes liens »), newest first."""
    return list(Contribution.objects.filter(email__iexact=email.strip()).order_by("-created_at"))


def additions_for_email(*, email: str) -> list[ResidentAddition]:
    """The additions signed with this address, with the item each one is about."""
    return list(
        ResidentAddition.objects.filter(email__iexact=email.strip())
        .select_related("item")
        .order_by("-created_at")
    )


def additions_published(*, item) -> list[ResidentAddition]:
    """What residents added to ``item`` and an editor approved, oldest first."""
    return list(
        ResidentAddition.objects.filter(item=item, status=AdditionStatus.PUBLISHED).order_by(
            "created_at"
        )
    )


def additions_pending_count() -> int:
    return ResidentAddition.objects.filter(status=AdditionStatus.PENDING).count()


# The size a sent photo is shown back at on the contributor's private page.
SENT_PHOTO_SPEC = "max-480x480"


def contribution_sent_files(*, contribution: Contribution) -> list[ContributionFile]:
    """What the contributor sent, in their order: the photos once cleaned (shown back through
    their private link), the others still being prepared, and the recording."""
    return list(contribution.files.select_related("image", "media_file"))
