"""What volunteer shifts belong to: an *occasion*.

The slice's rules (capacity, holds, waitlist, confirmation, reminders, erasure) never name the
festival: they ask the occasion for what they need (its title and public page for the
wording, the page where people sign up, its dates, when personal data is erased) and reach
its shifts and volunteers through the lookups below. Today the one kind of occasion is a
festival edition (``festival.EditionPage``): ``Shift.edition`` and ``Volunteer.edition`` are
its foreign keys, and ``Shift.occasion`` / ``Volunteer.occasion`` return it.

A second kind (a fifty-fifty project's work day) plugs in without touching the rules:

1. ``Shift`` and ``Volunteer`` get a second nullable foreign key (``work_day``), ``edition``
   becomes nullable, and a check constraint says exactly one is set
   (``Q(edition__isnull=False, work_day__isnull=True) | Q(edition__isnull=True,
   work_day__isnull=False)``); the unique constraint on the address is repeated per key;
2. the work-day model provides what ``Occasion`` lists (``title``, ``url``,
   ``volunteer_signup_url``, ``volunteer_call``, ``start_date``, ``end_date``);
3. ``Shift.occasion`` / ``Volunteer.occasion`` return whichever key is set, and
   ``occasion_lookup`` / ``shift_belongs_to`` / ``ended_before`` below pick the key by the
   occasion's model (``ended_before`` ORs one condition per key)."""

import datetime
from typing import Protocol

from django.db.models import Q


class Occasion(Protocol):
    """What the volunteer shifts need to know about the thing they belong to."""

    pk: int
    title: str
    start_date: datetime.date
    end_date: datetime.date  # personal data is erased counting from this day
    volunteer_call: str  # a few lines (rich text) calling for volunteers; may be empty

    @property
    def url(self) -> str:
        """Its public page."""

    @property
    def volunteer_signup_url(self) -> str:
        """The page where people choose their shifts."""


def occasion_lookup(occasion: Occasion) -> dict:
    """Keyword arguments that select (or create) shifts and volunteers of this occasion."""
    return {"edition": occasion}


def shift_belongs_to(shift, occasion: Occasion) -> bool:
    """Without loading the occasion of the shift."""
    return shift.edition_id == occasion.pk


def ended_before(day: datetime.date) -> Q:
    """Volunteers whose occasion ended before ``day``."""
    return Q(edition__end_date__lt=day)
