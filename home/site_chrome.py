"""What every public page shows around its content: the main menu and the footer.

Both are read from the database once per site and kept in the cache, so a page costs no query
for them; any change that can alter them (a page published, unpublished, moved, deleted or made
private, the footer's settings saved, a site changed) starts a new version at once
(``site_chrome_forget``, connected in ``home.apps``).

The footer's legal links were one query each, and the menu's pages and the site's settings
were read again on every page."""

import uuid
from dataclasses import dataclass

from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest
from wagtail.models import Page, Site

from core.page_privacy import public_pages
from home.models import FooterSettings

_VERSION_KEY = "site-chrome-version"
# Long enough to spare the database, short enough that a cache without signals (another
# process's memory) catches up within the hour.
_LIFETIME = 3600


@dataclass(frozen=True)
class ChromeLink:
    title: str
    url: str
    # The page's path in the tree: the menu marks the current page's link with it.
    url_path: str


@dataclass(frozen=True)
class SiteChrome:
    menu: list[ChromeLink]
    organisation: str
    address: str
    contact_email: str
    legal_links: list[ChromeLink]


def _link(page: Page, request: HttpRequest) -> ChromeLink:
    return ChromeLink(title=page.title, url=page.get_url(request) or "", url_path=page.url_path)


def _chrome_read(site: Site, request: HttpRequest) -> SiteChrome:
    menu = public_pages(site.root_page.get_children().live()).in_menu().order_by("path")
    footer = FooterSettings.for_site(site)
    legal_ids = [
        footer.legal_page_id,
        footer.privacy_page_id,
        footer.accessibility_page_id,
    ]
    legal_pages = Page.objects.in_bulk([pk for pk in legal_ids if pk])
    return SiteChrome(
        menu=[_link(page, request) for page in menu],
        organisation=footer.organisation,
        address=footer.address,
        contact_email=footer.contact_email,
        legal_links=[_link(legal_pages[pk], request) for pk in legal_ids if pk in legal_pages],
    )


def site_chrome(*, request: HttpRequest) -> SiteChrome | None:
    """The menu and footer of the request's site, from the cache when it holds them; read once
    per request (the menu's tag and the footer's both ask)."""
    if not hasattr(request, "_site_chrome"):
        request._site_chrome = _site_chrome_cached(request)
    return request._site_chrome


def _site_chrome_cached(request: HttpRequest) -> SiteChrome | None:
    site = Site.find_for_request(request)
    if site is None:
        return None
    # Whichever process sets the first version, every one then reads that one.
    version = cache.get_or_set(_VERSION_KEY, lambda: uuid.uuid4().hex, timeout=None)
    key = f"site-chrome:{version}:{site.pk}:{request.get_host()}"
    chrome = cache.get(key)
    if chrome is None:
        chrome = _chrome_read(site, request)
        cache.set(key, chrome, timeout=_LIFETIME)
    return chrome


def site_chrome_forget(**kwargs) -> None:
    """A new version: every page reads the menu and the footer afresh. Again after the commit:
    a page read between the change and its commit would have kept the old ones."""
    cache.set(_VERSION_KEY, uuid.uuid4().hex, timeout=None)
    transaction.on_commit(lambda: cache.set(_VERSION_KEY, uuid.uuid4().hex, timeout=None))
