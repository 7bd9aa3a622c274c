"""Demo content of the festival: every edition of the Gohelliades since 1984."""

import datetime
from collections.abc import Iterator

from festival.models import EditionPage, FestivalIndexPage
from home.models import HomePage
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


def ensure_festival_index(home: HomePage) -> FestivalIndexPage:
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
