"""Browsing the archive by kind (« Témoignages oraux », « Photos », « Vidéos »…), beside theme,
place, decade and collection.

The archive's own kinds read ``public_items``. Apps above the archive add kinds of their own
(the Ch'ti TAIDx's talks) through ``browse_kind_provider``, called from their ``ready()``: the
archive lists them without importing the app (a floor may not import the floors above it)."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from archive.models.pages import ArchiveItemPage, ItemKind
from archive.selectors import public_items
from media.models import MediaKind


@dataclass(frozen=True)
class BrowseKind:
    """One way in by kind: its address under ``natures/``, its name, and what it lists.

    ``filter`` narrows the archive's public items; a kind of another app gives ``items`` (what
    it lists, in order, paginated by the archive) and ``card_template`` (one entry's card)."""

    slug: str
    label: str | Promise
    description: str | Promise = ""
    filter: Q | None = None
    items: Callable[[], Sequence] | None = None
    card_template: str = "archive/includes/item_card.html"
    count: Callable[[], int] | None = field(default=None, compare=False)


# The archive's own kinds, in the order the index offers them. Videos cut across kinds (an
# interview may be filmed), so they go by the recording, not by ``ItemKind``.
ARCHIVE_KINDS = (
    BrowseKind(
        slug="temoignages-oraux",
        label=_("Témoignages oraux"),
        description=_("Des voix de la mine et des cités, à écouter."),
        filter=Q(kind=ItemKind.ORAL_HISTORY),
    ),
    BrowseKind(
        slug="photos",
        label=_("Photos"),
        description=_("Les photographies confiées par les habitants et les clubs."),
        filter=Q(kind=ItemKind.PHOTO),
    ),
    BrowseKind(
        slug="videos",
        label=_("Vidéos"),
        description=_("Des films d'hier et des entretiens filmés."),
        filter=Q(media_file__kind=MediaKind.VIDEO),
    ),
    BrowseKind(
        slug="documents",
        label=_("Documents"),
        description=_("Objets, affiches, lettres et papiers de la mine."),
        filter=Q(kind=ItemKind.OBJECT),
    ),
    BrowseKind(
        slug="souvenirs-ecrits",
        label=_("Souvenirs écrits"),
        description=_("Des souvenirs racontés par écrit."),
        filter=Q(kind=ItemKind.MEMORY),
    ),
)

_provided: list[BrowseKind] = []


def browse_kind_provider(kind: BrowseKind) -> BrowseKind:
    """Register another app's kind (with ``items``, ``card_template`` and ``count``) from its
    ``ready()``; registering it twice keeps one."""
    if kind.items is None or kind.count is None:
        raise ValueError("A kind of another app says what it lists and how many.")
    if all(known.slug != kind.slug for known in _provided):
        _provided.append(kind)
    return kind


def browse_kinds() -> list[BrowseKind]:
    return [*ARCHIVE_KINDS, *_provided]


def browse_kind_by_slug(*, slug: str) -> BrowseKind | None:
    return next((kind for kind in browse_kinds() if kind.slug == slug), None)


def kinds_with_counts() -> list[tuple[BrowseKind, int]]:
    """Every kind with how many entries the public sees: one query for the archive's own,
    one per other app's."""
    counts = public_items().aggregate(
        **{kind.slug: Count("pk", filter=kind.filter, distinct=True) for kind in ARCHIVE_KINDS}
    )
    return [
        (kind, counts[kind.slug] if kind.filter is not None else kind.count())
        for kind in browse_kinds()
    ]


def items_for_kind(*, kind: BrowseKind) -> QuerySet[ArchiveItemPage] | Sequence:
    """What the kind lists: the archive's public items of that kind, oldest first, or the
    other app's entries as it orders them."""
    if kind.filter is None:
        return kind.items()
    return public_items().filter(kind.filter).order_by("date_start", "title")
