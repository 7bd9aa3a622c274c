"""The head of every public page: meta description, Open Graph, the feeds that match the page
and, on the archive's items and collections, schema.org JSON-LD (``opendata.structured_data``)."""

import re

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.models import Page

from archive.models import ArchiveCollection, ArchiveIndexPage, ArchiveItemPage
from festival.models import EditionPage, FestivalIndexPage
from opendata.api.links import public_url
from opendata.structured_data import (
    collection_json_ld,
    item_json_ld,
    open_graph,
    open_graph_of,
    page_description,
    short_description,
)

register = template.Library()

_COLLECTION_PATH = re.compile(r"collections/(?P<slug>[-\w]+)/$")


def _feed(title: str, name: str, **kwargs) -> list[dict]:
    return [
        {
            "title": title,
            "type": "application/atom+xml",
            "href": public_url(reverse(f"{name}_atom", kwargs=kwargs)),
        },
        {
            "title": title,
            "type": "application/rss+xml",
            "href": public_url(reverse(f"{name}_rss", kwargs=kwargs)),
        },
    ]


def _collection(page, request) -> ArchiveCollection | None:
    """The collection a route of the archive's index shows (``…/collections/<slug>/``)."""
    if not isinstance(page, ArchiveIndexPage) or request is None:
        return None
    match = _COLLECTION_PATH.search(request.path)
    if match is None:
        return None
    return ArchiveCollection.objects.filter(slug=match["slug"]).first()


@register.inclusion_tag("opendata/head.html", takes_context=True)
def opendata_head(context) -> dict:
    page = context.get("page")
    if not isinstance(page, Page):
        return {}
    request = context.get("request")
    feeds: list[dict] = []
    json_ld = None
    if isinstance(page, ArchiveIndexPage | ArchiveItemPage):
        feeds += _feed(_("Nouveautés de l'archive"), "feed_archive")
    if isinstance(page, ArchiveItemPage):
        json_ld = item_json_ld(item=page)
    collection = _collection(page, request)
    if collection is not None:
        feeds += _feed(
            _("Collection « %(name)s »") % {"name": collection.name},
            "feed_collection",
            slug=collection.slug,
        )
        page_obj = context.get("page_obj")
        json_ld = collection_json_ld(collection=collection, url=request.path, items=page_obj or [])
    if isinstance(page, EditionPage | FestivalIndexPage):
        feeds += _feed(_("Programme du festival"), "feed_programme")
    return {
        "description": page_description(page),
        # Festival pages write their own Open Graph (``festival.structured_data``).
        "open_graph": None if context.get("open_graph") else open_graph(page=page),
        "feeds": feeds,
        "json_ld": json_ld,
    }


@register.inclusion_tag("opendata/head.html", takes_context=True)
def view_head(context, *, title: str, description: str = "") -> dict:
    """The head of a public page that is not a Wagtail page (the fifty-fifty's, the Ch'ti
    TAIDx's): its meta description and Open Graph, as ``opendata_head`` gives a page's."""
    description = short_description(str(description))
    return {
        "description": description,
        "open_graph": open_graph_of(
            title=str(title), description=description, path=context["request"].path
        ),
        "feeds": [],
        "json_ld": None,
    }
