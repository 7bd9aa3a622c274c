"""About, legal notice, privacy and accessibility statement, as a visitor's browser shows them."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.browser import (
    DESKTOP,
    PHONE,
    axe_violations,
    describe_violations,
    focus_outline,
    save_screenshot,
    tab_to,
)

STANDARD_PAGES = ["about", "legal", "privacy", "accessibility"]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("name", STANDARD_PAGES)
def test_standard_page_has_no_accessibility_violation(
    page, page_problems, demo_site, viewport, name, request
):
    standard_page = getattr(demo_site, name)
    page.goto(standard_page.url)
    page.wait_for_load_state("networkidle")

    violations = axe_violations(page)

    save_screenshot(page, request.node.name)
    expect(page.get_by_role("heading", level=1)).to_have_text(standard_page.title)
    assert violations == [], describe_violations(violations)
    page_problems.assert_none()


def test_footer_leads_to_the_legal_pages_by_keyboard(page, page_problems, demo_site):
    page.goto("/")
    footer_nav = page.get_by_role("navigation", name="Informations légales")
    legal_link = footer_nav.get_by_role("link", name=demo_site.legal.title)

    tab_to(page, legal_link, max_presses=60)
    outline = focus_outline(page)
    page.keyboard.press("Enter")

    assert outline["style"] != "none"
    expect(page).to_have_url(re.compile(re.escape(demo_site.legal.url) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(demo_site.legal.title)
    page_problems.assert_none()
