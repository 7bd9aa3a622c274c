"""Demo content of the festival: every edition of the Gohelliades since 1984, dated from
the day the demo is loaded.

The next edition (the second weekend of June still to come) is upcoming, with its whole
programme and open volunteer shifts; the editions before it are past, the latest with its
whole programme, the older ones with a few events and their photos. Every edition has its
poster (its year and theme). ``demo_edition_move_to`` moves the next edition onto a given
day, to show the site as during the festival (``manage.py demo_festival_now``)."""

import datetime
import random
from collections.abc import Iterator

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Page

from festival.models import (
    EditionPage,
    EventGalleryImage,
    EventOccurrence,
    EventPage,
    EventPerformer,
    FestivalIndexPage,
    Shift,
    Venue,
)
from festival.selectors import current_edition
from festival.services import shift_local
from festival.volunteers.demo import ensure_shifts
from media.demo import demo_image
from media.demo_text import capitalise, place_where

FIRST_YEAR = 1984
# Older editions show this many events of their programme, one with a few photos.
PAST_EVENTS = 3

THEMES = [
    "La mine racontée par ceux qui l'ont vécue",
    "Les terrils, montagnes du Nord",
    "Gueules noires et mains d'or",
    "La cité en fête",
    "Mémoire des femmes du carreau",
    "De la fosse au théâtre",
    "Les chevalements dans le ciel",
    "Nos voisins venus d'ailleurs",
    "La ducasse et les harmonies",
    "Habiter la cité minière",
    "L'énergie d'hier et de demain",
    "La base 11/19, lieu de culture",
]

# One line per theme, so that past editions do not all say the same thing.
THEME_STORIES = [
    "Les anciens du fond ont pris la parole devant leurs petits-enfants.",
    "On a gravi les terrils jumeaux en famille, du lever au coucher du soleil.",
    "Les ateliers ont montré les gestes des mineurs et ceux des artisans de la cité.",
    "Les rues de la cité se sont couvertes de guirlandes et de tables partagées.",
    "Les trieuses, les lampistes et les épouses de mineurs ont raconté leur carreau.",
    "Une troupe d'habitants a joué sur le carreau de la fosse la vie d'une famille de mineurs.",
    "Les photographes ont saisi les chevalements sous toutes les lumières.",
    "Polonais, Marocains, Italiens et Algériens ont partagé leurs chants et leurs recettes.",
    "L'harmonie municipale a mené le défilé de la ducasse jusqu'à la place de la République.",
    "Les habitants ont ouvert leurs maisons et leurs jardins aux visiteurs.",
    "On a parlé du charbon d'hier et du soleil de demain, sur les toits de la commune.",
    "La Base 11/19 a accueilli des artistes venus de tout le bassin minier.",
]


def edition_dates(year: int) -> tuple[datetime.date, datetime.date]:
    """Friday to Sunday around the second Saturday of June, the festival's weekend."""
    first = datetime.date(year, 6, 1)
    saturday = first + datetime.timedelta(days=(5 - first.weekday()) % 7 + 7)
    return saturday - datetime.timedelta(days=1), saturday + datetime.timedelta(days=1)


def next_edition_year(*, today: datetime.date) -> int:
    """The year of the first edition that has not begun on ``today``."""
    return today.year if edition_dates(today.year)[0] > today else today.year + 1


def _ordinal(year: int) -> str:
    number = year - FIRST_YEAR + 1
    return "1re" if number == 1 else f"{number}e"


def _intro(year: int, theme: str, *, upcoming: bool) -> str:
    start, end = edition_dates(year)
    if upcoming:
        return (
            f"<p>Du vendredi {start.day} au dimanche {end.day} juin {year}, la Base 11/19, "
            f"les terrils jumeaux et les cités de Loos-en-Gohelle accueillent la "
            f"{_ordinal(year)} édition des Gohelliades, sur le thème « {theme} ». Habitants, "
            "associations et artistes invités y font vivre la mémoire de la mine : concerts, "
            "balades, ateliers, théâtre et grandes tablées.</p>"
        )
    story = THEME_STORIES[(year - FIRST_YEAR) % len(THEME_STORIES)]
    return (
        f"<p>En juin {year}, la {_ordinal(year)} édition des Gohelliades avait pour thème "
        f"« {theme} ». {story}</p>"
    )


VOLUNTEER_CALL = (
    "<p>Accueillir le public, servir à la buvette, guider une balade sur les terrils : "
    "rejoignez l'équipe des bénévoles, pour un créneau ou pour tout le week-end. Aucune "
    "expérience n'est demandée, on vous accompagne.</p>"
)


