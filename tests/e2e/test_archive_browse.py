"""Browsing the archive by theme in a real browser: the list of themes and one theme's items
have no accessibility violation, headings in order included (an axe best practice: a screen
reader user jumps from heading to heading)."""

import pytest

from tests.e2e.browser import DESKTOP, PHONE, WCAG_21_AA, assert_axe_clean
from tests.factories.archive import ThemeFactory

WITH_BEST_PRACTICES = [*WCAG_21_AA, "best-practice"]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_theme_listing_and_a_theme_have_no_accessibility_violation(page, demo_site, viewport):
    theme = ThemeFactory(name="La Sainte-Barbe", description="La fête des mineurs, le 4 décembre.")
    for item in demo_site.items:
        item.themes.set([theme])
        item.save_revision().publish()
    archive = demo_site.items[0].get_parent()

    page.goto(f"{archive.url}themes/")
    page.get_by_role("link", name="La Sainte-Barbe").click()
    page.wait_for_url(f"**/themes/{theme.slug}/")
    page.wait_for_load_state("networkidle")
    assert_axe_clean(page, tags=WITH_BEST_PRACTICES)

    page.goto(f"{archive.url}themes/")
    page.wait_for_load_state("networkidle")
    assert_axe_clean(page, tags=WITH_BEST_PRACTICES)
