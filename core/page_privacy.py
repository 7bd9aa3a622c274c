"""Which pages the public may not see because of a view restriction (a password, signed-in
users, groups), read from the cache.

Wagtail's ``PageQuerySet.public()`` reads every restriction from the database each time it is
called: four times on the home page, once per list on every other. ``public_pages`` applies the
same rule (a restricted page and everything below it) from the restricted pages' paths kept in
the cache. They are forgotten whenever a restriction is saved or deleted or a page moves
(``page_privacy_forget``, connected in ``core.apps``), at once and again after the commit, so a
request reading between the two cannot keep the old list."""

from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from wagtail.models import PageViewRestriction
from wagtail.query import PageQuerySet

_KEY = "restricted-page-paths"


def restricted_paths() -> tuple[str, ...]:
    """The tree paths of the pages under a view restriction (each covers its subtree)."""
    paths = cache.get(_KEY)
    if paths is None:
        paths = tuple(PageViewRestriction.objects.values_list("page__path", flat=True))
        cache.set(_KEY, paths, timeout=None)
    return paths


def public_pages(pages: PageQuerySet) -> PageQuerySet:
    """``pages`` without those under a view restriction: Wagtail's ``public()`` rule."""
    hidden = Q()
    for path in restricted_paths():
        hidden |= Q(path__startswith=path)
    return pages.exclude(hidden) if hidden else pages


class CachedViewRestrictions:
    """Mixin of our page models: Wagtail asks each page it serves for its view restrictions
    (two queries: its ancestors, then their restrictions). While no page has one, the cached
    list says so and nothing is asked; once one exists, Wagtail's own method answers (aliases
    and ancestors included)."""

    def get_view_restrictions(self):
        if not restricted_paths():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


def page_privacy_forget(**kwargs) -> None:
    cache.delete(_KEY)
    transaction.on_commit(lambda: cache.delete(_KEY))
