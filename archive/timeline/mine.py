"""Key dates of the mine at Loos-en-Gohelle and around it, shown on the archive's timeline.

Kept to facts of public record; a date belongs here only if it is sure. Each sentence is short
and French, translated like any other string."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class KeyDate:
    year: int
    text: str | Promise


MINE_KEY_DATES: tuple[KeyDate, ...] = (
    KeyDate(1891, _("La Compagnie des mines de Lens commence le fonçage de la fosse 11 à Loos.")),
    KeyDate(1894, _("La fosse 11 commence à extraire du charbon.")),
    KeyDate(
        1906,
        _(
            "Le 10 mars, la catastrophe de Courrières, toute proche, fait 1 099 morts : "
            "la plus grave catastrophe minière d’Europe."
        ),
    ),
    KeyDate(
        1941,
        _(
            "Du 27 mai au 9 juin, les mineurs du Nord et du Pas-de-Calais font grève "
            "contre l’occupant."
        ),
    ),
    KeyDate(1946, _("Les mines sont nationalisées : naissent les Houillères du Bassin.")),
    KeyDate(1948, _("À l’automne, la grande grève des mineurs est durement réprimée.")),
    KeyDate(
        1960,
        _(
            "Le puits 19 entre en service à côté de la fosse 11 ; son chevalement de béton "
            "domine encore le site."
        ),
    ),
    KeyDate(
        1986,
        _(
            "La fosse 11/19 ferme. Son carreau deviendra la Base 11/19, lieu de culture et "
            "d’écologie."
        ),
    ),
    KeyDate(
        1990,
        _("Le 21 décembre, la dernière gaillette du Bassin minier est remontée à Oignies."),
    ),
    KeyDate(
        2012,
        _(
            "Le 30 juin, le Bassin minier du Nord-Pas-de-Calais est inscrit au patrimoine "
            "mondial de l’UNESCO ; le 11/19 et ses terrils jumeaux en font partie."
        ),
    ),
)
