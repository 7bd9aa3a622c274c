"""The home page in a real browser: it loads cleanly and works with the keyboard alone."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.browser import (
    DESKTOP,
    PHONE,
    axe_violations,
    describe_violations,
    focus_outline,
    focus_ring,
    save_screenshot,
    tab_to,
)


def test_home_page_renders_without_console_error_or_failed_request(page, page_problems, demo_site):
    page.goto("/")

    expect(page.get_by_role("heading", level=1)).to_have_text(demo_site.home.title)
    expect(page.get_by_role("heading", name="Les Gohelliades 2026")).to_be_visible()
    expect(page.get_by_role("link", name="La lampe du galibot")).to_be_visible()
    for image in page.locator("main img").all():
        image.scroll_into_view_if_needed()
        assert image.evaluate("img => img.complete && img.naturalWidth > 0"), image
    page.wait_for_load_state("networkidle")
    page_problems.assert_none()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_skip_link_is_first_stop_and_moves_focus_to_main(page, demo_site, viewport):
    page.goto("/")

    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Aller au contenu")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()
    assert focus_outline(page)["style"] != "none"

    page.keyboard.press("Enter")

    expect(page.locator("main")).to_be_focused()
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.querySelector('main').contains(document.activeElement)")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_main_navigation_follows_a_link_by_keyboard(page, page_problems, demo_site, viewport):
    page.goto("/")
    nav = page.get_by_role("navigation", name="Navigation principale")
    about = nav.get_by_role("link", name="À propos")

    tab_to(page, about)
    outline = focus_outline(page)
    page.keyboard.press("Enter")

    assert outline["style"] != "none" and outline["width"] != "0px"
    expect(page).to_have_url(re.compile(re.escape(demo_site.about.url) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("À propos")
    expect(nav.get_by_role("link", name="À propos")).to_have_attribute("aria-current", "page")
    page_problems.assert_none()


def test_language_switcher_works_by_keyboard(page, page_problems, demo_site):
    page.goto(demo_site.about.url)
    english = page.get_by_role("link", name="English")

    tab_to(page, english)
    assert focus_outline(page)["style"] != "none"
    page.keyboard.press("Enter")

    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert page.url.endswith(demo_site.about.url)
    expect(page.get_by_role("link", name="Français")).to_be_visible()
    page_problems.assert_none()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_home_page_has_no_accessibility_violation(page, demo_site, viewport, request):
    page.goto("/")
    page.wait_for_load_state("networkidle")

    violations = axe_violations(page)

    save_screenshot(page, request.node.name)
    assert violations == [], describe_violations(violations)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_every_focus_stop_on_home_page_shows_a_contrasted_ring(page, demo_site, viewport):
    page.goto("/")
    page.wait_for_load_state("networkidle")
    rings = []
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement === document.body"):
            break
        rings.append(focus_ring(page))

    faint = [r for r in rings if r["style"] == "none" or r["width"] < 2 or r["contrast"] < 3]
    assert len(rings) > 10
    assert faint == [], faint


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_home_page_fits_the_screen_and_title_clears_the_header(page, demo_site, viewport):
    page.goto("/")
    page.wait_for_load_state("networkidle")

    header = page.locator(".site-header").bounding_box()
    title = page.get_by_role("heading", level=1).bounding_box()
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")

    assert title["y"] >= header["y"] + header["height"]
    assert overflow <= 0