def _poster(year: int, theme: str):
    return demo_image(
        title=f"Affiche des Gohelliades {year}",
        alt_text=f"Affiche des Gohelliades {year} : « {theme} », au-dessus des terrils et "
        "d'un chevalement.",
        seed=10_000 + year,
        credit="Ville de Loos-en-Gohelle",
        date_taken=str(year),
        poster=(str(year), theme),
    )


def ensure_festival_index(home: Page) -> FestivalIndexPage:
    """The festival under ``home`` (the site's home page, which the orchestrator made)."""
    index = FestivalIndexPage.objects.first()
    if index is None:
        index = home.add_child(
            instance=FestivalIndexPage(
                title="Les Gohelliades",
                slug="gohelliades",
                show_in_menus=True,
                intro="Chaque année depuis 1984, la ville met en scène la mémoire de la mine "
                "avec ses habitants : spectacles, balades sur les terrils, expositions, "
                "concerts et récits.",
            )
        )
        index.save_revision().publish()
    return index


def ensure_editions(index: FestivalIndexPage, *, today: datetime.date) -> Iterator[EditionPage]:
    """Create each missing edition up to the next one, yielding as it goes (for progress)."""
    upcoming_year = next_edition_year(today=today)
    for year in range(FIRST_YEAR, upcoming_year + 1):
        edition = EditionPage.objects.filter(year=year).first()
        theme = THEMES[(year - FIRST_YEAR) % len(THEMES)]
        if edition is None:
            start, end = edition_dates(year)
            upcoming = year == upcoming_year
            edition = index.add_child(
                instance=EditionPage(
                    title=f"Gohelliades {year}",
                    slug=str(year),
                    year=year,
                    start_date=start,
                    end_date=end,
                    theme=theme,
                    intro=_intro(year, theme, upcoming=upcoming),
                    volunteer_call=VOLUNTEER_CALL if upcoming else "",
                    image=_poster(year, theme),
                )
            )
            edition.save_revision().publish()
        elif edition.image_id is None:
            # A demo loaded before editions had posters: give it one.
            edition.image = _poster(year, theme)
            edition.save_revision().publish()
        yield edition


def edition_count(*, today: datetime.date) -> int:
    return next_edition_year(today=today) - FIRST_YEAR + 1


# Real places of Loos-en-Gohelle; positions are approximate (to the street), for the demo map.
VENUES = [
    {
        "slug": "base-11-19",
        "name": "Base 11/19",
        "address": "Rue de Bourgogne",
        "latitude": "50.446900",
        "longitude": "2.781900",
        "wheelchair_accessible": True,
        "description": "L'ancien carreau de fosse, aujourd'hui lieu de culture et d'écologie.",
        "accessibility_details": "Parking réservé devant la grande halle, sol plat et "
        "toilettes adaptées. Boucle magnétique à l'accueil.",
    },
    {
        "slug": "terrils-jumeaux",
        "name": "Les terrils jumeaux",
        "address": "Chemin des terrils, départ de la Base 11/19",
        "latitude": "50.444200",
        "longitude": "2.776000",
        "wheelchair_accessible": False,
        "description": "Les deux terrils coniques du 11/19, parmi les plus hauts d'Europe.",
        "accessibility_details": "Montée raide sur schiste : chaussures fermées. Le pied du "
        "terril et son belvédère bas restent accessibles en fauteuil accompagné.",
    },
    {
        "slug": "eglise-saint-vaast",
        "name": "Église Saint-Vaast",
        "address": "Place de la République",
        "latitude": "50.457800",
        "longitude": "2.792300",
        "wheelchair_accessible": True,
        "description": "L'église du centre, reconstruite après la Grande Guerre.",
        "accessibility_details": "Rampe d'accès par la porte latérale, places réservées à l'avant.",
    },
    {
        "slug": "cite-des-provinces",
        "name": "Cité des Provinces",
        "address": "Rue de Picardie",
        "latitude": "50.450300",
        "longitude": "2.785600",
        "wheelchair_accessible": True,
        "description": "La cité minière des mineurs du 11/19, ses jardins et ses corons.",
        "accessibility_details": "Trottoirs étroits par endroits ; parcours adapté fléché.",
    },
    {
        "slug": "cite-12",
        "name": "Cité du 12",
        "address": "Rue Léon Blum",
        "latitude": "50.461200",
        "longitude": "2.800100",
        "wheelchair_accessible": True,
        "description": "Cité pavillonnaire de la fosse 12, fête des voisins et jardins ouvriers.",
        "accessibility_details": "Plain-pied, stationnement facile.",
    },
    {
        "slug": "place-de-la-republique",
        "name": "Place de la République",
        "address": "Place de la République",
        "latitude": "50.458300",
        "longitude": "2.791500",
        "wheelchair_accessible": True,
        "description": "Le cœur du bourg, devant l'hôtel de ville : la grande scène du soir.",
        "accessibility_details": "Espace réservé devant la scène, toilettes adaptées mobiles.",
    },
]

