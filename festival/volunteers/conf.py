"""Volunteer settings, each overridable in Django settings (``FESTIVAL_VOLUNTEER_*``)."""

from django.conf import settings

DEFAULTS = {
    # An unconfirmed sign-up holds its place this long, then frees it.
    "HOLD_HOURS": 48,
    # Nobody is put on more than this many hours of shifts in a row.
    "MAX_CONSECUTIVE_HOURS": 8,
    # Shifts closer than this are "in a row" (no real rest in between).
    "REST_MINUTES": 30,
    # The private "my shifts" link works this long after it was sent.
    "LINK_MAX_AGE_DAYS": 180,
    # Reminders go out this long before a shift starts.
    "REMINDER_HOURS": 24,
    # Personal data is erased this many months after the edition ends.
    "RETENTION_MONTHS": 12,
}


def get(name: str):
    return getattr(settings, f"FESTIVAL_VOLUNTEER_{name}", DEFAULTS[name])
