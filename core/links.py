"""The address the site's own links start with, and the private links apps above the archive
hold for an address (for « Renvoyer mes liens »)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core import signing

# (what the link is for, its address)
PrivateLink = tuple[str, str]
PrivateLinksProvider = Callable[..., list[PrivateLink]]

_providers: list[PrivateLinksProvider] = []


@dataclass(frozen=True)
class SignedReference:
    """A private link's token: a row's random reference (its ``public_id``) signed with a salt
    of the link's own, without a timestamp, so a row has one link, the same in every mail."""

    salt: str

    def sign(self, reference: object) -> str:
        return signing.Signer(salt=self.salt).sign_object(str(reference), compress=True)

    def read(self, token: str) -> str | None:
        """The reference ``token`` carries; ``None`` when it is forged or made for another salt."""
        try:
            return signing.Signer(salt=self.salt).unsign_object(token)
        except signing.BadSignature:
            return None


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
