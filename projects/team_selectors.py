"""Reads for the town's team in the admin: the project file and what waits for an answer.

Named apart from the public selectors: nothing here is ever for visitors (the file holds the
proposer's contact and the internal notes)."""

from django.db.models import Count, Prefetch, Q, QuerySet

from projects.models import (
    AgreementVersion,
    ProgressUpdate,
    Project,
    ProjectPhoto,
    ProjectStatus,
    UpdateStatus,
)

# Confirmed proposals the town has not decided on yet, or is studying.
AWAITING_ANSWER = (ProjectStatus.RECEIVED, ProjectStatus.IN_STUDY)


def project_for_review(*, pk: int) -> Project | None:
    """One project with everything its admin page shows, in a fixed number of queries."""
    return (
        Project.objects.filter(pk=pk)
        .select_related("place", "contact", "report")
        .prefetch_related(
            "requests",
            Prefetch(
                "photos",
                queryset=ProjectPhoto.objects.filter(image__isnull=False)
                .select_related("image")
                .prefetch_related("image__renditions"),
            ),
            "decisions__decided_by",
            "internal_notes__author",
            Prefetch(
                "updates",
                queryset=ProgressUpdate.objects.exclude(status=UpdateStatus.DECLINED),
            ),
            Prefetch(
                "agreements",
                queryset=AgreementVersion.objects.order_by("number").prefetch_related("lines"),
            ),
        )
        .first()
    )


def projects_awaiting_answer() -> QuerySet[Project]:
    return Project.objects.filter(status__in=AWAITING_ANSWER).order_by("created_at", "pk")


def projects_with_pending_updates() -> QuerySet[Project]:
    return (
        Project.objects.annotate(
            pending=Count("updates", filter=Q(updates__status=UpdateStatus.PENDING))
        )
        .filter(pending__gt=0)
        .order_by("title", "pk")
    )
