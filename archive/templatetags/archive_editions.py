"""A festival edition's year in the archive: its items and its collection, on the edition's
page. Registered here because the festival may not import the archive (a lower floor): its
template loads this library, its code knows nothing of it (as ``projects_archive``)."""

from django import template

from archive.models.index import ArchiveIndexPage
from archive.selectors import collection_for_edition, items_covering_year
from core.page_privacy import public_pages

register = template.Library()

# Cards the edition shows; the rest is a click away (the decade, the collection).
EDITION_ITEMS = 6


@register.inclusion_tag("archive/includes/edition_archive.html")
def edition_archive(edition) -> dict:
    """The archive of ``edition``'s year: a few items, the collection named after it, and the
    ways to the rest (its decade, the collection)."""
    index = public_pages(ArchiveIndexPage.objects.live()).first()
    if index is None:
        return {}
    return {
        "year": edition.year,
        "decade": edition.year // 10 * 10,
        "index_url": index.url,
        "items": list(items_covering_year(year=edition.year)[:EDITION_ITEMS]),
        "collection": collection_for_edition(
            year=edition.year, title=edition.title, slug=edition.slug
        ),
    }
