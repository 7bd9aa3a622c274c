"""A first visit, in a real browser at phone and desktop sizes: every call to act of the home
page is one click from its action (the contribution form; next edition's shifts, then a
sign-up), and the archive opens on its oral histories by kind. Each page is axe-clean. The
pages of a first visit fit a phone (390 px) and a desktop (1280 px) without scrolling sideways;
each is shot at both sizes in test-results/e2e/ (``first-visit-<page>-<size>.png``)."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from archive.models import ItemKind
from festival.models import FestivalIndexPage
from tests.factories.archive import ArchiveItemPageFactory
from tests.factories.festival import EditionPageFactory, VenueFactory, event_at, paris
from tests.factories.transcripts import recording
from tests.factories.volunteers import ShiftFactory, VolunteerRoleFactory

from .browser import DESKTOP, PHONE, axe_violations, describe_violations, save_screenshot

YEAR = timezone.now().year + 1
VIEWPORTS = pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])


def assert_axe_clean(page) -> None:
    violations = axe_violations(page)
    assert not violations, f"{page.url}\n{describe_violations(violations)}"


@pytest.fixture
def first_visit(demo_site):
    """The demo in small, with next year's edition and its shifts, and an oral history one
    can listen to."""
    edition = EditionPageFactory(
        parent=FestivalIndexPage.objects.get(),
        year=YEAR,
        start_date=datetime.date(YEAR, 6, 12),
        end_date=datetime.date(YEAR, 6, 14),
    )
    shift = ShiftFactory(
        edition=edition,
        role=VolunteerRoleFactory(name="Guide de terril"),
        start=paris(YEAR, 6, 13, 9),
        end=paris(YEAR, 6, 13, 12),
    )
    oral_history = ArchiveItemPageFactory(
        parent=demo_site.items[0].get_parent(),
        title="La voix du galibot",
        kind=ItemKind.ORAL_HISTORY,
        media_file=recording(title="La voix du galibot"),
    )
    return demo_site, edition, shift, oral_history


@VIEWPORTS
def test_home_leads_to_the_contribution_form_in_one_click(
    page, page_problems, first_visit, viewport
):
    page.goto("/")
    assert_axe_clean(page)

    page.get_by_role("link", name="Contribuer à l'archive").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Confier un souvenir à l'archive")
    expect(page.locator("form[data-contribute-form]")).to_be_visible()
    assert_axe_clean(page)
    page_problems.assert_none()


@VIEWPORTS
def test_home_leads_to_next_editions_shifts_and_a_sign_up(
    page, page_problems, first_visit, viewport
):
    _, _, shift, _ = first_visit
    page.goto("/")

    page.get_by_role("link", name="Voir les créneaux").click()

    page.wait_for_url(f"**/benevoles/{YEAR}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Devenir bénévole")
    page.locator(f"label[for=creneau-{shift.pk}]").click()
    page.get_by_label("Prénom et nom").fill("Marie Lefebvre")
    page.get_by_label("Adresse e-mail").fill("marie@exemple.fr")
    page.get_by_label("Je remplis les conditions").check()
    page.get_by_label("J'accepte que mes coordonnées").check()
    assert_axe_clean(page)
    page.get_by_role("button", name="Je m'inscris").click()
    page.wait_for_url(f"**/benevoles/{YEAR}/merci/")
    page_problems.assert_none()


@VIEWPORTS
def test_archive_opens_on_oral_histories_by_kind(page, page_problems, first_visit, viewport):
    demo_site, _, _, oral_history = first_visit
    archive = demo_site.items[0].get_parent()
    page.goto(archive.url)
    assert_axe_clean(page)

    kinds = page.get_by_role("navigation", name="Écouter, regarder, lire")
    kinds.get_by_role("link", name="Témoignages oraux").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Témoignages oraux")
    expect(page.get_by_role("link", name="La lampe du galibot")).to_have_count(0)  # a photo
    assert_axe_clean(page)
    save_screenshot(
        page, f"first-visit-oral-histories-{'phone' if viewport == PHONE else 'desktop'}"
    )
    page.get_by_role("link", name="La voix du galibot").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("La voix du galibot")
    expect(page.locator("audio")).to_be_attached()
    assert page.url.endswith(oral_history.url)
    page_problems.assert_none()


@VIEWPORTS
def test_home_invites_to_listen_to_an_oral_history(page, page_problems, first_visit, viewport):
    page.goto("/")

    page.get_by_role("link", name="Écouter le témoignage").click()

    expect(page).to_have_url(re.compile(r"/la-voix-du-galibot/#media-title$"))
    expect(page.locator("audio")).to_be_attached()
    assert_axe_clean(page)
    page_problems.assert_none()


@VIEWPORTS
def test_first_visit_pages_fit_the_screen_without_scrolling_sideways(
    page, page_problems, first_visit, viewport, settings
):
    settings.MAP_TILE_URL = ""  # the project's own base, no tile server
    demo_site, edition, _, oral_history = first_visit
    event_at(
        edition=edition,
        start=paris(YEAR, 6, 13, 15, 30),
        title="Le grand récit du 11/19, joué par les habitants de la cité",
        venue=VenueFactory(name="Base 11/19", slug="base-11-19"),
    )
    archive = demo_site.items[0].get_parent()
    pages = {
        "home": "/",
        "archive": archive.url,
        "item": demo_site.items[0].url,
        "oral-history": oral_history.url,
        "timeline": f"{archive.url}frise/",
        "map": f"{archive.url}lieux/",
        "edition": edition.url,
        "programme": f"{edition.url}programme/",
        "shifts": reverse("festival_volunteers:signup", args=[YEAR]),
    }
    size = "phone" if viewport == PHONE else "desktop"
    too_wide = {}
    for name, url in pages.items():
        page.goto(url)
        page.wait_for_load_state("networkidle")
        width = page.evaluate("() => document.documentElement.scrollWidth")
        if width > viewport["width"]:
            too_wide[name] = width
        save_screenshot(page, f"first-visit-{name}-{size}")

    assert too_wide == {}, f"pages wider than {viewport['width']} px: {too_wide}"
    page_problems.assert_none()
