import pytest

from tests.factories.archive import ArchiveIndexPageFactory, ArchiveItemPageFactory
from tests.factories.festival import EditionPageFactory, FestivalIndexPageFactory
from tests.factories.home import StandardPageFactory

pytestmark = pytest.mark.django_db


def test_home_page_speaks_french_with_skip_link_and_landmarks(client, home_page):
    response = client.get("/")

    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="fr">' in html
    assert 'href="#contenu"' in html and "Aller au contenu" in html
    assert '<main id="contenu"' in html
    assert 'aria-label="Navigation principale"' in html


def test_home_page_ignores_browser_language_but_honours_the_switcher(client, home_page):
    english_browser = client.get("/", headers={"accept-language": "en-GB,en"})
    assert "Aller au contenu" in english_browser.content.decode()

    client.get("/langue/en/", {"next": "/"})
    chosen = client.get("/")
    assert '<html lang="en">' in chosen.content.decode()


def test_home_page_shows_current_edition_and_featured_memories(client, home_page):
    festival = FestivalIndexPageFactory(parent=home_page)
    EditionPageFactory(parent=festival, year=2025, theme="La cité en fête")
    EditionPageFactory(parent=festival, year=2026, theme="Les chevalements dans le ciel")
    archive = ArchiveIndexPageFactory(parent=home_page)
    ArchiveItemPageFactory(parent=archive, title="La lampe du galibot", featured=True)
    ArchiveItemPageFactory(parent=archive, title="Un souvenir discret", featured=False)

    html = client.get("/").content.decode()

    assert "Les Gohelliades 2026" in html
    assert "Les chevalements dans le ciel" in html
    assert "La lampe du galibot" in html
    assert "Un souvenir discret" not in html


def test_menu_lists_pages_editors_put_in_menus(client, home_page):
    StandardPageFactory(parent=home_page, title="À propos", show_in_menus=True)
    StandardPageFactory(parent=home_page, title="Page cachée", show_in_menus=False)

    html = client.get("/").content.decode()

    nav = html.split('aria-label="Navigation principale"')[1].split("</nav>")[0]
    assert "À propos" in nav
    assert "Page cachée" not in nav


def test_standard_page_renders_its_body(client, home_page):
    page = StandardPageFactory(parent=home_page, title="Mentions légales")

    response = client.get(page.url)

    assert response.status_code == 200
    assert "Intertitre" in response.content.decode()


def test_unknown_address_answers_a_french_404(client, home_page):
    response = client.get("/nulle-part/")

    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()
