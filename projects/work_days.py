"""Work days (« chantiers participatifs »): which ones take sign-ups, read the same way by the
sign-up page and the project page.

Everything else (shifts, capacity, waitlist, confirmation, reminders, erasure) is the
volunteer shifts' machinery: a work day is one of its occasions
(``festival/volunteers/occasions.py``)."""

from django.db.models import QuerySet
from django.utils import timezone

from projects.models import UNDER_WAY_STATUSES, Project, WorkDay

# A project takes residents on its work days once both sides agreed and while it runs.


def public_work_days() -> QuerySet[WorkDay]:
    """Work days of the projects visitors may see (``Project.objects.for_the_public``)."""
    return WorkDay.objects.filter(project__in=Project.objects.for_the_public()).select_related(
        "project"
    )


def work_days_open_for_signup() -> QuerySet[WorkDay]:
    """The one rule: public project, agreed or running, and the day is not past."""
    return public_work_days().filter(
        project__status__in=UNDER_WAY_STATUSES, date__gte=timezone.localdate()
    )


def work_day_for_the_public(*, slug: str, pk: int) -> WorkDay | None:
    return public_work_days().filter(project__slug=slug, pk=pk).first()


def work_day_accepts_signups(*, work_day: WorkDay) -> bool:
    return work_days_open_for_signup().filter(pk=work_day.pk).exists()


def project_work_days_open(*, project: Project) -> QuerySet[WorkDay]:
    """A project's work days people can still join, soonest first (for the project page)."""
    return work_days_open_for_signup().filter(project=project).order_by("date", "pk")
