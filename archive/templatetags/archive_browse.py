"""The ways in by kind, where the archive's index offers them (``archive.kinds``)."""

from django import template

from archive.kinds import browse_kinds

register = template.Library()


@register.inclusion_tag("archive/includes/kind_links.html")
def browse_kind_links(index_url: str) -> dict:
    """One link per kind (the archive's own, then the other apps'): no query."""
    return {"index_url": index_url, "kinds": browse_kinds()}
