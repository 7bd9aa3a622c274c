"""Writes of the volunteer shifts: signing up, confirming, cancelling, the waitlist,
reminders, coordinators' actions and erasing personal data, for any occasion
(``festival/volunteers/occasions.py``).

Capacity rules hold under concurrency because every change to who holds a place on a shift
happens inside a transaction that first locks that shift's row (``select_for_update``), in
primary-key order so two transactions never wait on each other."""

import datetime
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from core.links import site_root
from festival.formats import fr_day, when
from festival.volunteers import emails
from festival.volunteers.models import ACTIVE_STATUSES, Shift, Signup, SignupStatus, Volunteer
from festival.volunteers.occasions import (
    Occasion,
    ended_before,
    occasion_lookup,
    shift_belongs_to,
)

logger = logging.getLogger(__name__)


class SignupRefused(Exception):
    """Why a sign-up cannot be taken, in French, and the form field it belongs to."""

    def __init__(self, message: str, *, field: str = "shifts"):
        super().__init__(message)
        self.message = message
        self.field = field


@dataclass
class SignupResult:
    volunteer: Volunteer
    signups: list[Signup] = field(default_factory=list)

    @property
    def waitlisted(self) -> list[Signup]:
        return [s for s in self.signups if s.status == SignupStatus.WAITLISTED]


# Signing up ------------------------------------------------------------------------------


def _locked_volunteer(
    *, occasion: Occasion, email: str, profile: dict, now: datetime.datetime
) -> tuple[Volunteer, bool]:
    """The volunteer row for this address, created with ``profile`` if needed, locked until
    commit; and whether this call created it.

    Inserted first and read back locked, two round trips whether or not the address is new:
    ``ON CONFLICT DO NOTHING`` leaves the row of someone who signed up with the same address
    at the same instant, known by its public id not being ours."""
    lookup = {**occasion_lookup(occasion), "email": email}
    candidate = Volunteer(**lookup)
    _apply_profile(candidate, profile, now=now)
    Volunteer.objects.bulk_create([candidate], ignore_conflicts=True)
    volunteer = Volunteer.objects.select_for_update().get(**lookup)
    return volunteer, volunteer.public_id == candidate.public_id


def _lock_shifts(shift_ids: Iterable[int]) -> list[Shift]:
    return list(Shift.objects.select_for_update().filter(pk__in=set(shift_ids)).order_by("pk"))


def _holding_counts(shift_ids: Iterable[int]) -> dict[int, int]:
    rows = (
        Signup.objects.holding()
        .filter(shift_id__in=list(shift_ids))
        .order_by()  # the default ordering by shift start would join the shifts for nothing
        .values("shift_id")
        .annotate(n=Count("pk"))
    )
    return {row["shift_id"]: row["n"] for row in rows}


def _describe(shift: Shift) -> str:
    return _("« %(role)s, %(when)s »") % {"role": shift.role.name, "when": when(shift)}


def _check_schedule(*, new: list[Shift], held: list[Shift]) -> None:
    """No two overlapping shifts, no more than the maximum of hours in a row."""
    everything = sorted([*held, *new], key=lambda s: (s.start, s.end))
    for index, shift in enumerate(everything):
        for other in everything[index + 1 :]:
            if other.start >= shift.end:
                break
            raise SignupRefused(
                _(
                    "Le créneau %(first)s chevauche le créneau %(second)s : "
                    "choisissez l'un des deux."
                )
                % {"first": _describe(shift), "second": _describe(other)}
            )
    max_hours = settings.VOLUNTEER_MAX_CONSECUTIVE_HOURS
    rest_minutes = settings.VOLUNTEER_REST_MINUTES
    rest = datetime.timedelta(minutes=rest_minutes)
    block_start = block_end = None
    for shift in everything:
        if block_end is None or shift.start - block_end >= rest:
            block_start = shift.start
        block_end = max(block_end or shift.end, shift.end)
        if (block_end - block_start).total_seconds() / 3600 > max_hours:
            raise SignupRefused(
                _(
                    "Avec le créneau %(shift)s, vous enchaîneriez plus de %(hours)s heures "
                    "sans pause : gardez au moins %(rest)s minutes de repos entre deux."
                )
                % {"shift": _describe(shift), "hours": max_hours, "rest": rest_minutes}
            )


