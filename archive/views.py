"""Browsing the archive: the index page's routes (themes, places, decades, collections, kinds) hand
the request to these views, which read ``archive.selectors``."""

from django.core.paginator import Paginator
from django.http import Http404
from django.utils.translation import gettext as _

from archive.contributions.selectors import additions_published
from archive.kinds import browse_kind_by_slug, kinds_with_counts
from archive.models.pages import ArchiveItemPage
from archive.selectors import (
    collection_by_slug,
    collections_with_counts,
    decades_with_counts,
    items_for_collection,
    items_for_decade,
    items_for_place,
    items_for_theme,
    place_by_slug,
    places_with_counts,
    public_items,
    theme_by_slug,
    themes_with_counts,
)

ITEMS_PER_PAGE = 24


def _item_list(request, *, index, title, intro, items, title_is_content=True, **extra):
    """``title_is_content``: the title is a name editors wrote (a theme's, a place's), said in
    the content's language, not one of the interface's."""
    page_obj = Paginator(items, ITEMS_PER_PAGE).get_page(request.GET.get("page"))
    return index.render(
        request,
        template="archive/browse_items.html",
        context_overrides={
            "list_title": title,
            "list_title_is_content": title_is_content,
            "list_intro": intro,
            "page_obj": page_obj,
            **extra,
        },
    )


def browse_themes(request, *, index):
    return index.render(
        request,
        template="archive/browse_themes.html",
        context_overrides={"themes": themes_with_counts()},
    )


def browse_theme(request, *, index, slug: str):
    theme = theme_by_slug(slug=slug)
    return _item_list(
        request,
        index=index,
        title=theme.name,
        intro=theme.description,
        items=items_for_theme(theme=theme),
    )


def browse_places(request, *, index):
    return index.render(
        request,
        template="archive/browse_places.html",
        context_overrides={"places": places_with_counts()},
    )


def browse_place(request, *, index, slug: str):
    place = place_by_slug(slug=slug)
    return _item_list(
        request,
        index=index,
        title=place.name,
        intro=place.description,
        items=items_for_place(place=place),
        place=place,
    )


def browse_decades(request, *, index):
    return index.render(
        request,
        template="archive/browse_decades.html",
        context_overrides={"decades": decades_with_counts()},
    )


def browse_decade(request, *, index, decade: int):
    if decade % 10:
        raise Http404
    return _item_list(
        request,
        index=index,
        title=_("Les années %(decade)s") % {"decade": decade},
        title_is_content=False,
        intro="",
        items=items_for_decade(decade=decade),
    )


def browse_collections(request, *, index):
    return index.render(
        request,
        template="archive/browse_collections.html",
        context_overrides={"collections": collections_with_counts()},
    )


def browse_collection(request, *, index, slug: str):
    collection = collection_by_slug(slug=slug)
    return _item_list(
        request,
        index=index,
        title=collection.name,
        intro=collection.description,
        items=items_for_collection(collection=collection),
    )


def browse_kinds(request, *, index):
    return index.render(
        request,
        template="archive/browse_kinds.html",
        context_overrides={"kinds": kinds_with_counts()},
    )


def browse_kind(request, *, index, slug: str):
    kind = browse_kind_by_slug(slug=slug)
    if kind is None:
        raise Http404
    page_obj = Paginator(kind.items(), ITEMS_PER_PAGE).get_page(request.GET.get("page"))
    return index.render(
        request,
        template="archive/browse_kind.html",
        context_overrides={"kind": kind, "page_obj": page_obj},
    )


def item_page_context(*, item: ArchiveItemPage) -> dict:
    """What an item's page shows besides the item: gallery, places, themes, related items,
    and additions (their form has a page of its own, so this page stays cacheable).

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
        "additions": additions_published(item=item),
    }
