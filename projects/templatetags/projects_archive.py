"""What an archive item's page shows of the fifty-fifty project it became (the one a Ch'ti TAIDx
talk recorded there tells comes from ``talks_links``).

Registered from the projects app because the archive (floor 3) may not import projects
(floor 4): the item's template loads this library, the archive's code knows nothing of it."""

from django import template

from projects.selectors import projects_for_archive_item

register = template.Library()


@register.inclusion_tag("projects/archive/item_projects.html")
def archive_item_projects(item) -> dict:
    """The public projects ``item`` became, if any."""
    return {"item_projects": projects_for_archive_item(item_id=item.pk) if item.pk else []}
