"""The menu and the footer are read from the cache on every page, and an editor's change to
either shows on the very next page."""

import pytest
from wagtail.models import Site

from home.models import FooterSettings
from tests.factories.home import StandardPageFactory

pytestmark = pytest.mark.django_db


def _html(client, url="/"):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def _menu(html: str) -> str:
    return html[html.index('<nav class="main-nav"') : html.index("</nav>")]


def _footer(html: str) -> str:
    return html[html.index('<footer class="site-footer">') :]


def test_a_page_published_in_the_menu_shows_there_at_once(client, home_page):
    assert "Le festival" not in _menu(_html(client))
    page = StandardPageFactory(
        parent=home_page, title="Le festival", show_in_menus=True, live=False
    )

    page.save_revision().publish()

    assert f'<a href="{page.url}">Le festival</a>' in _menu(_html(client))


def test_a_page_unpublished_leaves_the_menu_at_once(client, home_page):
    page = StandardPageFactory(parent=home_page, title="Le festival", show_in_menus=True)
    page.save_revision().publish()
    assert "Le festival" in _menu(_html(client))

    page.unpublish()

    assert "Le festival" not in _menu(_html(client))


def test_a_menu_page_renamed_shows_its_new_title_at_once(client, home_page):
    page = StandardPageFactory(parent=home_page, title="Le festival", show_in_menus=True)
    page.save_revision().publish()
    assert "Le festival" in _menu(_html(client))

    page.title = "Les Gohelliades"
    page.save_revision().publish()

    menu = _menu(_html(client))
    assert "Les Gohelliades" in menu
    assert "Le festival" not in menu


def test_the_footer_shows_the_settings_saved_at_once(client, home_page):
    legal = StandardPageFactory(parent=home_page, title="Mentions légales")
    footer = FooterSettings.for_site(Site.objects.get(is_default_site=True))
    assert "Mentions légales" not in _footer(_html(client))

    footer.organisation = "Mairie de Loos-en-Gohelle"
    footer.legal_page = legal
    footer.save()

    html = _footer(_html(client))
    assert "Mairie de Loos-en-Gohelle" in html
    assert f'<a href="{legal.url}">Mentions légales</a>' in html


def test_a_legal_page_renamed_shows_its_new_title_in_the_footer_at_once(client, home_page):
    legal = StandardPageFactory(parent=home_page, title="Mentions légales")
    footer = FooterSettings.for_site(Site.objects.get(is_default_site=True))
    footer.legal_page = legal
    footer.save()
    assert "Mentions légales" in _footer(_html(client))

    legal.title = "Informations légales du site"
    legal.save_revision().publish()

    assert "Informations légales du site" in _footer(_html(client))
