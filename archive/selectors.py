"""Reads of the archive for pages and feeds: only what is live, public and not withdrawn."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.db.models.functions import ExtractYear
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from archive.models import (
    AdditionStatus,
    ArchiveCollection,
    ArchiveItemPage,
    Contribution,
    ContributionStatus,
    Place,
    ResidentAddition,
    Theme,
)
from archive.models.contributions import NOT_FOR_THE_WEB
from core.background import oldest_and_newest_alternately, retry_wait


def public_items() -> QuerySet[ArchiveItemPage]:
    """The one rule of what the public sees of the archive, for every channel (pages, lists,
    counts, search and autocomplete, sitemap, transcripts, captions, additions): live (not a
    draft, in moderation, scheduled or under embargo), public (no view restriction on the
    item or above it), and every contributor allowed the web (never « recherche seule »).
    A withdrawn item is deleted. The item's own page and the sitemap apply the same parts
    through Wagtail (routing, privacy) and ``ArchiveItemPage.serve`` (consent).

    Publishing an item without web consent is refused (``item_publication_problems``); this
    keeps it out of every page, list and index even if it went live some other way."""
    return (
        ArchiveItemPage.objects.live()
        .public()
        .exclude(pk__in=items_not_for_the_web())
        .select_related("cover_image")
    )


def items_not_for_the_web() -> QuerySet:
    """Ids of items made from a contribution whose consent rules out the public site."""
    return (
        Contribution.objects.filter(NOT_FOR_THE_WEB, item__isnull=False)
        .values("item_id")
        .distinct()
    )


@dataclass(frozen=True)
class PublicationProblem:
    """Why an item may not go on the web yet, said to the editor in French.

    ``field`` names what to fix: ``cover_image``, ``gallery_images`` (``position`` is then the
    gallery entry, from 0) or ``""`` for the item as a whole."""

    field: str
    message: str
    position: int | None = None


def item_publication_problems(
    *, item: ArchiveItemPage, cover_image=None, gallery_images: list | None = None
) -> list[PublicationProblem]:
    """What prevents ``item`` from being published: consent, and alt text on every image.

    ``cover_image`` and ``gallery_images`` (images in gallery order, ``None`` for an empty
    entry) are what the editor is about to publish; left out, they are read from ``item``."""
    problems: list[PublicationProblem] = []
    if item.pk:
        for contribution in Contribution.objects.filter(NOT_FOR_THE_WEB, item_id=item.pk):
            if contribution.allow_research:
                message = _(
                    "La personne qui a confié « %(title)s » a choisi « recherche seulement » : "
                    "ce souvenir ne peut pas être publié sur le site."
                )
            else:
                message = _(
                    "La personne qui a confié « %(title)s » n'a pas autorisé la publication "
                    "sur le site : ce souvenir peut servir au festival ou à la recherche, "
                    "pas être publié."
                )
            problems.append(PublicationProblem("", message % {"title": contribution.title}))
    if cover_image is None and gallery_images is None:
        cover_image = item.cover_image
        gallery_images = [entry.image for entry in item.gallery_images.all()]
    if cover_image is not None and not (cover_image.description or "").strip():
        problems.append(
            PublicationProblem(
                "cover_image",
                _(
                    "L'image principale « %(title)s » n'a pas de texte alternatif. Décrivez-la "
                    "dans la médiathèque (Images, champ « Description ») avant de publier."
                )
                % {"title": cover_image.title},
            )
        )
    for position, image in enumerate(gallery_images or []):
        if image is not None and not (image.description or "").strip():
            problems.append(
                PublicationProblem(
                    "gallery_images",
                    _(
                        "L'image %(number)s de la galerie, « %(title)s », n'a pas de texte "
                        "alternatif. Décrivez-la dans la médiathèque (Images, champ "
                        "« Description ») avant de publier."
                    )
                    % {"number": position + 1, "title": image.title},
                    position=position,
                )
            )
    return problems


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


def item_detail_relations(*, item: ArchiveItemPage) -> dict:
    """What the item page shows besides the item: gallery, places, related items, additions.

    ``item`` may be a draft (a moderator's preview, made from a revision): its relations are
    then held in memory, not in the database, and are read from it as they are."""
    return {
        "gallery": list(item.gallery_images.select_related("image").order_by("sort_order")),
        "places": list(item.places.all()),
        "themes": list(item.themes.all()),
        # A subquery on a saved item, a list for a draft (``values("pk")`` knows no ``pk``
        # there: the preview's 500).
        "related": list(
            public_items()
            .filter(pk__in=item.related_items.values_list("id", flat=True))
            .order_by("title")
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


# Processing that fails (a file the cleaner refuses, storage down) is tried again by the
# periodic jobs, waiting longer each time, and given up after so many attempts: moderators
# then see it on their dashboard with the reason.
MAX_PROCESSING_ATTEMPTS = 6
FIRST_RETRY = datetime.timedelta(minutes=5)
LONGEST_RETRY_WAIT = datetime.timedelta(hours=6)


def contributions_to_retry(
    *,
    received_before: datetime.datetime | None = None,
    now: datetime.datetime | None = None,
    limit: int = 100,
) -> list[Contribution]:
    """Failed contributions, and those received (before ``received_before``) but never processed.

    With ``now`` (the periodic jobs): only failures whose wait is over and that have attempts
    left, taken oldest and newest alternately. Without: every one (an operator's retry)."""
    waiting = Q(status=ContributionStatus.RECEIVED)
    if received_before is not None:
        waiting &= Q(created_at__lt=received_before)
    failed = Q(status=ContributionStatus.FAILED)
    if now is not None:
        failed &= Q(attempts__lt=MAX_PROCESSING_ATTEMPTS)
    candidates = Contribution.objects.filter(waiting | failed).order_by("created_at", "pk")
    if now is None:
        return list(candidates[:limit])
    due = [
        contribution
        for contribution in candidates
        if contribution.status != ContributionStatus.FAILED
        or contribution.updated_at
        + retry_wait(contribution.attempts, first=FIRST_RETRY, longest=LONGEST_RETRY_WAIT)
        <= now
    ]
    return oldest_and_newest_alternately(due, limit=limit)


def contributions_given_up() -> QuerySet[Contribution]:
    """For moderators: processing failed too often to go on trying alone."""
    return Contribution.objects.filter(
        status=ContributionStatus.FAILED, attempts__gte=MAX_PROCESSING_ATTEMPTS
    ).order_by("-updated_at")


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


def contributions_for_email(*, email: str) -> list[Contribution]:
    """Everything sent from this address (« Renvoyer mes liens »), newest first."""
    return list(Contribution.objects.filter(email__iexact=email.strip()).order_by("-created_at"))


def additions_for_email(*, email: str) -> list[ResidentAddition]:
    """The additions signed with this address, with the item each one is about."""
    return list(
        ResidentAddition.objects.filter(email__iexact=email.strip())
        .select_related("item")
        .order_by("-created_at")
    )
