"""A volunteer's private links: signed (not guessable) and dated (they expire), so nobody
needs an account. One salt per kind of link, so a link of one kind never opens another.

- *confirm*: mailed at sign-up; works while the places are held (``VOLUNTEER_HOLD_HOURS``);
- *my shifts*: the person's page, where they cancel or leave a waitlist, and its calendar;
  works ``VOLUNTEER_LINK_MAX_AGE_DAYS``."""

import datetime

from django.conf import settings
from django.core import signing
from django.urls import reverse

from festival.volunteers.models import Volunteer

CONFIRM_SALT = "festival.volunteers.confirm"
MY_SHIFTS_SALT = "festival.volunteers.my-shifts"


def confirm_token(volunteer: Volunteer) -> str:
    return signing.dumps(str(volunteer.public_id), salt=CONFIRM_SALT)


def my_shifts_token(volunteer: Volunteer) -> str:
    return signing.dumps(str(volunteer.public_id), salt=MY_SHIFTS_SALT)


def _read(token: str, *, salt: str, max_age: datetime.timedelta) -> Volunteer | None:
    try:
        public_id = signing.loads(token, salt=salt, max_age=max_age)
    except signing.BadSignature:  # also raised for an expired link
        return None
    return (
        Volunteer.objects.filter(public_id=public_id, erased_at__isnull=True)
        .select_related("edition", "work_day__project")
        .first()
    )


def volunteer_from_confirm_token(token: str) -> Volunteer | None:
    """The volunteer a confirm link names, or None when it is forged, expired or erased."""
    return _read(
        token,
        salt=CONFIRM_SALT,
        max_age=datetime.timedelta(hours=settings.VOLUNTEER_HOLD_HOURS),
    )


def volunteer_from_my_shifts_token(token: str) -> Volunteer | None:
    """The volunteer a "my shifts" link names, or None when forged, expired or erased."""
    return _read(
        token,
        salt=MY_SHIFTS_SALT,
        max_age=datetime.timedelta(days=settings.VOLUNTEER_LINK_MAX_AGE_DAYS),
    )


def confirm_url(volunteer: Volunteer, *, site_root: str) -> str:
    return site_root + reverse("festival_volunteers:confirm", args=[confirm_token(volunteer)])


def my_shifts_url(volunteer: Volunteer, *, site_root: str) -> str:
    return site_root + reverse("festival_volunteers:my_shifts", args=[my_shifts_token(volunteer)])
