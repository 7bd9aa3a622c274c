"""The festival in a real browser: a visitor on a phone, an organiser in the admin."""

import icalendar
import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from festival.models import EditionPage, EventPage
from tests.e2e.browser import (
    PHONE,
    admin_log_in,
    axe_violations,
    describe_violations,
    save_screenshot,
)
from tests.factories.festival import VenueFactory, event_at, paris


@pytest.fixture
def festival(demo_site):
    """The demo edition (12-14 June 2026) with a few events at real places."""
    edition = demo_site.edition
    base = VenueFactory(name="Base 11/19", slug="base-11-19", address="Rue de Bourgogne")
    church = VenueFactory(
        name="Église Saint-Vaast",
        slug="eglise-saint-vaast",
        latitude="50.457800",
        longitude="2.792300",
    )
    events = {
        "recit": event_at(
            edition=edition,
            start=paris(2026, 6, 13, 15, 30),
            title="Le grand récit du 11/19",
            venue=base,
            wheelchair_access=True,
        ),
        "atelier": event_at(
            edition=edition,
            start=paris(2026, 6, 13, 10, 0),
            title="Atelier lampes de mineur",
            venue=base,
        ),
        "chorale": event_at(
            edition=edition,
            start=paris(2026, 6, 13, 16, 0),
            title="Chorale des anciens mineurs",
            venue=church,
            category="concert",
        ),
        "cloture": event_at(
            edition=edition,
            start=paris(2026, 6, 14, 15, 0),
            title="Concert de clôture",
            venue=base,
            category="concert",
        ),
    }
    return edition, events


@pytest.mark.parametrize("viewport", [PHONE], ids=["phone"])
def test_visitor_on_a_phone_finds_saturday_afternoon_at_the_base_and_adds_it(
    page, page_problems, festival, viewport, tmp_path
):
    edition, _events = festival
    page.goto(edition.url)
    expect(page.locator(".map .map-pin").first).to_be_visible()  # pins without tiles
    page.get_by_role("link", name="Tout le programme").click()

    page.get_by_label("Jour", exact=True).select_option(label="Samedi 13 juin")
    page.get_by_label("Moment", exact=True).select_option(label="Après-midi")
    page.get_by_label("Lieu", exact=True).select_option(label="Base 11/19")
    page.get_by_role("button", name="Afficher").click()

    results = page.locator(".programme-item__title")
    expect(results).to_have_text(["Le grand récit du 11/19"])
    expect(page.get_by_text("15\u00a0h\u00a030 – 17\u00a0h")).to_be_visible()
    save_screenshot(page, "festival-programme-phone")
    violations = axe_violations(page)
    assert not violations, describe_violations(violations)

    page.get_by_role("link", name="Le grand récit du 11/19").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Le grand récit du 11/19")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Ajouter à mon agenda").click()
    path = tmp_path / "agenda.ics"
    download_info.value.save_as(path)

    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    (vevent,) = calendar.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Le grand récit du 11/19"
    assert vevent["DTSTART"].params["TZID"] == "Europe/Paris"
    assert (vevent["DTSTART"].dt.hour, vevent["DTSTART"].dt.minute) == (15, 30)
    page.wait_for_load_state("networkidle")
    page_problems.assert_none()


def test_organiser_prepares_next_year_in_the_admin(page, festival):
    edition, events = festival
    get_user_model().objects.create_superuser("organisatrice", "org@example.org", "terril-186")
    admin_log_in(page, "organisatrice", "terril-186")

    page.goto(f"/admin/festival/editions/{edition.pk}/programme/")
    expect(page.get_by_text("Le grand récit du 11/19")).to_be_visible()
    page.get_by_role("link", name="Préparer l'édition suivante").click()
    expect(page.get_by_label("Année de la nouvelle édition")).to_have_value("2027")
    expect(page.get_by_label("Décalage des dates, en jours")).to_have_value("364")
    page.get_by_role("button", name="Préparer l'édition").click()

    expect(page.get_by_text("L'édition 2027 est prête en brouillon")).to_be_visible()
    expect(page.get_by_role("link", name="Le grand récit du 11/19")).to_be_visible()
    save_screenshot(page, "festival-prepare-next")
    new_edition = EditionPage.objects.get(year=2027)
    copies = EventPage.objects.child_of(new_edition)
    assert sorted(copies.values_list("title", flat=True)) == sorted(
        event.title for event in events.values()
    )
    assert not copies.filter(live=True).exists()


def test_programme_prints_as_a_paper_programme(page, festival):
    edition, _events = festival
    page.goto(edition.url + "programme/")
    page.get_by_role("link", name="Tout le programme sur une page (pour l'imprimer)").click()

    page.emulate_media(media="print")

    expect(page.locator(".programme-filters")).to_be_hidden()
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.get_by_text("Du vendredi 12 juin au dimanche 14 juin 2026")).to_be_visible()
    expect(page.locator(".programme-item__title")).to_have_count(4)
    save_screenshot(page, "festival-programme-print")


@pytest.mark.parametrize("viewport", [PHONE], ids=["phone"])
def test_edition_and_event_pages_pass_the_accessibility_scan(
    page, page_problems, festival, viewport
):
    edition, events = festival
    for url in (edition.url, events["recit"].url):
        page.goto(url)
        expect(page.locator(".map .map-pin").first).to_be_visible()
        violations = axe_violations(page)
        assert not violations, f"{url}\n{describe_violations(violations)}"
    page.wait_for_load_state("networkidle")
    page_problems.assert_none()
