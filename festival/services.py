"""Writes of the festival: preparing next year's edition from this one.

What else an edition owns (its volunteer shifts, below) is copied by steps registered with
``register_edition_copy_step``; steps run inside the same transaction as the copy, in
registration order.
"""

import datetime
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from festival.models import EditionPage, EventOccurrence, EventPage, Shift

EditionCopyStep = Callable[..., None]
EDITION_COPY_STEPS: list[EditionCopyStep] = []


def register_edition_copy_step(step: EditionCopyStep) -> EditionCopyStep:
    """Run ``step(source=, target=, offset_days=)`` each time an edition is prepared."""
    if step not in EDITION_COPY_STEPS:
        EDITION_COPY_STEPS.append(step)
    return step


def shift_local(moment: datetime.datetime, *, days: int) -> datetime.datetime:
    """The same wall-clock time ``days`` later in the site's time zone (Paris), whatever the
    DST change in between."""
    local = timezone.make_naive(moment) + datetime.timedelta(days=days)
    return timezone.make_aware(local)


def default_offset_days(edition: EditionPage) -> int:
    """Days to the same weekday of the same week of the month next year (364 or 371).

    The second Friday of June stays the second Friday of June: the festival keeps its
    weekend and does not drift through the month year after year."""
    start = edition.start_date
    nth = (start.day - 1) // 7
    first_of_month = start.replace(year=start.year + 1, day=1)
    first_same_weekday = first_of_month + datetime.timedelta(
        days=(start.weekday() - first_of_month.weekday()) % 7
    )
    target = first_same_weekday + datetime.timedelta(weeks=nth)
    if target.month != start.month:  # a fifth weekday the month does not have next year
        target -= datetime.timedelta(weeks=1)
    return (target - start).days


class EditionCopyError(ValueError):
    """A reason, in French, why the edition cannot be prepared as asked."""


@transaction.atomic
def edition_prepare_next(
    *, edition: EditionPage, year: int, offset_days: int, user=None
) -> EditionPage:
    """Copy an edition's structure into a new draft edition ``year``.

    Venues are kept (they are shared snippets); every event becomes a draft under the new
    edition with its dates moved ``offset_days`` later at the same local time; the registered
    copy steps then copy what belongs to other parts of the festival."""
    if EditionPage.objects.filter(year=year).exists():
        raise EditionCopyError(_("L'édition %(year)s existe déjà.") % {"year": year})
    parent = edition.get_parent()
    slug = slugify(str(year))
    if parent.get_children().filter(slug=slug).exists():
        raise EditionCopyError(
            _("Une page « %(slug)s » existe déjà à cet endroit.") % {"slug": slug}
        )
    shift = datetime.timedelta(days=offset_days)
    new_edition = EditionPage(
        title=edition.title.replace(str(edition.year), str(year))
        if str(edition.year) in edition.title
        else f"{edition.title} {year}",
        slug=slug,
        year=year,
        start_date=edition.start_date + shift,
        end_date=edition.end_date + shift,
        theme="",
        intro=edition.intro,
        partners=edition.partners,
        volunteer_call=edition.volunteer_call,
        live=False,
    )
    parent.add_child(instance=new_edition)
    new_edition.save_revision(user=user, log_action=True)

    for event in EventPage.objects.child_of(edition).specific().order_by("path"):
        event_copy_to(event=event, edition=new_edition, offset_days=offset_days, user=user)

    for step in EDITION_COPY_STEPS:
        step(source=edition, target=new_edition, offset_days=offset_days)
    return new_edition


def event_copy_to(
    *, event: EventPage, edition: EditionPage, offset_days: int, user=None
) -> EventPage:
    """A draft copy of ``event`` under ``edition``, every date moved by ``offset_days``."""
    copy = event.copy(
        to=edition,
        recursive=False,
        keep_live=False,
        copy_revisions=False,
        user=user,
        log_action=None,
        reset_translation_key=True,
    )
    for occurrence in EventOccurrence.objects.filter(event=copy):
        occurrence.start = shift_local(occurrence.start, days=offset_days)
        occurrence.end = shift_local(occurrence.end, days=offset_days)
        occurrence.save(update_fields=["start", "end"])
    copy = EventPage.objects.get(pk=copy.pk)
    # The editor opens the latest revision: it must carry the shifted dates.
    copy.save_revision(user=user, log_action=False)
    return copy


@register_edition_copy_step
def shifts_copy_to_edition(*, source: EditionPage, target: EditionPage, offset_days: int) -> None:
    """Next year's shifts: same roles, venues, capacities and local times, no sign-ups.

    Roles and prerequisites are shared by every edition: nothing to copy there."""
    Shift.objects.bulk_create(
        Shift(
            edition=target,
            role_id=shift.role_id,
            venue_id=shift.venue_id,
            start=shift_local(shift.start, days=offset_days),
            end=shift_local(shift.end, days=offset_days),
            capacity=shift.capacity,
            notes=shift.notes,
        )
        for shift in Shift.objects.filter(edition=source).order_by("start", "pk")
    )
