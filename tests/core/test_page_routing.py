"""The home page finds every page with the pages on the way read at once, and answers as
Wagtail's own walk down the tree does: the same page, the same sub-page of a routable page,
the same 404."""

import pytest
from django.http import Http404
from django.test import RequestFactory
from wagtail.models import Page

from archive.contributions.models import Withdrawal
from tests.factories.archive import ArchiveIndexPageFactory, ArchiveItemPageFactory
from tests.factories.festival import (
    EditionPageFactory,
    EventPageFactory,
    FestivalIndexPageFactory,
)
from tests.factories.home import StandardPageFactory

pytestmark = pytest.mark.django_db

PATHS = [
    "archive",
    "archive/la-fosse-11",
    "archive/themes",  # a sub-page of the archive, before any child
    "archive/frise/1962",
    "archive/inconnu",
    "archive/la-fosse-11/plus-loin",
    "archive/brouillon",  # not live
    "festival/2026",
    "festival/2026/la-balade",  # under an edition, which routes by itself
    "festival/2026/inconnu",
    "festival/2026/la-balade/plus-loin",
    "a-propos/équipe",  # a page under a page that is not live
    "inconnu/plus-loin",
    "archive/retire",  # a withdrawn item: the archive answers 410
]


@pytest.fixture
def site_tree(home_page):
    archive = ArchiveIndexPageFactory(parent=home_page, slug="archive")
    ArchiveItemPageFactory(parent=archive, slug="la-fosse-11")
    ArchiveItemPageFactory(parent=archive, slug="themes")  # a slug a sub-page also has
    ArchiveItemPageFactory(parent=archive, slug="brouillon", live=False)
    Withdrawal.objects.create(url_path=f"{archive.url_path}retire/", had_published_item=True)
    festival = FestivalIndexPageFactory(parent=home_page, slug="festival")
    edition = EditionPageFactory(parent=festival, slug="2026")
    EventPageFactory(parent=edition, slug="la-balade")
    about = StandardPageFactory(parent=home_page, slug="a-propos", live=False)
    StandardPageFactory(parent=about, slug="équipe")
    return home_page


def _answer(route, home, path: str):
    request = RequestFactory().get(f"/{path}/")
    try:
        page, args, kwargs = route(home, request, path.split("/"))
    except Http404:
        return "404"
    # A routable page's sub-page: its view, by name, and the view's arguments.
    if args:
        view, view_args, view_kwargs = args
        args = (view.__name__, view_args, view_kwargs)
    return type(page).__name__, page.pk, args, kwargs


@pytest.mark.parametrize("path", PATHS)
def test_each_path_finds_what_wagtails_walk_finds(site_tree, path):
    ours = _answer(type(site_tree).route, site_tree, path)

    assert ours == _answer(Page.route, site_tree, path)


def test_a_withdrawn_item_is_gone_not_unknown(site_tree):
    """Its address answers 410 « retiré » (the archive's own route), not 404."""
    assert _answer(type(site_tree).route, site_tree, "archive/retire")[2][0] == "serve_withdrawn"


def test_an_item_is_found_in_two_queries_below_the_home_page(site_tree, django_assert_num_queries):
    request = RequestFactory().get("/archive/la-fosse-11/")

    # The pages on the way, then the item as its own type (Wagtail: four).
    with django_assert_num_queries(2):
        page, _args, _kwargs = site_tree.route(request, ["archive", "la-fosse-11"])

    assert page.slug == "la-fosse-11"
    assert page.get_parent().slug == "archive"