def signup_create(
    *,
    occasion: Occasion,
    name: str,
    email: str,
    shift_ids: Iterable[int],
    phone: str = "",
    first_time: bool = False,
    contact_next_year: bool = False,
    now: datetime.datetime | None = None,
    base_url: str | None = None,
) -> SignupResult:
    """Hold a place on each shift (or a spot on its waitlist) and mail the confirmation link.

    Everything is stored in one transaction before the e-mail is sent, so a mail failure
    never loses a sign-up. Shifts this address already holds without having confirmed are
    kept as they are and the link is mailed again. Raises ``SignupRefused`` when the rules
    say no (a shift already confirmed, an overlap…)."""
    now = now or timezone.now()
    email = email.strip().lower()
    shift_ids = [int(pk) for pk in shift_ids]
    if not shift_ids:
        raise SignupRefused(_("Choisissez au moins un créneau."))
    profile = {
        "name": name,
        "phone": phone,
        "first_time": first_time,
        "contact_next_year": contact_next_year,
    }
    with transaction.atomic():
        # The person's own rows first; the shifts' rows, which everyone signing up for the
        # same shift waits on, are locked last and held for as few queries as possible.
        volunteer, created = _locked_volunteer(
            occasion=occasion, email=email, profile=profile, now=now
        )
        active = [] if created else _volunteer_update(volunteer=volunteer, profile=profile, now=now)
        # The mail is built from the rows when it leaves: queued here, it leaves only if this
        # transaction commits, whatever is refused below.
        emails.confirmation_mail_queue(volunteer=volunteer, site_root=site_root(base_url))

        shifts = _lock_shifts(shift_ids)
        if len(shifts) != len(set(shift_ids)) or not all(
            shift_belongs_to(s, occasion) for s in shifts
        ):
            raise SignupRefused(_("Un des créneaux choisis n'existe plus : rechargez la page."))
        if any(s.start <= now for s in shifts):
            raise SignupRefused(_("Un des créneaux choisis a déjà commencé."))
        if _expire_holds_locked(shifts=shifts, now=now) and active:
            # This person's own hold may have just expired: it is no longer theirs to keep.
            active = list(volunteer.signups.active().select_related("shift", "shift__role"))
        again = [s for s in active if s.shift_id in set(shift_ids)]
        confirmed = [s.shift for s in again if s.email_confirmed_at is not None]
        if confirmed:
            raise SignupRefused(
                _("Vous êtes déjà inscrit au créneau %(shift)s.")
                % {"shift": _describe(confirmed[0])}
            )
        # Held but never confirmed: the first e-mail was lost or missed. Signing up again
        # keeps those places and mails the confirmation link again.
        shifts = [shift for shift in shifts if shift.pk not in {s.shift_id for s in again}]
        _check_schedule(new=shifts, held=[s.shift for s in active])

        counts = _holding_counts(s.pk for s in shifts)
        created_signups = [
            Signup(
                volunteer=volunteer,
                shift=shift,
                status=SignupStatus.PENDING
                if counts.get(shift.pk, 0) < shift.capacity
                else SignupStatus.WAITLISTED,
            )
            for shift in shifts
        ]
        Signup.objects.bulk_create(created_signups)
    return SignupResult(volunteer=volunteer, signups=[*again, *created_signups])


def _volunteer_update(*, volunteer: Volunteer, profile: dict, now: datetime.datetime) -> list:
    """A known address signs up again: its new details, and its active sign-ups."""
    active = list(volunteer.signups.active().select_related("shift", "shift__role"))
    profile = {**profile, "phone": profile["phone"] or volunteer.phone}
    if any(s.email_confirmed_at is not None for s in active) or (
        volunteer.signups.filter(email_confirmed_at__isnull=False).exists()
    ):
        # Whoever knows an address must not rewrite what its owner confirmed.
        volunteer.pending_profile = profile
    else:
        _apply_profile(volunteer, profile, now=now)
    volunteer.save()
    return active


def _apply_profile(volunteer: Volunteer, profile: dict, *, now: datetime.datetime) -> None:
    for name, value in profile.items():
        setattr(volunteer, name, value)
    volunteer.consented_at = now
    volunteer.pending_profile = {}


