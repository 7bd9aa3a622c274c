"""Festival models, split by kind: pages (editions, events), snippets (venues), and the
volunteer shifts, whose models live in their slice (``festival/volunteers/models.py``)."""

from festival.models.pages import (
    Audience,
    EditionPage,
    EventArchiveLink,
    EventCategory,
    EventGalleryImage,
    EventOccurrence,
    EventPage,
    EventPerformer,
    FestivalIndexPage,
    PerformerKind,
)
from festival.models.venues import Venue
from festival.volunteers.models import (
    Prerequisite,
    Shift,
    Signup,
    SignupStatus,
    Volunteer,
    VolunteerRole,
)

__all__ = [
    "Audience",
    "EditionPage",
    "EventArchiveLink",
    "EventCategory",
    "EventGalleryImage",
    "EventOccurrence",
    "EventPage",
    "EventPerformer",
    "FestivalIndexPage",
    "PerformerKind",
    "Prerequisite",
    "Shift",
    "Signup",
    "SignupStatus",
    "Venue",
    "Volunteer",
    "VolunteerRole",
]
