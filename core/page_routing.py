"""Wagtail's routing with the pages on the way read in one query.

Wagtail finds the page a URL names by walking down from the site's root page: at each level
the child with the next slug (a query), then that child as its own type (another query): four
queries for an archive item, six for a festival event. ``route_below`` reads every page on the
way at once (their ``url_path`` are the URL's prefixes under the root) and walks the same way
in memory: a routable page (``RoutablePageMixin``) whose sub-pages include the rest of the
path, or a page of a type with a ``route`` of its own, is handed the rest exactly as Wagtail
would hand it, so sub-pages keep precedence over children; the page found last routes itself
(its ``live`` check).
``tests/core/test_page_routing.py`` holds it to Wagtail's answers."""

from django.http import Http404
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page


def _as_path(components: list[str]) -> str:
    """``["a", "b"]`` -> ``"a/b/"``, as ``url_path`` and routable pages write paths."""
    return "".join(f"{component}/" for component in components)


def _resolves_a_subpage(page_class, rest: list[str]) -> bool:
    try:
        page_class.get_resolver().resolve("/" + _as_path(rest))
    except Http404:
        return False
    return True


def _hands_rest_to_child(page: Page, rest: list[str]) -> bool:
    """Whether ``page``, given ``rest`` and a child named by its first slug, hands the rest to
    that child as ``Page.route`` does. Read from the page's type alone, no query: its type
    routes so (``Page.route``, ``RoutablePageMixin.route`` or a ``route`` of its own that says
    so with ``ROUTES_FOUND_CHILD_AS_WAGTAIL``), and for a routable page, none of its sub-pages
    is ``rest`` (a page not live serves none)."""
    page_class = page.specific_class
    if page_class is None:
        return False
    declared = getattr(page_class, "ROUTES_FOUND_CHILD_AS_WAGTAIL", False)
    if issubclass(page_class, RoutablePageMixin):
        if not (declared or page_class.route is RoutablePageMixin.route):
            return False
        return not (page.live and _resolves_a_subpage(page_class, rest))
    return declared or page_class.route is Page.route


def route_below(root: Page, request, path_components: list[str]):
    """``Page.route`` of ``root`` (which routes to its children only) for a non-empty path."""
    prefixes = [
        root.url_path + _as_path(path_components[: end + 1]) for end in range(len(path_components))
    ]
    on_the_way = {
        page.url_path: page
        # A ``url_path`` under the root's is a page below it. ``url_path`` has no index: the
        # slugs (each page's is the last part of its path), which have one, find the few
        # candidates; otherwise every page would be read.
        for page in Page.objects.filter(slug__in=set(path_components), url_path__in=prefixes)
    }
    current, rest = root, path_components  # ``current`` hands ``rest`` to its child
    for index, prefix in enumerate(prefixes):
        child = on_the_way.get(prefix)
        if child is None:
            if current is root:
                raise Http404
            # No such child: the page gives its own answer (a 404, the archive's 410…).
            return current.specific.route(request, rest)
        # As Wagtail does: the page's parent is known, ``get_parent()`` need not ask.
        child._cached_parent_obj = current
        rest = path_components[index + 1 :]
        if not rest or not _hands_rest_to_child(child, rest):
            return child.specific.route(request, rest)
        current = child
    raise Http404  # not reached: the last prefix has no rest
