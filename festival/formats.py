"""Dates and times the French way ("samedi 13 juin, 15 h 30"), in the site's time zone: for
pages (through ``festival_tags``), e-mails, refusals and exports alike."""

import datetime

from django.utils import timezone, translation
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext as _


def fr_time(moment: datetime.datetime | datetime.time) -> str:
    """15 h 30, 9 h, 0 h 15: French typography for hours."""
    if isinstance(moment, datetime.datetime):
        moment = timezone.localtime(moment).time()
    if not moment.minute:
        return f"{moment.hour}\u00a0h"
    return f"{moment.hour}\u00a0h\u00a0{moment.minute:02d}"


def fr_day(value: datetime.date | datetime.datetime) -> str:
    """samedi 13 juin; « lundi 1er juin » for the first of the month, as French writes it."""
    if isinstance(value, datetime.datetime):
        value = timezone.localdate(value)
    if value.day == 1 and translation.get_language() == "fr":
        return date_format(value, "l") + " 1er " + date_format(value, "F")
    return date_format(value, "l j F")


def fr_datetime(moment: datetime.datetime) -> str:
    """samedi 13 juin, 15 h 30"""
    return f"{fr_day(moment)}, {fr_time(moment)}"


def when(occurrence) -> str:
    """An occurrence as a sentence: "samedi 13 juin, 15 h 30 – 17 h" or across days."""
    start, end = timezone.localtime(occurrence.start), timezone.localtime(occurrence.end)
    if start.date() == end.date():
        return f"{fr_datetime(start)} – {fr_time(end)}"
    return _("du %(start)s au %(end)s") % {"start": fr_datetime(start), "end": fr_datetime(end)}


def time_range(occurrence) -> str:
    """15 h 30 – 17 h, for lists already grouped by day."""
    start, end = timezone.localtime(occurrence.start), timezone.localtime(occurrence.end)
    if start.date() == end.date():
        return f"{fr_time(start)} – {fr_time(end)}"
    return _("%(start)s – %(end)s") % {"start": fr_time(start), "end": fr_datetime(end)}


def iso_local(moment: datetime.datetime) -> str:
    """For <time datetime> and schema.org: ISO 8601 with the local (Paris) offset, to the second
    (HTML refuses more than three digits of a second)."""
    return timezone.localtime(moment).isoformat(timespec="seconds")
