"""French the demo writes about places: « à l'église Saint-Vaast », « aux terrils jumeaux ».

Place names are stored as people read them on a sign (« Église Saint-Vaast », « Les terrils
jumeaux », « Base 11/19 »); a sentence needs the article, agreed with the noun, and the
contraction French makes with « à » and « de » (« au », « aux », « du », « des »)."""

import re

# The common noun a place name starts with: its article, whether it is lowercased inside a
# sentence (« l'église Saint-Vaast », but « la Base 11/19 »: the town writes it so), and the
# preposition that says "there" most naturally (« dans la cité », « sur la place »).
NOUNS: dict[str, tuple[str, bool, str]] = {
    "base": ("la", False, "à"),
    "carreau": ("le", True, "sur"),
    "chemin": ("le", True, "sur"),
    "cité": ("la", True, "dans"),
    "école": ("l'", True, "à"),
    "église": ("l'", True, "à"),
    "fosse": ("la", True, "à"),
    "hôtel": ("l'", True, "à"),
    "jardins": ("les", True, "dans"),
    "maison": ("la", True, "à"),
    "parc": ("le", True, "dans"),
    "place": ("la", True, "sur"),
    "rue": ("la", True, "dans"),
    "salle": ("la", True, "à"),
    "stade": ("le", True, "à"),
    "terril": ("le", True, "sur"),
    "terrils": ("les", True, "sur"),
}

ARTICLES = ("les ", "le ", "la ", "l'", "l’")
CONTRACTIONS = {
    ("à", "le"): "au",
    ("à", "les"): "aux",
    ("de", "le"): "du",
    ("de", "les"): "des",
}


def _split(name: str) -> tuple[str, str]:
    """(article, rest) of a place name; the article is "" for a town or a proper name."""
    name = name.strip()
    lowered = name.lower()
    for article in ARTICLES:
        if lowered.startswith(article):
            return article.strip().replace("’", "'"), name[len(article) :].lstrip()
    first = re.split(r"[\s'’-]", lowered, maxsplit=1)[0]
    if first in NOUNS:
        article, lowercase, _where = NOUNS[first]
        rest = name[0].lower() + name[1:] if lowercase else name
        return article, rest
    return "", name


def _noun(name: str) -> str:
    article, rest = _split(name)
    return re.split(r"[\s'’-]", rest.lower(), maxsplit=1)[0] if article else ""


def with_article(name: str) -> str:
    """« Église Saint-Vaast » → « l'église Saint-Vaast »; a town keeps its bare name."""
    article, rest = _split(name)
    if not article:
        return rest
    return f"{article}{rest}" if article == "l'" else f"{article} {rest}"


def place_with(preposition: str, name: str) -> str:
    """The preposition, the article and the name, contracted as French requires:
    ``place_with("à", "Les terrils jumeaux")`` → « aux terrils jumeaux »,
    ``place_with("de", "Carreau de la fosse 12")`` → « du carreau de la fosse 12 »."""
    article, rest = _split(name)
    contracted = CONTRACTIONS.get((preposition, article))
    if contracted:
        return f"{contracted} {rest}"
    if preposition == "de" and not article and rest[:1].lower() in "aeiouyhéèêâîô":
        return f"d'{rest}"
    return f"{preposition} {with_article(name)}"


def place_where(name: str) -> str:
    """The natural way to say "there": « à l'église Saint-Vaast », « sur les terrils
    jumeaux », « dans la cité des Provinces », « à Loos-en-Gohelle »."""
    noun = _noun(name)
    preposition = NOUNS[noun][2] if noun in NOUNS else "à"
    return place_with(preposition, name)


def capitalise(text: str) -> str:
    """The first letter up, the rest as written (``str.capitalize`` would lower the rest)."""
    return text[:1].upper() + text[1:]
