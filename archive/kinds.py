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
    """One way in by kind, whichever app gives it: its address under ``natures/``, its name,
    what it lists (``items``, in order, paginated by the archive), how many (``count``) and
    one entry's card.

    The archive's own kinds (``archive_kind``) also keep their ``filter`` on the public items,
    so that one query counts them all."""

    slug: str
    label: str | Promise
    items: Callable[[], QuerySet | Sequence] = field(compare=False)
    count: Callable[[], int] = field(compare=False)
    description: str | Promise = ""
    card_template: str = "archive/includes/item_card.html"
    filter: Q | None = None


def archive_kind(slug: str, label: Promise, description: Promise, condition: Q) -> BrowseKind:
    """A kind of the archive's own public items, oldest first."""

    def items() -> QuerySet[ArchiveItemPage]:
        return public_items().filter(condition).order_by("date_start", "title")

    def count() -> int:
        return public_items().filter(condition).count()

    return BrowseKind(
        slug=slug, label=label, description=description, items=items, count=count, filter=condition
    )


# The archive's own kinds, in the order the index offers them. Videos cut across kinds (an
# interview may be filmed), so they go by the recording, not by ``ItemKind``.
ARCHIVE_KINDS = (
    archive_kind(
        "temoignages-oraux",
        _("Témoignages oraux"),
        _("Des voix de la mine et des cités, à écouter."),
        Q(kind=ItemKind.ORAL_HISTORY),
    ),
    archive_kind(
        "photos",
        _("Photos"),
        _("Les photographies confiées par les habitants et les clubs."),
        Q(kind=ItemKind.PHOTO),
    ),
    archive_kind(
        "videos",
        _("Vidéos"),
        _("Des films d'hier et des entretiens filmés."),
        Q(media_file__kind=MediaKind.VIDEO),
    ),
    archive_kind(
        "documents",
        _("Documents"),
        _("Objets, affiches, lettres et papiers de la mine."),
        Q(kind=ItemKind.OBJECT),
    ),
    archive_kind(
        "souvenirs-ecrits",
        _("Souvenirs écrits"),
        _("Des souvenirs racontés par écrit."),
        Q(kind=ItemKind.MEMORY),
    ),
)

_provided: list[BrowseKind] = []


def browse_kind_provider(kind: BrowseKind) -> BrowseKind:
    """Register another app's kind from its ``ready()``; registering it twice keeps one."""
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
        (kind, counts[kind.slug] if kind.slug in counts else kind.count())
        for kind in browse_kinds()
    ]
