"""Reads of the volunteer shifts: shifts with their places left, private pages, rosters.

Reads about shifts take the occasion they belong to (``festival/volunteers/occasions.py``);
the festival's own entry points (an edition by year, editions that have shifts) are marked."""

import datetime
import itertools
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from core.page_privacy import public_pages
from festival.models import EditionPage
from festival.volunteers.models import HOLDING_STATUSES, Shift, Signup, SignupStatus, Volunteer
from festival.volunteers.occasions import Occasion, occasion_lookup

# Follows either occasion key in the same query (a work day's page needs its project).
OCCASIONS = ("edition", "work_day__project")


def edition_for_signup(*, year: int) -> EditionPage | None:
    """The festival's occasion behind ``/benevoles/<year>/``."""
    return public_pages(EditionPage.objects.live()).filter(year=year).first()


def shifts_with_places(*, occasion: Occasion) -> QuerySet[Shift]:
    """Every shift of the occasion with ``taken`` and ``waiting`` counted in the same query."""
    return (
        Shift.objects.filter(**occasion_lookup(occasion))
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
        .select_related("role", "venue", *OCCASIONS)
        .prefetch_related(
            Prefetch(
                "signups",
                queryset=roster_signups().order_by("status", "created_at", "pk"),
                to_attr="roster",
            )
        )
        .first()
    )


def occasion_rosters(*, occasion: Occasion, day: datetime.date | None = None) -> list[Shift]:
    """Every shift of the occasion (or of one day) with its people, for rosters and exports."""
    shifts = shifts_with_places(occasion=occasion).prefetch_related(
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
class OccasionFill:
    """How well the occasion's shifts are covered; each shift carries ``fill`` and ``short``."""

    shifts: list[Shift]
    taken: int
    capacity: int

    @property
    def overall(self) -> int:
        return round(100 * self.taken / self.capacity) if self.capacity else 0

    @property
    def short_count(self) -> int:
        return sum(1 for shift in self.shifts if shift.short)


def occasion_fill(*, occasion: Occasion) -> OccasionFill:
    shifts = occasion_rosters(occasion=occasion)
    for shift in shifts:
        shift.fill = fill_rate(shift)
        shift.short = shift.taken < shift.capacity
    return OccasionFill(
        shifts=shifts,
        taken=sum(shift.taken for shift in shifts),
        capacity=sum(shift.capacity for shift in shifts),
    )


def first_timers(*, occasion: Occasion) -> list[Signup]:
    return list(
        roster_signups()
        .filter(shift__in=Shift.objects.filter(**occasion_lookup(occasion)))
        .filter(volunteer__first_time=True)
        .exclude(status=SignupStatus.WAITLISTED)
        .select_related("shift__role")
        .order_by("shift__start", "volunteer__name")
    )


def shift_days(*, occasion: Occasion) -> list[datetime.date]:
    """The local days the occasion has shifts on."""
    starts = Shift.objects.filter(**occasion_lookup(occasion)).values_list("start", flat=True)
    return sorted({timezone.localdate(start) for start in starts})


def editions_with_shifts() -> QuerySet[EditionPage]:
    """The festival's occasions for the coordinators' picker, latest first."""
    return EditionPage.objects.filter(shifts__isnull=False).distinct().order_by("-year")


def open_shift_count(*, occasion: Occasion) -> int:
    """Shifts still ahead, for the occasion's call for volunteers."""
    return Shift.objects.filter(**occasion_lookup(occasion), start__gt=timezone.now()).count()


def upcoming(shift: Shift) -> bool:
    return shift.start > timezone.now()


def volunteers_for_email(*, email: str) -> list[Volunteer]:
    """This address's sign-ups, one per occasion (« Renvoyer mes liens »), latest first.

    Addresses are stored lower-cased (``signup_create``)."""
    return list(
        Volunteer.objects.filter(email=email.strip().lower(), erased_at__isnull=True)
        .select_related(*OCCASIONS)
        .order_by(Coalesce("edition__start_date", "work_day__date").desc(), "-pk")
    )