# title, category, audience, venue, day (0 = Friday), hour, minute, minutes, price ("" = free)
PROGRAMME = [
    ("Ouverture en fanfare", "concert", "everyone", "place-de-la-republique", 0, 19, 0, 60, ""),
    ("Le chant des galibots", "concert", "everyone", "eglise-saint-vaast", 0, 20, 30, 75, "8 €"),
    ("Cinéma sous le chevalement", "screening", "everyone", "base-11-19", 0, 22, 0, 110, ""),
    ("Lever de soleil sur le terril", "walk", "adults", "terrils-jumeaux", 1, 6, 0, 120, ""),
    ("Petit déjeuner des corons", "feast", "families", "cite-des-provinces", 1, 9, 0, 90, ""),
    ("Atelier lampes de mineur", "workshop", "children", "base-11-19", 1, 10, 0, 90, ""),
    ("Balade botanique du terril", "walk", "everyone", "terrils-jumeaux", 1, 10, 30, 120, ""),
    ("Mémoires de la lampisterie", "exhibition", "everyone", "base-11-19", 1, 10, 0, 480, ""),
    ("Ch'ti TAIDx : l'énergie d'après", "talk", "adults", "base-11-19", 1, 14, 0, 90, ""),
    ("Le grand récit du 11/19", "theatre", "everyone", "base-11-19", 1, 15, 30, 90, "5 €"),
    (
        "Atelier land art au pied du terril",
        "land_art",
        "families",
        "terrils-jumeaux",
        1,
        14,
        30,
        150,
        "",
    ),
    ("Contes du coron", "theatre", "children", "cite-des-provinces", 1, 16, 0, 45, ""),
    ("Goûter partagé de la cité", "feast", "families", "cite-12", 1, 16, 30, 90, ""),
    ("Harmonie municipale", "concert", "everyone", "place-de-la-republique", 1, 18, 0, 60, ""),
    ("Chorale des anciens mineurs", "concert", "everyone", "eglise-saint-vaast", 1, 18, 30, 60, ""),
    (
        "Bal de la Sainte-Barbe d'été",
        "concert",
        "everyone",
        "place-de-la-republique",
        1,
        21,
        0,
        180,
        "",
    ),
    ("Théâtre d'objets : la gamelle", "theatre", "children", "base-11-19", 1, 11, 0, 40, "3 €"),
    ("Portraits de mineurs, projection", "screening", "adults", "base-11-19", 1, 17, 0, 80, ""),
    ("Course des terrils", "walk", "adults", "terrils-jumeaux", 2, 8, 30, 150, "10 €"),
    (
        "Messe et harmonie de la Sainte-Barbe",
        "concert",
        "everyone",
        "eglise-saint-vaast",
        2,
        10,
        0,
        75,
        "",
    ),
    ("Jardins ouverts de la cité", "walk", "everyone", "cite-12", 2, 10, 0, 240, ""),
    (
        "Atelier vannerie et schiste",
        "workshop",
        "adults",
        "cite-des-provinces",
        2,
        10,
        30,
        120,
        "5 €",
    ),
    ("Ch'ti TAIDx : habiter la cité", "talk", "everyone", "base-11-19", 2, 11, 0, 90, ""),
    ("Banquet républicain", "feast", "everyone", "place-de-la-republique", 2, 12, 30, 150, "12 €"),
    (
        "Spectacle de marionnettes du carreau",
        "theatre",
        "children",
        "base-11-19",
        2,
        14,
        30,
        50,
        "3 €",
    ),
    (
        "Land art : la ligne des terrils",
        "land_art",
        "everyone",
        "terrils-jumeaux",
        2,
        15,
        0,
        120,
        "",
    ),
    (
        "Récits de femmes du carreau",
        "theatre",
        "adults",
        "eglise-saint-vaast",
        2,
        15,
        30,
        80,
        "5 €",
    ),
    (
        "Visite de la cité avec ses habitants",
        "walk",
        "everyone",
        "cite-des-provinces",
        2,
        16,
        0,
        90,
        "",
    ),
    ("Concert de clôture", "concert", "everyone", "base-11-19", 2, 18, 0, 120, ""),
    (
        "Exposition photo : 40 ans de fête",
        "exhibition",
        "everyone",
        "eglise-saint-vaast",
        0,
        17,
        0,
        240,
        "",
    ),
]

