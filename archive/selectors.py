"""Reads of the archive for pages and feeds: only what is live, public and not withdrawn.

Imported by the index page (``archive.models.index``), so it reads the item and snippet
modules themselves, never the ``archive.models`` package that imports the index."""

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import ExtractYear
from django.shortcuts import get_object_or_404
from django.utils.text import slugify
from wagtail.permission_policies.pages import PagePermissionPolicy

from archive.contributions.selectors import files_contributed
from archive.models.pages import ArchiveItemPage
from archive.models.snippets import ArchiveCollection, Place, Theme


def public_items() -> QuerySet[ArchiveItemPage]:
    """What the public sees of the archive, for every channel (pages, lists, counts, search
    and autocomplete, sitemap, transcripts, captions, additions): the one rule, stated by
    ``ArchiveItemQuerySet.for_the_public`` (live, public, every contributor allowed the web),
    with the cover image every list shows."""
    return ArchiveItemPage.objects.for_the_public().select_related("cover_image")


def featured_items(*, limit: int = 6) -> list[ArchiveItemPage]:
    return list(public_items().filter(featured=True).order_by("-first_published_at")[:limit])


def recent_items(*, limit: int = 12) -> list[ArchiveItemPage]:
    return list(public_items().order_by("-first_published_at")[:limit])


def _live_count(relation: str) -> Count:
    """How many of the related items the public sees: ``public_items`` itself (a restriction
    on the archive's index hides its items as much as one on the item)."""
    return Count(
        relation, filter=Q(**{f"{relation}__in": public_items().values("pk")}), distinct=True
    )


def themes_with_counts() -> list[Theme]:
    return list(Theme.objects.annotate(item_count=_live_count("items")).order_by("name"))


def places_with_counts() -> list[Place]:
    return list(Place.objects.annotate(item_count=_live_count("items")).order_by("name"))


def collections_with_counts() -> list[ArchiveCollection]:
    return list(
        ArchiveCollection.objects.annotate(item_count=_live_count("items")).order_by("name")
    )


def decades_with_counts() -> list[dict]:
    """Each decade that has items, oldest first: ``{"decade": 1950, "count": 12}``."""
    years = (
        public_items()
        .filter(date_start__isnull=False)
        .annotate(year=ExtractYear("date_start"))
        .values_list("year", flat=True)
    )
    counts: dict[int, int] = {}
    for year in years:
        decade = year // 10 * 10
        counts[decade] = counts.get(decade, 0) + 1
    return [{"decade": decade, "count": counts[decade]} for decade in sorted(counts)]


def theme_by_slug(*, slug: str) -> Theme:
    return get_object_or_404(Theme, slug=slug)


def place_by_slug(*, slug: str) -> Place:
    return get_object_or_404(Place, slug=slug)


def collection_by_slug(*, slug: str) -> ArchiveCollection:
    return get_object_or_404(ArchiveCollection, slug=slug)


def _chronological(items: QuerySet[ArchiveItemPage]) -> QuerySet[ArchiveItemPage]:
    return items.order_by("date_start", "title")


def items_for_theme(*, theme: Theme) -> QuerySet[ArchiveItemPage]:
    return _chronological(public_items().filter(themes=theme))


def items_for_place(*, place: Place) -> QuerySet[ArchiveItemPage]:
    return _chronological(public_items().filter(places=place))


def items_for_collection(*, collection: ArchiveCollection) -> QuerySet[ArchiveItemPage]:
    return _chronological(public_items().filter(collection=collection))


def items_for_decade(*, decade: int) -> QuerySet[ArchiveItemPage]:
    return _chronological(
        public_items().filter(date_start__year__gte=decade, date_start__year__lt=decade + 10)
    )


def items_covering_year(*, year: int) -> QuerySet[ArchiveItemPage]:
    """Public items whose dates cover ``year`` (« 1984 », « années 1980 »), oldest first: what a
    festival edition shows of its year."""
    return _chronological(
        public_items().filter(date_start__year__lte=year, date_end__year__gte=year)
    )


def collection_for_edition(*, year: int, title: str, slug: str) -> ArchiveCollection | None:
    """The collection named after a festival edition (« Gohelliades 1984 »), if there is one:
    its name or address is the edition's title, address or ``gohelliades-<year>``."""
    return (
        ArchiveCollection.objects.filter(
            Q(name__iexact=title) | Q(slug__in=[slug, slugify(title), f"gohelliades-{year}"])
        )
        .order_by("pk")
        .first()
    )


def files_held_back(*, kind: str, ids: set[int]) -> set[int]:
    """The photos (``kind="image"``) or recordings (``"media_file"``) among ``ids`` that
    archive items use while none of those items is public: their files are not served
    (``media.visibility``), like the items. A resident's photo or recording is held back
    wherever it is filed (a photo moved by hand or in bulk out of the private collections,
    into the root or the public one) until a public item shows it, and always when its
    contribution rules out the web. Other files no item uses are not ours to judge."""
    if not ids:
        return set()
    if kind not in ("image", "media_file"):
        return set()
    contributed = files_contributed(kind=kind, ids=ids)
    # owner id -> the items using it; a resident's file no item uses is held back too
    users: dict[int, set[int]] = {file_id: set() for file_id in contributed}
    if kind == "image":
        pairs = [
            *ArchiveItemPage.objects.filter(cover_image__in=ids).values_list("cover_image", "pk"),
            *ArchiveItemPage.objects.filter(gallery_images__image__in=ids).values_list(
                "gallery_images__image", "pk"
            ),
        ]
    else:
        pairs = [
            *ArchiveItemPage.objects.filter(media_file__in=ids).values_list("media_file", "pk"),
            *ArchiveItemPage.objects.filter(interview__tapes__media_file__in=ids).values_list(
                "interview__tapes__media_file", "pk"
            ),
        ]
    for owner_id, item_id in pairs:
        users.setdefault(owner_id, set()).add(item_id)
    shown = set(
        ArchiveItemPage.objects.for_the_public()
        .filter(pk__in={item for items in users.values() for item in items})
        .values_list("pk", flat=True)
    )
    held = {owner_id for owner_id, items in users.items() if not items & shown}
    return held | {file_id for file_id, web in contributed.items() if not web}


def files_seen_by_editors(*, user, kind: str, ids: set[int]) -> set[int]:
    """The recordings among ``ids`` that ``user`` hears in the admin while their items are
    hidden: the moderators, and whoever may edit pages (a draft's preview plays them). Photos
    go by Wagtail's collection permissions (``media.visibility.seen_in_admin``)."""
    if kind != "media_file" or not ids:
        return set()
    if user.has_perm(
        "archive.change_contribution"
    ) or PagePermissionPolicy().user_has_any_permission(user, ["change", "publish"]):
        return set(ids)
    return set()
