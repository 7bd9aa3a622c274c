import pytest
from wagtail.models import Page, Site

from core.page_urls import PageUrls
from tests.factories.home import HomePageFactory, StandardPageFactory, site_with_home

pytestmark = pytest.mark.django_db


def _pages(home) -> list[Page]:
    plain = StandardPageFactory(parent=home, slug="la-fosse")
    accented = StandardPageFactory(parent=plain, slug="mémoire-du-carreau")
    return [home, plain, accented]


def test_one_site_gives_the_local_addresses_wagtail_gives():
    pages = _pages(site_with_home())
    urls = PageUrls()

    assert [urls(page.url_path) for page in pages] == [page.get_url() for page in pages]
    assert urls(pages[2].url_path) == "/la-fosse/m%C3%A9moire-du-carreau/"


def test_several_sites_give_full_addresses_on_each_ones_host():
    first = _pages(site_with_home())
    other_home = HomePageFactory(parent=Page.get_first_root_node(), slug="festival")
    Site.objects.create(hostname="festival.example", port=443, root_page=other_home)
    second = _pages(other_home)
    urls = PageUrls()

    for page in first + second:
        assert urls(page.url_path) == page.get_url()
    assert urls(second[1].url_path) == "https://festival.example/la-fosse/"


def test_a_page_no_site_serves_keeps_its_tree_path():
    site_with_home()
    outside = StandardPageFactory(parent=Page.get_first_root_node(), slug="hors-site")

    assert outside.get_url() is None
    assert PageUrls()(outside.url_path) == "/hors-site/"
