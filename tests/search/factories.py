"""Archive content for the search tests, built with the project's factories."""

from tests.factories.archive import ArchiveIndexPageFactory, ArchiveItemPageFactory


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
