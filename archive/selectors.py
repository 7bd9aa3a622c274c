"""Reads of the archive for pages and feeds: only what is live, public and not withdrawn."""

from django.db.models import Count, Prefetch, Q, QuerySet
from django.db.models.functions import ExtractYear
from django.shortcuts import get_object_or_404

from archive.models import (
    AdditionStatus,
    ArchiveCollection,
    ArchiveItemImage,
    ArchiveItemPage,
    Contribution,
    ContributionStatus,
    Place,
    ResidentAddition,
    Theme,
)


def public_items() -> QuerySet[ArchiveItemPage]:
    return ArchiveItemPage.objects.live().public().select_related("cover_image")


def featured_items(*, limit: int = 6) -> list[ArchiveItemPage]:
    return list(public_items().filter(featured=True).order_by("-first_published_at")[:limit])


def recent_items(*, limit: int = 12) -> list[ArchiveItemPage]:
    return list(public_items().order_by("-first_published_at")[:limit])


def _live_count(relation: str) -> Count:
    return Count(
        relation,
        filter=Q(**{f"{relation}__live": True, f"{relation}__view_restrictions__isnull": True}),
        distinct=True,
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


def item_detail_relations(*, item: ArchiveItemPage) -> dict:
    """What the item page shows besides the item: gallery, places, related items, additions."""
    return {
        "gallery": list(
            ArchiveItemImage.objects.filter(page=item)
            .select_related("image")
            .order_by("sort_order")
        ),
        "places": list(item.places.all()),
        "themes": list(item.themes.all()),
        "related": list(
            public_items().filter(pk__in=item.related_items.values("pk")).order_by("title")
        ),
        "additions": list(
            ResidentAddition.objects.filter(item=item, status=AdditionStatus.PUBLISHED).order_by(
                "created_at"
            )
        ),
    }


def pending_contributions(*, status: str | None = None) -> QuerySet[Contribution]:
    """For editors: what waits for a decision, oldest first."""
    statuses = (
        [status]
        if status
        else [
            ContributionStatus.RECEIVED,
            ContributionStatus.FAILED,
            ContributionStatus.IN_REVIEW,
            ContributionStatus.CHANGES_REQUESTED,
        ]
    )
    return (
        Contribution.objects.filter(status__in=statuses)
        .select_related("item", "place")
        .prefetch_related(Prefetch("files"))
        .order_by("created_at")
    )


def contributions_to_retry(*, received_before=None) -> QuerySet[Contribution]:
    """Failed contributions, and those received (before ``received_before``) but never processed."""
    waiting = Q(status=ContributionStatus.RECEIVED)
    if received_before is not None:
        waiting &= Q(created_at__lt=received_before)
    return Contribution.objects.filter(waiting | Q(status=ContributionStatus.FAILED)).order_by(
        "created_at"
    )


def contribution_from_token(*, token: str):
    """``(contribution, withdrawal)`` named by a status link; both ``None`` if it is forged."""
    from django.core import signing

    from archive.models import Withdrawal
    from archive.services import STATUS_SALT

    try:
        reference = signing.loads(token, salt=STATUS_SALT)
    except signing.BadSignature:
        return None, None
    contribution = (
        Contribution.objects.filter(public_id=reference)
        .select_related("item", "place")
        .prefetch_related("themes")
        .first()
    )
    if contribution is not None:
        return contribution, None
    return None, Withdrawal.objects.filter(reference=reference).first()
