from django import template

from home.site_chrome import site_chrome

register = template.Library()


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    """The home page's children that editors ticked « afficher dans les menus »."""
    request = context["request"]
    chrome = site_chrome(request=request)
    current = context.get("page")
    return {
        "menu_items": chrome.menu if chrome else [],
        "current_path": current.url_path if current else "",
        "request": request,
    }


@register.inclusion_tag("includes/footer.html", takes_context=True)
def site_footer(context):
    """Who runs the site, how to reach them, and the legal pages (« pied de page »)."""
    return {"footer": site_chrome(request=context["request"])}
