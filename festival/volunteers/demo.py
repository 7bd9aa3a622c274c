"""Demo volunteers: roles with their prerequisites, the shifts of an edition, a few sign-ups.

Enough for a coordinator's dashboard to show a full shift with its waitlist, shifts nearly
full, short shifts and first-timers to pair, and for a visitor to find places open. Sign-ups
go through the slice's services, so they obey its rules. Idempotent: an edition that has
shifts is left as it is."""

import datetime

from django.test.utils import override_settings
from django.utils import timezone

from festival.models import EditionPage, Venue
from festival.volunteers.models import Prerequisite, Shift, VolunteerRole
from festival.volunteers.occasions import Occasion
from festival.volunteers.services import signup_confirm, signup_create

PREREQUISITES = {
    "adult": "J'ai 18 ans ou plus",
    "licence": "J'ai le permis B",
    "hygiene": "J'ai suivi une formation à l'hygiène alimentaire",
    "walker": "Je marche sans peine deux heures en pente",
}

ROLES = [
    ("Accueil", "Accueillir le public, orienter, distribuer le programme.", []),
    ("Buvette", "Servir boissons et gaufres au profit des associations.", ["adult", "hygiene"]),
    ("Montage et démontage", "Monter les scènes, les barnums et les expositions.", ["adult"]),
    ("Sécurité", "Veiller aux passages, aux issues de secours et aux enfants.", ["adult"]),
    ("Guide de terril", "Accompagner les balades sur les terrils jumeaux.", ["walker"]),
    ("Photographe", "Photographier le festival pour l'archive des mémoires.", []),
    ("Navette", "Conduire les artistes entre la gare de Lens et la Base 11/19.", ["licence"]),
]

# (role, venue slug, day of the festival from 0, start hour, hours, capacity)
SHIFTS = [
    ("Montage et démontage", "base-11-19", 0, 8, 4, 6),
    ("Accueil", "base-11-19", 0, 14, 4, 3),
    ("Buvette", "base-11-19", 0, 17, 5, 4),
    ("Navette", "base-11-19", 0, 10, 3, 2),
    ("Accueil", "base-11-19", 1, 10, 4, 3),
    ("Accueil", "base-11-19", 1, 14, 4, 3),
    ("Guide de terril", "terrils-jumeaux", 1, 9, 3, 2),
    ("Guide de terril", "terrils-jumeaux", 1, 14, 3, 2),
    ("Sécurité", "place-de-la-republique", 1, 18, 5, 4),
    ("Buvette", "base-11-19", 1, 12, 4, 4),
    ("Photographe", "eglise-saint-vaast", 1, 15, 3, 1),
    ("Accueil", "eglise-saint-vaast", 2, 10, 3, 2),
    ("Buvette", "base-11-19", 2, 12, 4, 4),
    ("Montage et démontage", "base-11-19", 2, 18, 4, 8),
]

# (name, first time, shifts taken by index in SHIFTS), signed up in this order through the
# slice's rules: the terril guides of Saturday morning (6) end full with Hugo waiting, the
# Friday evening bar (2) and Saturday's welcome (4) have one place left.
VOLUNTEERS = [
    ("Jeannine Kowalski", False, [0, 2]),
    ("Marcel Dubois", False, [6, 8]),
    ("Léa Martin", True, [4]),
    ("Karim Benali", False, [2, 6]),
    ("Chantal Lefebvre", False, [2, 9]),
    ("Tom Wiart", True, [10]),
    ("Sylvie Nowak", False, [4, 12]),
    ("Hugo Delattre", True, [6]),
]


def ensure_roles() -> dict[str, VolunteerRole]:
    prerequisites = {
        key: Prerequisite.objects.get_or_create(label=label)[0]
        for key, label in PREREQUISITES.items()
    }
    roles = {}
    for name, description, needs in ROLES:
        role, created = VolunteerRole.objects.get_or_create(
            name=name, defaults={"description": description}
        )
        if created:
            role.prerequisites.set([prerequisites[key] for key in needs])
        roles[name] = role
    return roles


def ensure_shifts(edition: EditionPage, *, now: datetime.datetime | None = None) -> int:
    """Shifts over the edition's days and a few volunteers signed up through the slice's
    services (holds, waitlist, confirmation); returns the shifts created."""
    if edition.shifts.exists():
        return 0
    roles = ensure_roles()
    venues = {venue.slug: venue for venue in Venue.objects.all()}
    shifts = []
    for role, venue, day, hour, hours, capacity in SHIFTS:
        start = timezone.make_aware(
            datetime.datetime.combine(
                edition.start_date + datetime.timedelta(days=day), datetime.time(hour)
            )
        )
        shifts.append(
            Shift.objects.create(
                edition=edition,
                role=roles[role],
                venue=venues.get(venue),
                start=start,
                end=start + datetime.timedelta(hours=hours),
                capacity=capacity,
            )
        )
    demo_signups_take(
        occasion=edition,
        people=[
            (name, f"benevole{number}@exemple.fr", first_time, [shifts[i] for i in taken])
            for number, (name, first_time, taken) in enumerate(VOLUNTEERS, start=1)
        ],
        now=now or timezone.now(),
    )
    return len(shifts)


def demo_signups_take(
    *,
    occasion: Occasion,
    people: list[tuple[str, str, bool, list[Shift]]],
    now: datetime.datetime,
) -> None:
    """Sign ``people`` (name, e-mail, first time, shifts) up in order and confirm them, through
    the slice's services: capacity, waitlist and schedule rules hold as for anyone."""
    # The volunteers are invented (@exemple.fr): their confirmation mails go nowhere.
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        for name, email, first_time, shifts in people:
            result = signup_create(
                occasion=occasion,
                name=name,
                email=email,
                shift_ids=[shift.pk for shift in shifts],
                first_time=first_time,
                now=now,
            )
            signup_confirm(volunteer=result.volunteer, now=now)
