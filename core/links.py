"""The address the site's own links start with, for mail and anything else sent away."""

from django.conf import settings


def site_root(base_url: str | None = None) -> str:
    """The request's address when there is one, else the configured one; no trailing slash."""
    return (base_url or settings.WAGTAILADMIN_BASE_URL).rstrip("/")
