"""The demo writes places as French does: the article agreed, « à » and « de » contracted."""

import pytest

from media.demo_text import capitalise, place_where, place_with, with_article


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Église Saint-Vaast", "à l'église Saint-Vaast"),
        ("Les terrils jumeaux", "aux terrils jumeaux"),
        ("le carreau de la fosse 12", "au carreau de la fosse 12"),
        ("Base 11/19", "à la Base 11/19"),
        ("Cité des Provinces", "à la cité des Provinces"),
        ("Loos-en-Gohelle", "à Loos-en-Gohelle"),
    ],
)
def test_place_with_a_contracts_and_agrees(name, expected):
    assert place_with("à", name) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Les terrils jumeaux", "des terrils jumeaux"),
        ("Carreau de la fosse 12", "du carreau de la fosse 12"),
        ("École Jules-Ferry", "de l'école Jules-Ferry"),
        ("Arras", "d'Arras"),
        ("mon père", "de mon père"),
    ],
)
def test_place_with_de_contracts_and_elides(name, expected):
    assert place_with("de", name) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Les terrils jumeaux", "sur les terrils jumeaux"),
        ("Cité du 12", "dans la cité du 12"),
        ("Place de la République", "sur la place de la République"),
        ("Église Saint-Vaast", "à l'église Saint-Vaast"),
    ],
)
def test_place_where_takes_the_natural_preposition(name, expected):
    assert place_where(name) == expected


def test_with_article_keeps_a_proper_name_capitalised():
    assert with_article("Base 11/19") == "la Base 11/19"
    assert with_article("Église Saint-Vaast") == "l'église Saint-Vaast"


def test_capitalise_keeps_the_rest_as_written():
    assert capitalise("à la Base 11/19") == "À la Base 11/19"
