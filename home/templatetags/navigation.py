from django import template
from wagtail.models import Page, Site

register = template.Library()


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    """The home page's children that editors ticked « afficher dans les menus »."""
    request = context["request"]
    site = Site.find_for_request(request)
    current = context.get("page")
    items: list[Page] = []
    if site:
        items = list(site.root_page.get_children().live().public().in_menu().specific())
    return {
        "menu_items": items,
        "current_path": current.url_path if current else "",
        "request": request,
    }
