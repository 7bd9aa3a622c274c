"""Archive content for the search tests, built with the project's factories."""

from search import services
from tests.factories.archive import ArchiveIndexPageFactory, ArchiveItemPageFactory, PlaceFactory


def archive_index(home):
    return ArchiveIndexPageFactory(parent=home)


def item(index, **fields):
    """A published archive item (factories create live pages without a revision)."""
    return ArchiveItemPageFactory(parent=index, **fields)


CHURCH = {
    "title": "Le jour de la Sainte-Barbe à l'église Saint-Vaast",
    "summary": "La fanfare défilait jusqu'à l'église Saint-Vaast.",
    "date_label": "1962",
    "year_start": 1962,
    "year_end": 1962,
}
MINER = {
    "title": "Quand mon père est descendu pour la première fois",
    "summary": "Il était mineur de fond à la fosse 11, au poste du matin.",
    "kind": "oral_history",
    "date_label": "1955",
    "year_start": 1955,
    "year_end": 1955,
}
SPOIL_TIP = {
    "title": "Le dimanche sur le terril",
    "summary": "Les familles montaient sur le terril pour voir jusqu'à Lens.",
    "kind": "photo",
    "date_label": "1971",
    "year_start": 1971,
    "year_end": 1971,
}
# Titles that begin with what visitors type first (the completion suggester works on them).
CHURCH_BELLS = {
    "title": "L'église Saint-Vaast et ses cloches",
    "summary": "Les cloches sonnaient à toute volée le jour de la ducasse.",
    "kind": "photo",
    "date_label": "1948",
    "year_start": 1948,
    "year_end": 1948,
}
MINERS_PORTRAIT = {
    "title": "Mineurs de la fosse 11 à la sortie du poste",
    "summary": "Un portrait de groupe devant la lampisterie, les visages encore noirs.",
    "kind": "photo",
    "date_label": "1958",
    "year_start": 1958,
    "year_end": 1958,
}

# Two places 4 km apart: the 11/19 pit at Loos-en-Gohelle and the centre of Lens.
PIT_11_19 = {"name": "Base 11/19", "slug": "base-11-19", "latitude": 50.4574, "longitude": 2.7930}
LENS = {
    "name": "Centre de Lens",
    "slug": "centre-de-lens",
    "latitude": 50.4320,
    "longitude": 2.8330,
}


def place(**fields):
    return PlaceFactory(**fields)


def item_at(index, places, **fields):
    """A published archive item pinned to ``places`` (saved again: they are parental)."""
    page = item(index, **fields)
    page.places.set(places)
    page.save()
    return page


def mapped_archive(home):
    """The miner's story at the 11/19, the slag heap photo in Lens (4 km away), the church
    nowhere on the map, all indexed; returns the archive's index page."""
    index = archive_index(home)
    item_at(index, [place(**PIT_11_19)], **MINER)
    item_at(index, [place(**LENS)], **SPOIL_TIP)
    item(index, **CHURCH)
    services.index_rebuild()
    return index


def indexed_archive(home):
    """The church, the miner and the slag heap under a new archive index, indexed; returns
    the index and the items by name (« church », « miner », « tip »)."""
    index = archive_index(home)
    items = {
        name: item(index, **fields)
        for name, fields in (("church", CHURCH), ("miner", MINER), ("tip", SPOIL_TIP))
    }
    services.index_rebuild()
    return index, items