# name, kind, and how a sentence names them after « avec »
PERFORMERS = [
    ("Harmonie municipale de Loos-en-Gohelle", "association", "l'harmonie municipale"),
    (
        "Les habitants de la cité des Provinces",
        "resident",
        "les habitants de la cité des Provinces",
    ),
    ("Compagnie du Carreau", "artist", "la compagnie du Carreau"),
    ("Club de randonnée de la Gohelle", "association", "le club de randonnée de la Gohelle"),
    ("Chorale Sainte-Barbe", "association", "la chorale Sainte-Barbe"),
]

# What each kind of event is, in a few lines: {where} is the venue with its preposition,
# {with_whom} the performer.
CATEGORY_TEXTS = {
    "concert": "Airs de fanfare, chansons de la mine et valses de la ducasse {where}, avec "
    "{with_whom}. Les enfants sont les bienvenus devant la scène.",
    "walk": "Départ {where}, en petit groupe, avec {with_whom}. Prévoyez de bonnes chaussures "
    "et de l'eau : on s'arrête souvent pour écouter un souvenir.",
    "screening": "Une projection en plein air {where}, présentée avec {with_whom}. Apportez "
    "un coussin, les bancs sont en bois.",
    "workshop": "Un atelier {where}, en petits groupes, avec {with_whom}. Tout le matériel est "
    "fourni et chacun repart avec ce qu'il a fabriqué.",
    "feast": "Chacun apporte un plat, on s'installe {where} à la grande table, avec "
    "{with_whom}. Le café est offert.",
    "theatre": "Une pièce écrite à partir des souvenirs confiés à l'archive, jouée {where} "
    "avec {with_whom}.",
    "exhibition": "Photographies, objets prêtés par les familles et récits à écouter : une "
    "exposition {where}, préparée avec {with_whom}.",
    "talk": "Des habitants racontent {where} un projet mené avec la ville, dix minutes "
    "chacun, puis la salle pose ses questions. Avec {with_whom}.",
    "land_art": "On dessine {where} avec les pierres de schiste, le bois et la terre, avec "
    "{with_whom}. Ouvert à tous, sans inscription.",
}

# The drawing of each kind of event (``media.demo.DRAWINGS``), so cards differ at a glance.
CATEGORY_MOTIFS = {
    "concert": "stage",
    "walk": "walkers",
    "screening": "screen",
    "workshop": "workshop",
    "feast": "table",
    "theatre": "stage",
    "exhibition": "frames",
    "talk": "lectern",
    "land_art": "stones",
}


def ensure_venues() -> dict[str, Venue]:
    venues = {}
    for data in VENUES:
        venue, _created = Venue.objects.get_or_create(slug=data["slug"], defaults=data)
        venues[venue.slug] = venue
    return venues


def _event(
    edition: EditionPage, row: tuple, *, n: int, venues: dict[str, Venue], past: bool
) -> EventPage:
    title, category, audience, venue_slug, day, hour, minute, minutes, price = row
    start = timezone.make_aware(
        datetime.datetime.combine(
            edition.start_date + datetime.timedelta(days=day), datetime.time(hour, minute)
        )
    )
    venue = venues[venue_slug]
    where = place_where(venue.name)
    performer_name, performer_kind, with_whom = PERFORMERS[n % len(PERFORMERS)]
    summary = f"{title}, {where}" + (
        f", aux Gohelliades {edition.year}."
        if past
        else f" : un rendez-vous des Gohelliades {edition.year}."
    )
    text = CATEGORY_TEXTS[category].format(where=where, with_whom=with_whom)
    event = EventPage(
        title=title,
        slug=slugify(title),
        category=category,
        audience=audience,
        summary=summary,
        body=f"<p>{capitalise(text)}</p>",
        venue=venue,
        is_free=not price,
        price=price,
        booking_required=bool(price) or category == "workshop",
        booking_details="Accueil de la Base 11/19, 03 21 00 00 00"
        if price or category == "workshop"
        else "",
        capacity=30 if category == "workshop" else None,
        wheelchair_access=venue.wheelchair_accessible,
        sign_language=n % 7 == 0,
        audio_description=n % 11 == 0,
        quiet_space=category == "concert" and n % 2 == 0,
        image=demo_image(
            title=f"Gohelliades {edition.year} — {title}",
            alt_text=f"{title} : dessin de la scène, {where}.",
            seed=edition.year * 100 + n,
            sepia=edition.year < 1995,
            credit="Ville de Loos-en-Gohelle",
            date_taken=str(edition.year),
            motif=CATEGORY_MOTIFS[category],
        ),
    )
    event.occurrences = [
        EventOccurrence(start=start, end=start + datetime.timedelta(minutes=minutes))
    ]
    event.performers = [EventPerformer(name=performer_name, kind=performer_kind)]
    return event


