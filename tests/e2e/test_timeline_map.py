"""The archive's timeline and the map in a real browser, on a phone and a desktop: a year on
the timeline filters the archive, by keyboard; the map without tiles shows its schematic base
under a pin that opens with the keyboard."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories.archive import ArchiveItemPageFactory, PlaceFactory

from .browser import DESKTOP, PHONE, axe_violations, describe_violations, save_screenshot, tab_to

SIZES = pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])


def assert_axe_clean(page) -> None:
    violations = axe_violations(page)
    assert not violations, f"{page.url}\n{describe_violations(violations)}"


@SIZES
def test_timeline_year_filters_the_archive(page, page_problems, demo_site, viewport, settings):
    archive = demo_site.items[0].get_parent()
    ArchiveItemPageFactory(parent=archive, title="La grève de 1948", date_label="octobre 1948")
    page.goto(archive.url)

    page.get_by_role("link", name="La frise de l’archive : les souvenirs année par année").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Frise de l’archive")
    expect(page.locator(".frise-chart rect").first).to_be_visible()
    expect(page.get_by_text("la catastrophe de Courrières")).to_be_visible()
    assert_axe_clean(page)
    save_screenshot(page, f"archive-frise-{viewport['width']}")
    # By keyboard: to the decade, then to its year.
    tab_to(page, page.get_by_role("link", name="Années 1940", exact=True), max_presses=80)
    page.keyboard.press("Enter")
    year = page.get_by_role("link", name=re.compile(r"^1948 1 élément$"))
    tab_to(page, year, max_presses=5)
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"/frise/1948/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("L’archive en 1948")
    expect(page.get_by_role("link", name="La grève de 1948")).to_be_visible()
    expect(page.get_by_role("link", name="La lampe du galibot")).to_have_count(0)  # 1958
    expect(page.get_by_text("la grande grève des mineurs")).to_be_visible()
    current = page.locator('.frise-years [aria-current="page"]')
    expect(current).to_have_text("1948")
    assert_axe_clean(page)
    save_screenshot(page, f"archive-frise-1948-{viewport['width']}")
    page_problems.assert_none()


@SIZES
def test_map_without_tiles_shows_its_base_under_a_pin(
    page, page_problems, demo_site, viewport, settings
):
    settings.MAP_TILE_URL = ""
    archive = demo_site.items[0].get_parent()
    PlaceFactory(name="Les terrils jumeaux", latitude=50.4442, longitude=2.7760)
    page.goto(f"{archive.url}lieux/")

    carte = page.get_by_role("region", name="Carte des lieux de l’archive")
    expect(carte.locator(".leaflet-overlay-pane path").first).to_be_visible()
    assert carte.locator(".leaflet-overlay-pane path").count() >= 5
    expect(
        carte.get_by_role("link", name="Fond schématique du projet (CC0), approximatif")
    ).to_be_visible()
    pin = carte.get_by_role("button", name="Les terrils jumeaux")
    expect(pin).to_be_visible()
    pin.focus()
    page.keyboard.press("Enter")
    expect(carte.locator(".leaflet-popup-content")).to_contain_text("Les terrils jumeaux")
    assert_axe_clean(page)
    save_screenshot(page, f"archive-carte-{viewport['width']}")
    page_problems.assert_none()
