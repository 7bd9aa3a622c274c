"""The API's endpoints: Wagtail's own viewsets, narrowed to what the public sees.

Pages go through the one rule of each kind (archive items: ``archive.selectors.public_items``;
festival editions and events: live and public); any other page type is not in the API. Images
are those ``media.visibility.held_back`` lets the public download."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet
from wagtail.api import APIField
from wagtail.api.v2.filters import FieldsFilter, OrderingFilter, SearchFilter
from wagtail.api.v2.views import BaseAPIViewSet, PagesAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Page

from archive.models import ArchiveCollection, ArchiveItemPage, Place, Theme
from archive.selectors import public_items
from core.page_privacy import public_pages
from festival.models import EditionPage, EventOccurrence, EventPage
from media.models import CustomImage
from media.visibility import held_back
from opendata.api.fields import (
    PAGE_DETAIL_ONLY_FIELDS,
    PAGE_FIELDS,
    PAGE_LISTING_FIELDS,
    FileURLField,
    PublicURLField,
)


def public_api_pages() -> QuerySet[Page]:
    """Every page the API shows, whatever its type, in one query."""
    return Page.objects.filter(
        Q(pk__in=public_items().values("pk"))
        | Q(pk__in=public_pages(EditionPage.objects.live()).values("pk"))
        | Q(pk__in=public_pages(EventPage.objects.live()).values("pk"))
    )


def public_api_images() -> QuerySet[CustomImage]:
    """Images the public may download, whatever uses them."""
    ids = CustomImage.objects.values_list("pk", flat=True)
    return CustomImage.objects.exclude(pk__in=held_back(kind="image", ids=ids))


# What a page of each type reads to be shown, so a listing costs the same at 1 or 30 pages.
PAGE_PREFETCH = {
    ArchiveItemPage: lambda pages: pages.select_related(
        "cover_image", "media_file", "collection"
    ).prefetch_related("themes", "places"),
    EditionPage: lambda pages: pages.select_related("image"),
    EventPage: lambda pages: pages.select_related("image", "venue").prefetch_related(
        Prefetch("occurrences", queryset=EventOccurrence.objects.order_by("start"))
    ),
}


class PublicPagesAPIViewSet(PagesAPIViewSet):
    detail_only_fields = [*PagesAPIViewSet.detail_only_fields, *PAGE_DETAIL_ONLY_FIELDS]

    @classmethod
    def get_body_fields(cls, model):
        return [*super().get_body_fields(model), *PAGE_FIELDS.get(model, [])]

    @classmethod
    def get_listing_default_fields(cls, model):
        return [*super().get_listing_default_fields(model), *PAGE_LISTING_FIELDS.get(model, [])]

    @classmethod
    def get_meta_fields(cls, model):
        return [
            APIField("html_url", serializer=PublicURLField(source="*"))
            if field.name == "html_url"
            else field
            for field in super().get_meta_fields(model)
        ]

    def get_base_queryset(self):
        return super().get_base_queryset().filter(pk__in=public_api_pages().values("pk"))

    def get_queryset(self):
        pages = super().get_queryset()
        prefetch = PAGE_PREFETCH.get(pages.model)
        pages = pages.select_related("locale")
        return prefetch(pages) if prefetch else pages


class PublicImagesAPIViewSet(ImagesAPIViewSet):
    body_fields = [*ImagesAPIViewSet.body_fields, "description", "credit", "licence", "date_taken"]
    # No editors' tags: they are working notes, and each image's would cost a query.
    meta_fields = [
        *BaseAPIViewSet.meta_fields,
        APIField("download_url", serializer=FileURLField(source="file")),
    ]
    listing_default_fields = [*BaseAPIViewSet.listing_default_fields, "title", "download_url"]

    def get_queryset(self):
        return public_api_images().order_by("id")


class SnippetAPIViewSet(BaseAPIViewSet):
    """A small read-only endpoint for the archive's snippets (places, themes, collections)."""

    filter_backends = [FieldsFilter, OrderingFilter, SearchFilter]
    listing_default_fields = [*BaseAPIViewSet.listing_default_fields, "name", "slug"]
    nested_default_fields = [*BaseAPIViewSet.nested_default_fields, "name", "slug"]


class PlacesAPIViewSet(SnippetAPIViewSet):
    name = "places"
    model = Place
    body_fields = [
        *BaseAPIViewSet.body_fields,
        "name",
        "slug",
        "kind",
        "description",
        "latitude",
        "longitude",
    ]


class ThemesAPIViewSet(SnippetAPIViewSet):
    name = "themes"
    model = Theme
    body_fields = [*BaseAPIViewSet.body_fields, "name", "slug", "description"]


class CollectionsAPIViewSet(SnippetAPIViewSet):
    name = "collections"
    model = ArchiveCollection
    body_fields = [*BaseAPIViewSet.body_fields, "name", "slug", "description"]
