"""Absolute addresses for what programs read (API, feeds, JSON-LD, sitemap): always on the
configured site address (``SITE_URL``, through ``core.links.site_root``), never the Wagtail
``Site`` host name, which a fresh install leaves as ``localhost``."""

from urllib.parse import urlsplit

from core.links import site_root


def public_url(url: str) -> str:
    """``url`` (relative, or absolute on any host) on the configured site address."""
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return f"{site_root()}{path}"