def signup_confirm(
    *, volunteer: Volunteer, now: datetime.datetime | None = None, base_url: str | None = None
) -> list[Signup]:
    """The e-mail link was followed: held places become confirmed, waitlist spots count.

    Returns the sign-ups that changed (none when the link is used a second time).

    A held place becoming confirmed still holds the same place, so only the shifts where this
    person was waiting are locked (to hand them a freed place); the updates are conditional,
    so a hold that expired or was cancelled meanwhile is never brought back."""
    now = now or timezone.now()
    with transaction.atomic():
        if volunteer.pending_profile:
            _apply_profile(volunteer, volunteer.pending_profile, now=now)
            volunteer.save()
        unconfirmed = list(volunteer.signups.awaiting_confirmation().order_by("shift_id"))
        waiting = [s for s in unconfirmed if s.status == SignupStatus.WAITLISTED]
        shifts = _lock_shifts(s.shift_id for s in waiting) if waiting else []
        awaiting = Signup.objects.awaiting_confirmation().filter(pk__in=[s.pk for s in unconfirmed])
        changed = 0
        if len(waiting) < len(unconfirmed):  # a place held
            changed += awaiting.filter(status=SignupStatus.PENDING).update(
                status=SignupStatus.CONFIRMED, email_confirmed_at=now
            )
        if waiting:
            changed += awaiting.filter(status=SignupStatus.WAITLISTED).update(
                email_confirmed_at=now
            )
        if changed == len(unconfirmed):
            for signup in unconfirmed:
                signup.email_confirmed_at = now
                if signup.status == SignupStatus.PENDING:
                    signup.status = SignupStatus.CONFIRMED
        else:  # some expired or were cancelled since they were read
            unconfirmed = list(
                Signup.objects.filter(
                    pk__in=[s.pk for s in unconfirmed], email_confirmed_at=now
                ).order_by("shift_id")
            )
        # A place may have freed while this person's waitlist spot was still unconfirmed.
        for shift in shifts:
            _promote_waitlist_locked(shift=shift, now=now, base_url=base_url)
    return unconfirmed


def _promote_waitlist_locked(
    *, shift: Shift, now: datetime.datetime, base_url: str | None
) -> list[Signup]:
    """Give free places to the first confirmed people on the waitlist (shift row locked)."""
    free = shift.capacity - _holding_counts([shift.pk]).get(shift.pk, 0)
    if free <= 0:
        return []
    promoted = list(
        Signup.objects.filter(
            shift=shift, status=SignupStatus.WAITLISTED, email_confirmed_at__isnull=False
        ).order_by("created_at", "pk")[:free]
    )
    for signup in promoted:
        signup.status = SignupStatus.CONFIRMED
        signup.promoted_at = now
        signup.save(update_fields=["status", "promoted_at"])
        emails.promoted_mail_queue(signup=signup, site_root=site_root(base_url))
    return promoted


def signup_cancel(
    *, signup: Signup, now: datetime.datetime | None = None, base_url: str | None = None
) -> Signup | None:
    """Free the place and hand it to the first person waiting, in one transaction.

    Returns the promoted sign-up, if any."""
    now = now or timezone.now()
    with transaction.atomic():
        (shift,) = _lock_shifts([signup.shift_id])
        signup = Signup.objects.get(pk=signup.pk)
        if not signup.is_active:
            return None
        signup.status = SignupStatus.CANCELLED
        signup.cancelled_at = now
        signup.save(update_fields=["status", "cancelled_at"])
        Signup.objects.filter(paired_with=signup).update(paired_with=None)
        promoted = _promote_waitlist_locked(shift=shift, now=now, base_url=base_url)
    return promoted[0] if promoted else None


def waitlist_leave(*, signup: Signup, now: datetime.datetime | None = None) -> bool:
    """Take this person off the shift's waitlist; False if they were not on it."""
    now = now or timezone.now()
    left = Signup.objects.filter(pk=signup.pk, status=SignupStatus.WAITLISTED).update(
        status=SignupStatus.CANCELLED, cancelled_at=now
    )
    return bool(left)


def signups_cancel_all(
    *, volunteer: Volunteer, now: datetime.datetime | None = None, base_url: str | None = None
) -> int:
    """Cancel every place and waitlist spot of this person; returns how many."""
    count = 0
    for signup in volunteer.signups.active().order_by("shift_id"):
        if signup.status == SignupStatus.WAITLISTED:
            count += waitlist_leave(signup=signup, now=now)
        else:
            signup_cancel(signup=signup, now=now, base_url=base_url)
            count += 1
    return count


def occasion_call_off_notify(*, occasion: Occasion) -> int:
    """Everyone holding a place or waiting on the occasion is told it is called off (mailed
    after the caller's transaction commits, which erases the occasion and its volunteers).
    Returns how many people are told."""
    volunteers = (
        Volunteer.objects.filter(**occasion_lookup(occasion), signups__status__in=ACTIVE_STATUSES)
        .exclude(email="")
        .distinct()
    )
    day = fr_day(occasion.start_date)
    for volunteer in volunteers:
        emails.called_off_mail_queue(volunteer=volunteer, occasion_title=occasion.title, day=day)
    return len(volunteers)


# Expiry, reminders, erasure (scheduled commands) -----------------------------------------


def _overdue_holds(now: datetime.datetime):
    """Sign-ups still awaiting confirmation once the hold is over."""
    deadline = now - datetime.timedelta(hours=settings.VOLUNTEER_HOLD_HOURS)
    return Signup.objects.awaiting_confirmation().filter(created_at__lt=deadline)


