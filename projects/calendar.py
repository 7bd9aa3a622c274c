"""The iCalendar feed of the public projects' upcoming work days (« chantiers participatifs »).

Built with the festival's calendar helpers (same PRODID, time zone, UID domain). A work day is
a whole day (``DTSTART;VALUE=DATE``): its shifts' hours are on its page. UIDs come from the
work day's primary key, so a calendar that imports the feed again updates the same entries."""

import datetime
from collections.abc import Iterable

import icalendar
from django.utils import timezone
from django.utils.translation import gettext as _

from festival.calendar import UID_DOMAIN, calendar_bytes, calendar_new
from projects.models import WorkDay
from projects.selectors import project_where


def work_day_uid(work_day: WorkDay) -> str:
    return f"chantier-{work_day.pk}@{UID_DOMAIN}"


def work_days_ical(*, work_days: Iterable[WorkDay], site_root: str = "") -> bytes:
    """One all-day VEVENT per work day; their projects (and places) must come joined."""
    calendar = calendar_new(name=_("Chantiers participatifs fifty-fifty — Loos-en-Gohelle"))
    stamp = timezone.now().replace(microsecond=0)
    for work_day in work_days:
        project = work_day.project
        url = f"{site_root}{work_day.url}"
        vevent = icalendar.Event()
        vevent.add("uid", work_day_uid(work_day))
        vevent.add("dtstamp", stamp)
        vevent.add("dtstart", work_day.date)
        vevent.add("dtend", work_day.date + datetime.timedelta(days=1))
        vevent.add("summary", f"{work_day.title} — {project.title}")
        description = "\n\n".join(part for part in (work_day.volunteer_call, url) if part)
        vevent.add("description", description)
        vevent.add("url", url)
        vevent.add("categories", [project.get_kind_display()])
        location = ", ".join(
            part for part in (work_day.meeting_point, project_where(project)) if part
        )
        if location:
            vevent.add("location", location)
        position = project.position
        if position:
            vevent.add("geo", position)
        calendar.add_component(vevent)
    return calendar_bytes(calendar)
