"""The map component's settings, for includes/map.html (used by the festival and the archive)."""

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def map_tile_settings() -> dict[str, str]:
    """Tile URL and attribution; an empty URL means pins on a plain background (no internet)."""
    return {
        "url": settings.MAP_TILE_URL,
        "attribution": settings.MAP_TILE_ATTRIBUTION,
    }