def _expire_holds_locked(*, shifts: list[Shift], now: datetime.datetime) -> int:
    expired = _overdue_holds(now).filter(shift__in=shifts).update(status=SignupStatus.EXPIRED)
    if expired:
        for shift in shifts:
            _promote_waitlist_locked(shift=shift, now=now, base_url=None)
    return expired


def holds_expire(*, now: datetime.datetime | None = None) -> int:
    """Free the places of sign-ups never confirmed in time; returns how many expired."""
    now = now or timezone.now()
    shift_ids = _overdue_holds(now).values_list("shift_id", flat=True).distinct()
    total = 0
    for shift_id in sorted(set(shift_ids)):
        with transaction.atomic():
            total += _expire_holds_locked(shifts=_lock_shifts([shift_id]), now=now)
    return total


def reminders_send(*, now: datetime.datetime | None = None) -> int:
    """Queue a reminder for each confirmed volunteer once before each of their shifts; returns
    how many.

    Each sign-up is claimed by a conditional UPDATE in the same transaction as its mail's row in
    the outbox, so two runs at the same time (or one run after another) never queue the same
    reminder twice; the outbox sends it after commit and retries it if the mail server fails."""
    now = now or timezone.now()
    due = Signup.objects.filter(
        status=SignupStatus.CONFIRMED,
        reminder_sent_at__isnull=True,
        shift__start__gt=now,
        shift__start__lte=now + datetime.timedelta(hours=settings.VOLUNTEER_REMINDER_HOURS),
    ).exclude(volunteer__email="")
    queued = 0
    for signup_id in due.values_list("pk", flat=True):
        with transaction.atomic():
            claimed = Signup.objects.filter(pk=signup_id, reminder_sent_at__isnull=True).update(
                reminder_sent_at=now
            )
            if claimed:
                emails.reminder_mail_queue(signup_id=signup_id, site_root=site_root())
                queued += 1
    return queued


def _months_before(day: datetime.date, months: int) -> datetime.date:
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    for candidate_day in range(day.day, 0, -1):
        try:
            return datetime.date(year, month + 1, candidate_day)
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover - day 1 always exists


def volunteers_erase_expired(
    *, now: datetime.datetime | None = None, months: int | None = None
) -> int:
    """Erase names, e-mails and phones ``months`` after the occasion ended, except for people
    who asked to be contacted next year. Sign-ups stay (anonymous) for the statistics."""
    now = now or timezone.now()
    months = settings.VOLUNTEER_RETENTION_MONTHS if months is None else months
    cutoff = _months_before(timezone.localdate(now), months)
    return Volunteer.objects.filter(
        ended_before(cutoff), erased_at__isnull=True, contact_next_year=False
    ).update(
        name=_("Bénévole (données effacées)"),
        email="",
        phone="",
        pending_profile={},
        erased_at=now,
    )


# Coordinators ----------------------------------------------------------------------------


def attendance_mark(*, signup: Signup, attended: bool | None) -> Signup:
    signup.attended = attended
    signup.save(update_fields=["attended"])
    return signup


def shift_attendance_record(*, shift: Shift, attended: dict[int, bool | None]) -> int:
    """Who came, by sign-up id (``None``: not said). Only people holding a place count;
    returns how many marks changed. ``shift.roster`` is used when prefetched."""
    roster = getattr(shift, "roster", None) or list(shift.signups.all())
    changed = 0
    for signup in roster:
        if signup.is_holding and signup.pk in attended and attended[signup.pk] != signup.attended:
            attendance_mark(signup=signup, attended=attended[signup.pk])
            changed += 1
    return changed


def shift_pair_first_timers(*, shift: Shift) -> int:
    """Pair each unpaired first-timer with the least busy experienced volunteer of the shift."""
    signups = list(shift.signups.holding().select_related("volunteer"))
    mentors = [s for s in signups if not s.volunteer.first_time]
    if not mentors:
        return 0
    load = {m.pk: sum(1 for s in signups if s.paired_with_id == m.pk) for m in mentors}
    paired = 0
    for signup in signups:
        if signup.volunteer.first_time and signup.paired_with_id is None:
            mentor = min(mentors, key=lambda m: (load[m.pk], m.created_at, m.pk))
            signup.paired_with = mentor
            signup.save(update_fields=["paired_with"])
            load[mentor.pk] += 1
            paired += 1
    return paired


def shift_message_send(*, shift: Shift, subject: str, body: str, reply_to: str = "") -> int:
    """Mail every volunteer holding a place on the shift (one message each: no shared list)."""
    holders = Signup.objects.holding().filter(shift=shift).values("volunteer_id")
    recipients = list(Volunteer.objects.filter(pk__in=holders).exclude(email=""))
    return emails.send_shift_message(
        shift=shift, volunteers=recipients, subject=subject, body=body, reply_to=reply_to
    )
