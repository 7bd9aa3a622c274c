"""Reads for the home page, gathered from the apps that own them."""

from typing import Any

from archive.selectors import featured_items
from festival.selectors import current_edition


def home_page_highlights() -> dict[str, Any]:
    return {"current_edition": current_edition(), "featured_items": featured_items(limit=6)}
