"""Pages' addresses for many pages at once, as Wagtail gives them.

``Page.get_url()`` reverses Wagtail's serving route once per page: for the 100,000 items of a
search rebuild, that is most of the time spent making their documents. ``PageUrls`` reverses it
once and appends each page's path below its site's root, quoted as Django's ``reverse`` quotes
it, with the same choice of site (the first root path the page lies under) and the same
local-or-full address (local when one site is served). ``tests/core/test_page_urls.py`` holds it
to ``Page.get_url()``, accented slugs and several sites included."""

from urllib.parse import quote

from django.urls import NoReverseMatch, reverse
from django.utils.http import RFC3986_SUBDELIMS
from wagtail.models import Site

# What ``django.urls.reverse`` leaves unquoted in a path.
_SAFE = RFC3986_SUBDELIMS + "/~:@"


class PageUrls:
    """``urls(page.url_path)`` is ``page.get_url()`` (no request), for pages read as rows."""

    def __init__(self) -> None:
        self.root_paths = Site.get_site_root_paths()
        self.one_site = len({root.site_id for root in self.root_paths}) == 1
        try:
            self.prefix = reverse("wagtail_serve", args=("",))
        except NoReverseMatch:
            self.prefix = None

    def __call__(self, url_path: str) -> str:
        """The page's address, or its tree path when no site serves it or nothing routes it
        (what the search documents fell back to before)."""
        root = next((r for r in self.root_paths if url_path.startswith(r.root_path)), None)
        if root is None or self.prefix is None:
            return url_path
        path = self.prefix + quote(url_path[len(root.root_path) :], safe=_SAFE)
        return path if self.one_site else root.root_url + path
