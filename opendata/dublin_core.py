"""What an archive item is in Dublin Core: the one mapping that OAI-PMH (``oai_dc``), the
JSON-LD of item pages, the API and the bulk export all read.

Only public items go in (``archive.selectors.public_items``); the creator is the name the
contributor chose to show (``Contribution.display_name``) or the editorial credit, never a full
name kept private; the date is the item's fuzzy date as a W3CDTF year or an interval
(``1950/1959``), with the words people use beside it."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils import translation
from django.utils.translation import gettext as _

from archive.models import ArchiveItemPage, ItemKind
from archive.models.pages import item_relations
from archive.selectors import public_items
from core.links import site_root
from media.models import Licence

PUBLISHER = "Ville de Loos-en-Gohelle — Gohelliades"
LANGUAGE = "fr"

# DCMI Type Vocabulary: what a harvester files the item under.
DCMI_TYPES = {
    ItemKind.MEMORY: "Text",
    ItemKind.PHOTO: "StillImage",
    ItemKind.ORAL_HISTORY: "Sound",
    ItemKind.OBJECT: "PhysicalObject",
}
LICENCE_URLS = {
    Licence.CC_BY: "https://creativecommons.org/licenses/by/4.0/",
    Licence.CC_BY_SA: "https://creativecommons.org/licenses/by-sa/4.0/",
    Licence.CC_BY_NC: "https://creativecommons.org/licenses/by-nc/4.0/",
}


@dataclass(frozen=True)
class DublinCore:
    """The fifteen elements we fill, each a list (Dublin Core repeats any element)."""

    identifier: str  # the item's address: stable, what every format links back to
    title: list[str]
    creator: list[str] = field(default_factory=list)
    date: list[str] = field(default_factory=list)
    description: list[str] = field(default_factory=list)
    subject: list[str] = field(default_factory=list)
    coverage: list[str] = field(default_factory=list)
    type: list[str] = field(default_factory=list)
    rights: list[str] = field(default_factory=list)
    relation: list[str] = field(default_factory=list)
    publisher: list[str] = field(default_factory=lambda: [PUBLISHER])
    language: list[str] = field(default_factory=lambda: [LANGUAGE])
    format: list[str] = field(default_factory=list)
    # Not an element: when the record last changed (OAI-PMH's datestamp, the feeds' updated).
    modified: datetime.datetime | None = None

    ELEMENTS = (
        "title",
        "creator",
        "subject",
        "description",
        "publisher",
        "date",
        "type",
        "format",
        "identifier",
        "language",
        "relation",
        "coverage",
        "rights",
    )

    def elements(self) -> Iterator[tuple[str, str]]:
        """``(element, value)`` pairs in the order of the Dublin Core element set."""
        for name in self.ELEMENTS:
            values = [self.identifier] if name == "identifier" else getattr(self, name)
            for value in values:
                if value:
                    yield name, value


def _w3cdtf(item: ArchiveItemPage) -> list[str]:
    if item.year_start and item.year_end and item.year_start != item.year_end:
        return [f"{item.year_start:04d}/{item.year_end:04d}"]
    year = item.year_start or item.year_end
    if item.date_start and item.date_start == item.date_end:
        return [item.date_start.isoformat()]
    return [f"{year:04d}"] if year else []


def _decades(item: ArchiveItemPage) -> list[str]:
    if not item.year_start:
        return []
    last = item.year_end or item.year_start
    return [
        _("années %(decade)s") % {"decade": decade}
        for decade in range(item.year_start // 10 * 10, last // 10 * 10 + 1, 10)
    ]


def _creators(item: ArchiveItemPage) -> list[str]:
    names = [contribution.display_name for contribution in item.contributions.all()]
    if item.credit and item.credit not in names:
        names.append(item.credit)
    return names


def _format(item: ArchiveItemPage) -> list[str]:
    if item.media_file_id and item.media_file:
        return [item.media_file.mime_type]
    if item.cover_image_id:
        return ["image/jpeg"]
    return ["text/html"]


def item_dublin_core(*, item: ArchiveItemPage, root: str) -> DublinCore:
    """``item`` in Dublin Core; ``root`` is the site's address (``core.links.site_root``).

    Read from an item of ``dublin_core_items`` it costs no query."""
    relation = []
    if item.collection_id:
        relation.append(item.collection.name)
    relation.extend(
        f"{root}{link.event.url}" for link in item.festival_event_links.all() if link.event.live
    )
    rights = [str(item.get_licence_display())]
    if item.licence in LICENCE_URLS:
        rights.append(LICENCE_URLS[item.licence])
    with translation.override(LANGUAGE):
        return DublinCore(
            identifier=f"{root}{item.url}",
            title=[item.title],
            creator=_creators(item),
            date=[*_w3cdtf(item), item.date_label],
            description=[item.summary],
            subject=[theme.name for theme in item.themes.all()],
            coverage=[place.name for place in item.places.all()] + _decades(item),
            type=[DCMI_TYPES.get(item.kind, "Text"), str(item.get_kind_display())],
            rights=rights,
            relation=relation,
            format=_format(item),
            modified=item.last_published_at,
        )


def dublin_core_items(items: QuerySet[ArchiveItemPage] | None = None) -> QuerySet:
    """Public items with everything ``item_dublin_core`` reads, in a fixed number of queries."""
    items = public_items() if items is None else items
    return items.select_related("collection", "media_file").prefetch_related(*item_relations())


def items_dublin_core(
    *, items: Iterable[ArchiveItemPage] | None = None, site_url: str | None = None
) -> Iterator[DublinCore]:
    root = site_root(site_url)
    for item in dublin_core_items() if items is None else items:
        yield item_dublin_core(item=item, root=root)
