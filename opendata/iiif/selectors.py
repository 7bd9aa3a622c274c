"""Reads for IIIF: only items of ``archive.selectors.public_items``, only files that
``media.visibility`` lets the public download."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from archive.models import (
    ArchiveCollection,
    ArchiveItemImage,
    ArchiveItemPage,
    IndexSegment,
    Interview,
    Segment,
    Tape,
)
from archive.selectors import public_items
from media.models import CustomImage, Licence
from media.visibility import file_may_be_served, held_back
from opendata.dublin_core import dublin_core_items
from opendata.iiif.images import CONSULTATION_MAX_SIDE, MAX_SIDE, public_size

# What a manifest can be made of: a picture, or a recording (an oral history, a TAIDx talk).
HAS_MEDIA = (
    Q(cover_image__isnull=False)
    | Q(gallery_images__isnull=False)
    | Q(media_file__isnull=False)
    | Q(interview__tapes__isnull=False)
)


@dataclass(frozen=True)
class PublicImage:
    """An image of the Image API: the picture and the size the public may see it at."""

    image: CustomImage
    width: int
    height: int
    licence: str


def iiif_items() -> QuerySet[ArchiveItemPage]:
    """Public items that have a picture or a recording to show in a viewer."""
    return public_items().filter(pk__in=public_items().filter(HAS_MEDIA).values("pk"))


def manifest_item(*, pk: int) -> ArchiveItemPage:
    """The item with everything its manifest reads (Dublin Core, gallery, interview), or 404."""
    items = dublin_core_items(iiif_items()).prefetch_related(
        Prefetch(
            "gallery_images",
            queryset=ArchiveItemImage.objects.select_related("image").order_by("sort_order"),
        ),
        Prefetch(
            "interview__tapes",
            queryset=Tape.objects.select_related("media_file").order_by("sort_order", "pk"),
        ),
        Prefetch("interview__segments", queryset=Segment.objects.order_by("start", "pk")),
        Prefetch("interview__index_segments", queryset=IndexSegment.objects.order_by("start")),
    )
    return get_object_or_404(items.select_related("interview"), pk=pk)


def item_interview(item: ArchiveItemPage) -> Interview | None:
    try:
        return item.interview
    except Interview.DoesNotExist:
        return None


def served_ids(*, kind: str, ids: list[int]) -> set[int]:
    """Those of the images or recordings ``ids`` that the public may download."""
    return set(ids) - held_back(kind=kind, ids=ids)


def collection_with_items(*, slug: str) -> tuple[ArchiveCollection, list[ArchiveItemPage]]:
    collection = get_object_or_404(ArchiveCollection, slug=slug)
    items = list(iiif_items().filter(collection=collection).order_by("date_start", "title", "pk"))
    return collection, items


def public_image(*, pk: int) -> PublicImage:
    """An image a public item shows and the public may download, or 404; its size is the
    one of its largest public use (consultation-only items show it smaller)."""
    licences = set(
        public_items()
        .filter(Q(cover_image_id=pk) | Q(gallery_images__image_id=pk))
        .values_list("licence", flat=True)
    )
    if not licences:
        raise Http404
    image = get_object_or_404(CustomImage, pk=pk)
    if not file_may_be_served(image.file.name):
        raise Http404
    open_licences = licences - {Licence.ALL_RIGHTS_RESERVED}
    max_side = MAX_SIDE if open_licences else CONSULTATION_MAX_SIDE
    width, height = public_size(width=image.width, height=image.height, max_side=max_side)
    licence = sorted(open_licences)[0] if open_licences else Licence.ALL_RIGHTS_RESERVED
    return PublicImage(image=image, width=width, height=height, licence=licence)
