"""What volunteer shifts belong to: an *occasion*.

The slice's rules (capacity, holds, waitlist, confirmation, reminders, erasure) never name the
festival: they ask the occasion for what they need (its title and public page for the
wording, the page where people sign up, its dates, when personal data is erased) and reach
its shifts and volunteers through the lookups below. Two kinds of occasion exist:

- a festival edition (``festival.EditionPage``), through ``Shift.edition`` and
  ``Volunteer.edition``;
- a fifty-fifty project's work day (``projects.WorkDay``), through ``Shift.work_day`` and
  ``Volunteer.work_day``.

A check constraint says exactly one key is set, the unique constraint on the address is
repeated per key, and ``Shift.occasion`` / ``Volunteer.occasion`` return whichever is set.
The lookups below pick the key by the occasion's model label, so the festival (a floor below
the projects) never imports the projects app."""

import datetime
from typing import Protocol

from django.db.models import Q

# The foreign key of ``Shift`` and ``Volunteer`` for each kind of occasion, by model label.
OCCASION_KEYS = {"festival.editionpage": "edition", "projects.workday": "work_day"}
# The date field each kind of occasion ends on, for erasing personal data.
END_DATE_FIELDS = {"edition": "end_date", "work_day": "date"}


class Occasion(Protocol):
    """What the volunteer shifts need to know about the thing they belong to."""

    pk: int
    title: str
    start_date: datetime.date
    end_date: datetime.date  # personal data is erased counting from this day
    volunteer_call: str  # a few lines calling for volunteers; may be empty
    # An occasion may also have a ``meeting_point`` (a work day does): where people meet,
    # named by the mails and the calendar when present.

    @property
    def url(self) -> str:
        """Its public page."""

    @property
    def volunteer_signup_url(self) -> str:
        """The page where people choose their shifts."""


def occasion_key(occasion: Occasion) -> str:
    """The name of the foreign key that points at this occasion."""
    return OCCASION_KEYS[occasion._meta.label_lower]


def occasion_lookup(occasion: Occasion) -> dict:
    """Keyword arguments that select (or create) shifts and volunteers of this occasion."""
    return {occasion_key(occasion): occasion}


def shift_belongs_to(shift, occasion: Occasion) -> bool:
    """Without loading the occasion of the shift."""
    return getattr(shift, f"{occasion_key(occasion)}_id") == occasion.pk


def ended_before(day: datetime.date) -> Q:
    """Volunteers whose occasion ended before ``day``."""
    condition = Q()
    for key, end_field in END_DATE_FIELDS.items():
        condition |= Q(**{f"{key}__{end_field}__lt": day})
    return condition
