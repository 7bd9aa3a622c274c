"""The address the site's own links start with, and the private links apps above the archive
hold for an address (for « Renvoyer mes liens »)."""

from collections.abc import Callable

from django.conf import settings

# (what the link is for, its address)
PrivateLink = tuple[str, str]
PrivateLinksProvider = Callable[..., list[PrivateLink]]

_providers: list[PrivateLinksProvider] = []


def site_root(base_url: str | None = None) -> str:
    """The request's address when there is one, else the configured one; no trailing slash."""
    return (base_url or settings.WAGTAILADMIN_BASE_URL).rstrip("/")


def private_links_provider(provider: PrivateLinksProvider) -> PrivateLinksProvider:
    """Register ``provider(*, email, site_root) -> [(label, url)]`` from an app's ``ready()``:
    the archive's « Renvoyer mes liens » mail lists what it returns without importing the app
    (a floor may not import the floors above it)."""
    if provider not in _providers:
        _providers.append(provider)
    return provider


def private_links_for_email(*, email: str, site_root: str) -> list[PrivateLink]:
    """Every registered app's private links for ``email``, in the order the apps registered."""
    return [link for provider in _providers for link in provider(email=email, site_root=site_root)]
