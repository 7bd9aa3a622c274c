"""Demo content of the festival: every edition of the Gohelliades since 1984."""

import datetime
from collections.abc import Iterator

from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Page

from festival.models import (
    EditionPage,
    EventOccurrence,
    EventPage,
    EventPerformer,
    FestivalIndexPage,
    Venue,
)
from media.demo import demo_image

FIRST_YEAR = 1984
LAST_YEAR = 2026

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


def _second_saturday_of_june(year: int) -> datetime.date:
    first = datetime.date(year, 6, 1)
    first_saturday = first + datetime.timedelta(days=(5 - first.weekday()) % 7)
    return first_saturday + datetime.timedelta(days=7)


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


def ensure_editions(index: FestivalIndexPage) -> Iterator[EditionPage]:
    """Create each missing edition, yielding as it goes so the caller can show progress."""
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        edition = EditionPage.objects.filter(year=year).first()
        if edition is None:
            saturday = _second_saturday_of_june(year)
            theme = THEMES[(year - FIRST_YEAR) % len(THEMES)]
            recent = year >= LAST_YEAR - 1
            edition = index.add_child(
                instance=EditionPage(
                    title=f"Gohelliades {year}",
                    slug=str(year),
                    year=year,
                    start_date=saturday - datetime.timedelta(days=1),
                    end_date=saturday + datetime.timedelta(days=1),
                    theme=theme,
                    intro=(
                        f"<p>Trois jours à la Base 11/19, sur les terrils jumeaux et dans les "
                        f"cités : « {theme} ». Des habitants, des associations et des artistes "
                        f"invités font vivre la mémoire minière de Loos-en-Gohelle.</p>"
                        if recent
                        else f"<p>Édition {year} : « {theme} ».</p>"
                    ),
                    image=demo_image(
                        title=f"Affiche des Gohelliades {year}",
                        alt_text=f"Illustration de l'édition {year} : terrils et chevalement "
                        "au-dessus des maisons de la cité.",
                        seed=10_000 + year,
                        sepia=year < 2000,
                        credit="Ville de Loos-en-Gohelle",
                        date_taken=str(year),
                    )
                    if recent or year % 5 == 0
                    else None,
                )
            )
            edition.save_revision().publish()
        yield edition


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

PERFORMERS = [
    ("Harmonie municipale de Loos-en-Gohelle", "association"),
    ("Les habitants de la cité des Provinces", "resident"),
    ("Compagnie du Carreau", "artist"),
    ("Club de randonnée de la Gohelle", "association"),
    ("Chorale Sainte-Barbe", "association"),
]


def ensure_venues() -> dict[str, Venue]:
    venues = {}
    for data in VENUES:
        venue, _created = Venue.objects.get_or_create(slug=data["slug"], defaults=data)
        venues[venue.slug] = venue
    return venues


def ensure_programme(edition: EditionPage, venues: dict[str, Venue]) -> int:
    """About thirty events over the edition's three days; returns how many were created."""
    if EventPage.objects.child_of(edition).exists():
        return 0
    friday = edition.start_date
    created = 0
    for n, row in enumerate(PROGRAMME):
        title, category, audience, venue_slug, day, hour, minute, minutes, price = row
        start = timezone.make_aware(
            datetime.datetime.combine(
                friday + datetime.timedelta(days=day), datetime.time(hour, minute)
            )
        )
        venue = venues[venue_slug]
        performer_name, performer_kind = PERFORMERS[n % len(PERFORMERS)]
        event = EventPage(
            title=title,
            slug=slugify(title),
            category=category,
            audience=audience,
            summary=f"{title} : un rendez-vous des Gohelliades {edition.year} à {venue.name}.",
            body=f"<p>{title}, avec {performer_name}. Un moment pour partager la mémoire "
            "minière de Loos-en-Gohelle.</p>",
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
            # A few gaps left on purpose, so the admin list of gaps has something to show.
            image=demo_image(
                title=f"Gohelliades {edition.year} — {title}",
                alt_text=f"{title} : affiche illustrée, terrils et chevalement.",
                seed=edition.year * 100 + n,
                sepia=False,
                credit="Ville de Loos-en-Gohelle",
                date_taken=str(edition.year),
            )
            if n % 6 != 5
            else None,
        )
        event.occurrences = [
            EventOccurrence(start=start, end=start + datetime.timedelta(minutes=minutes))
        ]
        event.performers = [EventPerformer(name=performer_name, kind=performer_kind)]
        edition.add_child(instance=event)
        event.save_revision().publish()
        created += 1
    return created


def ensure_recent_programmes(*, years: int = 2) -> int:
    """Venues, and a full programme for the last ``years`` editions; returns events created."""
    venues = ensure_venues()
    created = 0
    for edition in EditionPage.objects.filter(year__gt=LAST_YEAR - years):
        created += ensure_programme(edition, venues)
    return created
