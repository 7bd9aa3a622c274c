"""« Mon programme » in a real browser: a visitor stars two events without an account, finds
them on their own page and takes them away as an iCal file; while the festival runs, the « en ce
moment / à suivre » cards of the home page and of the edition page star into the same list; the
programme a day at a time still works without JavaScript."""

import datetime
import re

import icalendar
import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.browser import (
    DESKTOP,
    PHONE,
    axe_violations,
    describe_violations,
    save_screenshot,
)
from tests.factories.festival import VenueFactory, event_at, paris
from tests.factories.media import CustomImageFactory


def assert_axe_clean(page) -> None:
    violations = axe_violations(page)
    assert not violations, f"{page.url}\n{describe_violations(violations)}"


@pytest.fixture
def festival(demo_site):
    """The demo edition (12-14 June 2026): three events on Saturday, one on Sunday."""
    edition = demo_site.edition
    base = VenueFactory(name="Base 11/19", slug="base-11-19")
    event_at(
        edition=edition,
        start=paris(2026, 6, 13, 10, 0),
        title="Atelier lampes de mineur",
        venue=base,
        image=CustomImageFactory(file__width=1600, file__height=1000),
    )
    event_at(edition=edition, start=paris(2026, 6, 13, 15, 30), title="Le grand récit", venue=base)
    event_at(
        edition=edition,
        start=paris(2026, 6, 13, 16, 0),
        title="Chorale des anciens mineurs",
        venue=base,
        category="concert",
    )
    event_at(
        edition=edition,
        start=paris(2026, 6, 14, 15, 0),
        title="Concert de clôture",
        venue=base,
        category="concert",
    )
    return edition


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_visitor_stars_two_events_and_takes_mon_programme_away(
    page, page_problems, festival, viewport, tmp_path
):
    page.goto(festival.url + "programme/")
    expect(page.locator(".programme-item__title")).to_have_count(3)  # Saturday, its first day

    for title in ("Le grand récit", "Chorale des anciens mineurs"):
        star = page.get_by_role("button", name=f"Dans mon programme : {title}")
        expect(star).to_have_attribute("aria-pressed", "false")
        star.click()
        expect(star).to_have_attribute("aria-pressed", "true")
    my_programme = page.get_by_role("link", name=re.compile(r"^Mon programme\s*2$"))
    expect(my_programme).to_be_visible()
    save_screenshot(page, f"festival-programme-stars-{viewport['width']}")
    assert_axe_clean(page)

    # The stars stay with the browser: from an event page, the link leads to them too.
    page.get_by_role("link", name="Le grand récit").click()
    expect(
        page.get_by_role("button", name="Dans mon programme : Le grand récit")
    ).to_have_attribute("aria-pressed", "true")
    assert_axe_clean(page)
    page.get_by_role("link", name=re.compile(r"^Mon programme\s*2$")).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Mon programme")
    expect(page.locator(".programme-item__title")).to_have_text(
        ["Le grand récit", "Chorale des anciens mineurs"]
    )
    save_screenshot(page, f"festival-mon-programme-{viewport['width']}")
    assert_axe_clean(page)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Ajouter mon programme à mon agenda (iCal)").click()
    path = tmp_path / "mon-programme.ics"
    download_info.value.save_as(path)
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    summaries = sorted(str(vevent["SUMMARY"]) for vevent in calendar.walk("VEVENT"))
    assert summaries == ["Chorale des anciens mineurs", "Le grand récit"]

    # Opened again from a bookmark, without the list in its address: the same two events.
    page.goto(festival.url + "mon-programme/")
    expect(page.locator(".programme-item__title")).to_have_count(2)
    page.wait_for_load_state("networkidle")
    page_problems.assert_none()


@pytest.fixture
def festival_today(demo_site):
    """The demo edition running today: a show under way and a walk this evening."""
    edition = demo_site.edition
    today = timezone.localdate()
    edition.start_date, edition.end_date = today - datetime.timedelta(days=1), today
    edition.save_revision().publish()
    edition.refresh_from_db()
    now = timezone.now()
    base = VenueFactory(name="Base 11/19", slug="base-11-19")
    hour = datetime.timedelta(hours=1)
    event_at(
        edition=edition, start=now - hour, duration=3 * hour, title="Le grand récit", venue=base
    )
    event_at(edition=edition, start=now + hour, title="Balade sur les terrils", venue=base)
    return edition


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_visitor_stars_an_event_from_the_home_pages_now_next_cards(
    page, page_problems, festival_today, viewport
):
    page.goto("/")
    now_next = page.get_by_role("region", name="Pendant le festival")
    expect(now_next.get_by_role("link", name="Le grand récit")).to_be_visible()

    star = now_next.get_by_role("button", name="Dans mon programme : Balade sur les terrils")
    star.click()

    expect(star).to_have_attribute("aria-pressed", "true")
    my_programme = page.get_by_role("link", name=re.compile(r"^Mon programme\s*1$"))
    expect(my_programme).to_be_visible()
    assert_axe_clean(page)
    save_screenshot(page, f"home-now-next-stars-{viewport['width']}")
    # The same list as the programme's: starred there too, and on « Mon programme ».
    page.goto(festival_today.url + "programme/")
    expect(
        page.get_by_role("button", name="Dans mon programme : Balade sur les terrils").first
    ).to_have_attribute("aria-pressed", "true")
    page.get_by_role("link", name=re.compile(r"^Mon programme\s*1$")).click()
    expect(page.locator(".programme-item__title")).to_have_text(["Balade sur les terrils"])
    page_problems.assert_none()


def test_visitor_stars_an_event_from_the_edition_pages_now_next_cards(
    page, page_problems, festival_today
):
    page.goto(festival_today.url)
    now_next = page.get_by_role("region", name="Pendant le festival")
    expect(now_next.get_by_role("link", name="Le grand récit")).to_be_visible()

    star = now_next.get_by_role("button", name="Dans mon programme : Le grand récit")
    star.click()

    expect(star).to_have_attribute("aria-pressed", "true")
    page.get_by_role("link", name=re.compile(r"^Mon programme\s*1$")).click()
    expect(page.locator(".programme-item__title")).to_have_text(["Le grand récit"])
    page_problems.assert_none()


def test_cards_without_an_image_use_the_whole_width_on_desktop(page, festival):
    page.goto(festival.url + "programme/")

    with_image, without_image = (page.locator(".programme-item__inner").nth(n) for n in (0, 1))
    card_width = without_image.bounding_box()["width"]
    text_width = without_image.locator(".programme-item__text").bounding_box()["width"]
    assert text_width > card_width - 4
    image_text_width = with_image.locator(".programme-item__text").bounding_box()["width"]
    assert image_text_width < card_width - 150


def test_programme_days_and_filters_work_without_javascript(browser, live_server, festival):
    context = browser.new_context(
        base_url=live_server.url, locale="fr-FR", viewport=DESKTOP, java_script_enabled=False
    )
    page = context.new_page()
    page.goto(festival.url + "programme/")

    expect(page.get_by_role("button", name="Dans mon programme : Le grand récit")).to_be_hidden()
    page.get_by_label("Catégorie", exact=True).select_option(label="Concert")
    page.get_by_role("button", name="Afficher").click()
    expect(page.locator(".programme-item__title")).to_have_text(["Chorale des anciens mineurs"])

    page.get_by_role("link", name="Dimanche 14 juin 1 rendez-vous").click()

    expect(page.locator(".programme-item__title")).to_have_text(["Concert de clôture"])
    expect(page.get_by_label("Catégorie", exact=True)).to_have_value("concert")
    context.close()
