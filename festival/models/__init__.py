"""Festival models, split by kind: pages (editions, events) and snippets (venues)."""

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
from festival.models.volunteers import (
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
