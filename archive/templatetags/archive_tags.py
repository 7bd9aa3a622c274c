"""Template helpers of the archive: map pins, citations."""

from django import template
from django.utils import timezone
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from archive.models import Place
from core.templatetags.content_lang import content_span

register = template.Library()


@register.simple_tag
def place_pins(places, index_url: str) -> list[dict]:
    """Pins for includes/map.html: only places with coordinates, each linking to its items."""
    if isinstance(places, Place):
        places = [places]
    return [
        {
            "name": place.name,
            "lat": float(place.latitude),
            "lng": float(place.longitude),
            "url": f"{index_url}lieux/{place.slug}/",
            "description": place.get_kind_display(),
        }
        for place in places
        if place.has_coordinates
    ]


@register.simple_tag(takes_context=True)
def item_citation(context, item) -> SafeString:
    """A citation a teacher or a researcher can copy: who, what, when, where, seen when. What
    the item's people wrote is said in the content's language (``content_span``)."""
    request = context.get("request")
    url = request.build_absolute_uri(item.url) if request else item.full_url
    parts = [
        content_span(item.credit) if item.credit else _("Anonyme"),
        format_html("« {} »", content_span(item.title)),
        content_span(item.date_label) if item.date_label else "",
        _("Archive des mémoires de Loos-en-Gohelle"),
        item.get_licence_display(),
        url,
        _("consulté le %(date)s") % {"date": timezone.localdate().strftime("%d/%m/%Y")},
    ]
    # Each part escaped unless already safe markup: the join is safe.
    return mark_safe(", ".join(conditional_escape(part) for part in parts if part) + ".")  # noqa: S308
