"""An id in a URL too large for the database answers 404, never a 500.

Every pattern with an integer converter is taken from the URLconf itself (ours, Wagtail's
admin, the API), so a route added tomorrow is tried too. SQLite refuses a number above
2**63 - 1 with an OverflowError; our routes use ``<id:…>`` (``config.converters``), which
turns such a number into "no match"."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.converters import IntConverter
from django.urls.resolvers import RoutePattern

from config.converters import IdConverter

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"

# Real values for the other parts of the few routes that have some.
SAMPLES = {
    "content_type_app_name": "archive",
    "content_type_model_name": "archiveitempage",
    "action_name": "approve",
    "app_label": "wagtailcore",
    "app_name": "home",
    "model_name": "page",
    "object_id": "1",
    "day": "2026-07-01",
    "filter_spec": "max-100x100",
}
INTEGER_CONVERTERS = (IntConverter, IdConverter)


def _piece(pattern) -> tuple[str, bool]:
    """One level of a route written with a huge number for each integer, and whether it has
    one."""
    if isinstance(pattern, RoutePattern):
        has_integer = any(isinstance(c, INTEGER_CONVERTERS) for c in pattern.converters.values())

        def value(match: re.Match) -> str:
            converter = pattern.converters[match.group(2)]
            if isinstance(converter, INTEGER_CONVERTERS):
                return HUGE
            return SAMPLES.get(match.group(2), "x")

        return re.sub(r"<(?:(\w+):)?(\w+)>", value, str(pattern)), has_integer
    # A regular expression (the admin API's router): its groups take a plain word.
    text = re.sub(r"\(\?P<\w+>[^)]*\)", "x", str(pattern)).strip("^$")
    return text.replace("\\", "").replace("$", ""), False


def _routes(patterns, prefix: str = "", has_integer: bool = False):
    for pattern in patterns:
        text, integer_here = _piece(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, prefix + text, has_integer or integer_here)
        elif isinstance(pattern, URLPattern) and (has_integer or integer_here):
            yield "/" + prefix + text, pattern.lookup_str


ROUTES = sorted(set(_routes(get_resolver().url_patterns)))


def test_the_routes_are_found():
    urls = [url for url, _view in ROUTES]
    assert f"/contribuer/complement/{HUGE}/" in urls
    assert f"/transcriptions/segments/{HUGE}/correction/" in urls
    assert f"/admin/festival/benevoles/creneau/{HUGE}/" in urls
    assert f"/admin/pages/{HUGE}/edit/" in urls
    assert len(urls) > 150


@pytest.mark.parametrize(("url", "view"), ROUTES, ids=[url for url, _view in ROUTES])
def test_a_huge_id_answers_404(client, django_user_model, home_page, url, view):
    # A superuser passes every permission check, so the id reaches the database.
    client.force_login(django_user_model.objects.create_superuser("admin", "a@example.org", "pw"))
    client.raise_request_exception = False

    # Followed: a route that no longer matches may first get its slash appended (301).
    statuses = {
        client.get(url, follow=True).status_code,
        client.post(url, follow=True).status_code,
    }

    assert 500 not in statuses
    if not view.startswith(("wagtail.", "django.", "rest_framework.")):
        # Ours: not found, whichever method the view takes.
        assert 404 in statuses
        assert statuses <= {404, 405}