def ensure_programme(
    edition: EditionPage,
    venues: dict[str, Venue],
    *,
    today: datetime.date,
    rows: list[tuple] | None = None,
) -> int:
    """The events of ``rows`` (the whole programme by default: about thirty over three
    days) under an edition that has none; returns how many were created."""
    if EventPage.objects.child_of(edition).exists():
        return 0
    rows = PROGRAMME if rows is None else rows
    past = edition.end_date < today
    created = 0
    for n, row in enumerate(rows):
        event = _event(edition, row, n=PROGRAMME.index(row), venues=venues, past=past)
        # A few gaps left on purpose in the next edition, so the admin list of gaps has
        # something to show.
        if rows is PROGRAMME and n % 6 == 5 and not past:
            event.image = None
        edition.add_child(instance=event)
        event.save_revision().publish()
        created += 1
    return created


def _past_photos(edition: EditionPage, event: EventPage) -> None:
    """Two photos of a past event, shown in its gallery."""
    for number, motif in enumerate(("landscape", CATEGORY_MOTIFS[event.category]), start=1):
        EventGalleryImage.objects.create(
            event=event,
            image=demo_image(
                title=f"Gohelliades {edition.year} — {event.title}, photo {number}",
                alt_text=f"{event.title}, pendant les Gohelliades {edition.year}.",
                seed=500_000 + edition.year * 10 + number,
                sepia=edition.year < 1995,
                credit="Club photo de Loos",
                date_taken=str(edition.year),
                motif=motif,
            ),
            caption=f"{event.title}, juin {edition.year}.",
            sort_order=number,
        )


def ensure_past_programme(
    edition: EditionPage, venues: dict[str, Venue], *, today: datetime.date
) -> int:
    """A few events of an older edition; returns the events created."""
    rows = random.Random(edition.year).sample(PROGRAMME, PAST_EVENTS)
    return ensure_programme(edition, venues, today=today, rows=rows)


def ensure_programmes(*, today: datetime.date) -> int:
    """Venues; the whole programme of the next edition and the latest past one, a few
    events for the older ones; the first event of each past edition has its photos.
    Returns the events created."""
    venues = ensure_venues()
    upcoming_year = next_edition_year(today=today)
    created = 0
    for edition in EditionPage.objects.filter(year__lte=upcoming_year).order_by("year"):
        if edition.year >= upcoming_year - 1:
            made = ensure_programme(edition, venues, today=today)
        else:
            made = ensure_past_programme(edition, venues, today=today)
        if made and edition.end_date < today:
            _past_photos(edition, EventPage.objects.child_of(edition).first().specific)
        created += made
    return created


def ensure_next_edition_shifts(*, today: datetime.date, now: datetime.datetime | None = None):
    """The volunteer shifts of the next edition, with a few sign-ups; returns the edition."""
    edition = EditionPage.objects.get(year=next_edition_year(today=today))
    ensure_shifts(edition, now=now)
    return edition


@transaction.atomic
def demo_edition_move_to(*, day: datetime.date) -> tuple[EditionPage | None, int]:
    """Move the edition under way or coming next so that ``day`` is its second day: its
    dates, its events' occurrences and its volunteer shifts, at the same local times.

    Shows the site as during the festival ("en ce moment / à suivre", shifts under way).
    Returns the edition and the days it moved (0 when it already runs so: safe to repeat)."""
    edition = current_edition(today=day)
    if edition is None:
        return None, 0
    days = (day - (edition.start_date + datetime.timedelta(days=1))).days
    if days == 0:
        return edition, 0
    delta = datetime.timedelta(days=days)
    for occurrence in EventOccurrence.objects.filter(event__in=EventPage.objects.child_of(edition)):
        occurrence.start = shift_local(occurrence.start, days=days)
        occurrence.end = shift_local(occurrence.end, days=days)
        occurrence.save(update_fields=["start", "end"])
    for shift in Shift.objects.filter(edition=edition):
        shift.start = shift_local(shift.start, days=days)
        shift.end = shift_local(shift.end, days=days)
        shift.save(update_fields=["start", "end"])
    # The published revisions must carry the new dates, or the next publication would undo them.
    for event in EventPage.objects.child_of(edition).live().specific():
        event.save_revision().publish()
    edition = EditionPage.objects.get(pk=edition.pk)
    edition.start_date += delta
    edition.end_date += delta
    edition.save_revision().publish()
    return edition, days
