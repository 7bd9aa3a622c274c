"""Reads of the volunteer side: shifts with their places left, private pages, rosters."""

import datetime
import itertools
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from festival.models import EditionPage
from festival.volunteers.models import HOLDING_STATUSES, Shift, Signup, SignupStatus, Volunteer


def edition_for_signup(*, year: int) -> EditionPage | None:
    return EditionPage.objects.live().public().filter(year=year).first()


def shifts_with_places(*, edition: EditionPage) -> QuerySet[Shift]:
    """Every shift of the edition with ``taken`` and ``waiting`` counted in the same query."""
    return (
        Shift.objects.filter(edition=edition)
        .select_related("role", "venue")
        .prefetch_related("role__prerequisites")
        .annotate(
            taken=Count("signups", filter=Q(signups__status__in=HOLDING_STATUSES)),
            waiting=Count("signups", filter=Q(signups__status=SignupStatus.WAITLISTED)),
        )
        .order_by("start", "role__name", "pk")
    )


def places_left(shift: Shift) -> int:
    return max(shift.capacity - shift.taken, 0)


@dataclass
class RoleGroup:
    role: object
    shifts: list


@dataclass
class DayGroup:
    day: datetime.date
    roles: list[RoleGroup]


def group_by_day_and_role(shifts) -> list[DayGroup]:
    """Shifts (already ordered by start) grouped by local day, then by role name."""
    days = []
    for day, day_shifts in itertools.groupby(shifts, key=lambda s: timezone.localdate(s.start)):
        by_role = sorted(day_shifts, key=lambda s: (s.role.name, s.start, s.pk))
        days.append(
            DayGroup(
                day=day,
                roles=[
                    RoleGroup(role=role, shifts=list(group))
                    for role, group in itertools.groupby(by_role, key=lambda s: s.role)
                ],
            )
        )
    return days


def volunteer_signups(*, volunteer: Volunteer) -> list[Signup]:
    """The person's places and waitlist spots, soonest first (cancelled ones left out)."""
    return list(
        volunteer.signups.active()
        .select_related("shift__role", "shift__venue")
        .order_by("shift__start", "pk")
    )


# Coordinators ----------------------------------------------------------------------------


def roster_signups() -> QuerySet[Signup]:
    return Signup.objects.active().select_related("volunteer", "paired_with__volunteer")


def shift_roster(*, shift_id: int) -> Shift | None:
    """One shift with its people: holders first, then the waitlist in order."""
    return (
        Shift.objects.filter(pk=shift_id)
        .select_related("role", "venue", "edition")
        .prefetch_related(
            Prefetch(
                "signups",
                queryset=roster_signups().order_by("status", "created_at", "pk"),
                to_attr="roster",
            )
        )
        .first()
    )


def edition_rosters(*, edition: EditionPage, day: datetime.date | None = None) -> list[Shift]:
    """Every shift of the edition (or of one day) with its people, for rosters and exports."""
    shifts = shifts_with_places(edition=edition).prefetch_related(
        Prefetch(
            "signups",
            queryset=roster_signups().order_by("created_at", "pk"),
            to_attr="roster",
        )
    )
    if day is not None:
        start = timezone.make_aware(datetime.datetime.combine(day, datetime.time()))
        shifts = shifts.filter(start__gte=start, start__lt=start + datetime.timedelta(days=1))
    return list(shifts)


def fill_rate(shift: Shift) -> int:
    """Percentage of places taken (held or confirmed)."""
    return round(100 * shift.taken / shift.capacity) if shift.capacity else 100


@dataclass
class EditionFill:
    """How well the edition's shifts are covered; each shift carries ``fill`` and ``short``."""

    shifts: list[Shift]
    taken: int
    capacity: int

    @property
    def overall(self) -> int:
        return round(100 * self.taken / self.capacity) if self.capacity else 0

    @property
    def short_count(self) -> int:
        return sum(1 for shift in self.shifts if shift.short)


def edition_fill(*, edition: EditionPage) -> EditionFill:
    shifts = edition_rosters(edition=edition)
    for shift in shifts:
        shift.fill = fill_rate(shift)
        shift.short = shift.taken < shift.capacity
    return EditionFill(
        shifts=shifts,
        taken=sum(shift.taken for shift in shifts),
        capacity=sum(shift.capacity for shift in shifts),
    )


def first_timers(*, edition: EditionPage) -> list[Signup]:
    return list(
        roster_signups()
        .filter(shift__edition=edition, volunteer__first_time=True)
        .exclude(status=SignupStatus.WAITLISTED)
        .select_related("shift__role")
        .order_by("shift__start", "volunteer__name")
    )


def edition_days(*, edition: EditionPage) -> list[datetime.date]:
    starts = Shift.objects.filter(edition=edition).values_list("start", flat=True)
    return sorted({timezone.localdate(start) for start in starts})


def editions_with_shifts() -> QuerySet[EditionPage]:
    return EditionPage.objects.filter(shifts__isnull=False).distinct().order_by("-year")


def open_shift_count(*, edition: EditionPage) -> int:
    """Shifts still ahead, for the edition page's call for volunteers."""
    return Shift.objects.filter(edition=edition, start__gt=timezone.now()).count()


def upcoming(shift: Shift) -> bool:
    return shift.start > timezone.now()


def volunteers_for_email(*, email: str) -> list[Volunteer]:
    """This address's sign-ups, one per edition (« Renvoyer mes liens »), latest first.

    Addresses are stored lower-cased (``signup_create``)."""
    return list(
        Volunteer.objects.filter(email=email.strip().lower(), erased_at__isnull=True)
        .select_related("edition")
        .order_by("-edition__start_date", "-pk")
    )
