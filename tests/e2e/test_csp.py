"""The Content-Security-Policy enforced in a real browser: every kind of public page a visitor
opens and every admin page an editor uses, with zero violations and nothing broken; the
admin's lists of what the public sent run no inline script at all.

Unlike the other browser tests, this one does not bypass the policy (``bypass_csp`` is
False here): an inline script or style without the page's nonce, or a file from an origin
the policy does not name, is blocked as in a visitor's browser, and recorded.
"""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from archive.contributions.services import contribution_create
from archive.models import ArchiveIndexPage, ContributionStatus, ItemKind, Segment
from festival.models import FestivalIndexPage
from search import services as search_services
from tests.e2e.browser import admin_log_in
from tests.factories.archive import ArchiveItemPageFactory, PlaceFactory, contribution_data
from tests.factories.festival import EditionPageFactory, VenueFactory, event_at, paris
from tests.factories.media import png_bytes
from tests.factories.transcripts import (
    InterviewFactory,
    OralHistoryPageFactory,
    TapeFactory,
    recording,
    segments,
)
from tests.factories.volunteers import ShiftFactory, VolunteerRoleFactory

pytestmark = [pytest.mark.e2e, pytest.mark.integration]

YEAR = timezone.now().year + 1

# In every document and frame, before any of the page's own scripts: report each violation
# to the test (the binding lives outside the page, so the policy cannot block it).
RECORD_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
    window.__cspViolation({
        page: location.pathname + location.search,
        directive: event.effectiveDirective,
        blocked: event.blockedURI,
        source: event.sourceFile,
        line: event.lineNumber,
        sample: event.sample,
    });
}, true);
"""


@pytest.fixture
def bypass_csp() -> bool:
    return False


@pytest.fixture
def csp_violations(page: Page) -> list[str]:
    """Every violation the browser reports, by event and in the console, while the test runs."""
    seen: list[str] = []
    page.context.expose_binding(
        "__cspViolation",
        lambda _source, v: seen.append(
            f"{v['page']} : {v['directive']} bloque {v['blocked'] or '(en ligne)'}"
            f" ({v['source']}:{v['line']}) {v['sample']}"
        ),
    )
    page.context.add_init_script(RECORD_VIOLATIONS)
    page.on(
        "console",
        lambda msg: (
            seen.append(f"console : {msg.text}") if "Content Security Policy" in msg.text else None
        ),
    )
    return seen


def assert_no_violation(violations: list[str]) -> None:
    assert not violations, "Violations de la Content-Security-Policy :\n" + "\n".join(violations)


INSERT_SCRIPT = """([nonce, src]) => {
    window.__canary = false;
    const script = document.createElement("script");
    if (nonce) script.nonce = nonce;
    if (src) script.src = src; else script.textContent = "window.__canary = true;";
    document.head.append(script);
    return window.__canary;
}"""


def runs(page: Page, *, nonce: str = "", src: str = "") -> bool:
    """Whether a script put into the page now runs (an attacker's, or one with the nonce)."""
    return page.evaluate(INSERT_SCRIPT, [nonce, src])


def wait_for_report(page: Page, violations: list[str], directive: str) -> None:
    """The browser reports a refusal a moment after it: until it is in, or five seconds."""
    for _ in range(50):
        if any(directive in violation for violation in violations):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"aucune violation {directive} signalée : {violations}")


def nonce_of(response) -> str:
    policy = response.headers["content-security-policy"]
    return re.search(r"script-src [^;]*'nonce-([^']+)'", policy).group(1)


@pytest.fixture
def site(demo_site, search_engine):
    """The demo site, plus an interview with its player, a mapped programme and shifts."""
    archive = ArchiveIndexPage.objects.get()
    pit = PlaceFactory(name="Base 11/19", slug="base-11-19", latitude=50.4468, longitude=2.7915)
    photo = demo_site.items[0]
    assert photo.kind == ItemKind.PHOTO and photo.cover_image
    photo.places.add(pit)
    interview = InterviewFactory(
        page=OralHistoryPageFactory(parent=archive, title="René D., quarante ans au fond"),
        speakers_note="René D., mineur ; Claire M.",
    )
    TapeFactory(interview=interview, media_file=recording(seconds=120), duration=None)
    segments(interview, 12)
    Segment.objects.filter(interview=interview, start=50_000).update(
        text="Le terril fumait encore quand on remontait."
    )
    story = ArchiveItemPageFactory(
        parent=archive,
        title="Le terril des enfants",
        story=[("paragraph", "<p>Le dimanche, on montait sur le <b>terril</b>.</p>")],
    )
    church = VenueFactory(name="Église Saint-Vaast", latitude="50.457800", longitude="2.792300")
    event_at(
        edition=demo_site.edition,
        start=paris(2026, 6, 13, 16),
        title="Chorale des anciens mineurs",
        venue=church,
    )
    next_edition = EditionPageFactory(
        parent=FestivalIndexPage.objects.get(),
        year=YEAR,
        start_date=datetime.date(YEAR, 6, 12),
        end_date=datetime.date(YEAR, 6, 14),
    )
    ShiftFactory(
        edition=next_edition,
        role=VolunteerRoleFactory(name="Guide de terril"),
        start=paris(YEAR, 6, 13, 9),
        end=paris(YEAR, 6, 13, 12),
    )
    search_services.index_rebuild()
    return {"photo": photo, "interview": interview, "story": story, "edition": demo_site.edition}


def test_visitor_pages_break_no_rule_of_the_policy_and_still_work(
    page, page_problems, csp_violations, site, demo_site
):
    for url in (
        demo_site.home.url,
        demo_site.about.url,  # a standard page with every kind of body block
        ArchiveIndexPage.objects.get().url,
        site["photo"].url,
        site["story"].url,
        "/contribuer/",
        site["edition"].url,
        site["edition"].url + "programme/",
        f"/benevoles/{YEAR}/",
    ):
        response = page.goto(url)
        assert response.status == 200, url
        assert nonce_of(response), url
        page.wait_for_load_state("networkidle")
    assert_no_violation(csp_violations)
    page_problems.assert_none()
    # The policy is enforced: a script slipped into a page does not run, and is reported,
    # unless it carries this response's nonce.
    response = page.goto(demo_site.home.url)
    assert not runs(page)
    wait_for_report(page, csp_violations, "script-src-elem")
    assert runs(page, nonce=nonce_of(response))
    csp_violations.clear()
    page_problems.clear()

    # The edition's map draws its pins (Leaflet's script and styles are allowed).
    page.goto(site["edition"].url)
    expect(page.locator(".map .map-pin").first).to_be_visible()

    # The oral-history player: a click on a time seeks there and plays.
    page.goto(site["interview"].page.url)
    page.locator('.oh-segment[data-oh-start="50000"] .oh-seek').click()
    page.wait_for_function(
        "() => { const m = document.querySelector('video.oh-player');"
        " return !m.paused && m.currentTime >= 50 && m.currentTime < 55; }"
    )
    expect(page.locator('.oh-segment[data-oh-start="50000"]')).to_have_attribute(
        "aria-current", "true"
    )

    # Search: the autocomplete suggests as one types, then the results page.
    page.goto("/recherche/")
    field = page.get_by_role("combobox", name="Un visage, une rue, une fosse, une année…")
    field.press_sequentially("terr", delay=40)
    suggestions = page.get_by_role("listbox", name="Suggestions").get_by_role("option")
    expect(suggestions.first).to_contain_text("terril")
    field.fill("terril")
    field.press("Enter")
    page.wait_for_url(re.compile(r"/recherche/\?"))
    expect(page.locator(".search-hit__title").first).to_be_visible()

    assert_no_violation(csp_violations)
    page_problems.assert_none()


def test_editor_pages_break_no_rule_of_the_admin_policy_and_still_work(
    page, page_problems, csp_violations, site, django_user_model
):
    django_user_model.objects.create_superuser("editrice", "ed@example.org", "fosse-11-19")
    contribution_create(data=contribution_data(title="Le lavoir de la cité 9"))
    archive = ArchiveIndexPage.objects.get()
    admin_log_in(page, "editrice", "fosse-11-19")

    for url in (
        "/admin/",
        f"/admin/pages/{archive.pk}/",
        "/admin/images/",
        "/admin/snippets/archive/place/",
        "/admin/snippets/archive/residentaddition/",
        "/admin/archive/transcriptions/corrections/",
        "/admin/fifty-fifty/",
        "/admin/taidx/interventions/",
    ):
        response = page.goto(url)
        assert response.status == 200, url
        page.wait_for_load_state("networkidle")
    # The moderation queue: what residents sent, waiting for a decision.
    page.goto(f"/admin/snippets/archive/contribution/?status={ContributionStatus.IN_REVIEW}")
    expect(page.get_by_role("link", name="Le lavoir de la cité 9")).to_be_visible()

    # The page editor: its rich text editor loads with the story, and takes typing.
    page.goto(f"/admin/pages/{site['story'].pk}/edit/")
    editor = page.locator(".Draftail-Editor [contenteditable=true]").first
    expect(editor).to_contain_text("on montait sur le terril")
    editor.click()
    page.keyboard.press("End")
    page.keyboard.type(" Et on redescendait noirs.")
    expect(editor).to_contain_text("redescendait noirs")
    # The cover image chooser opens its modal (HTML and scripts fetched from the admin).
    page.get_by_role("button", name=re.compile("Choisir une image")).first.click()
    expect(page.locator(".modal-content")).to_contain_text(site["photo"].cover_image.title)
    page.locator(".modal-content").get_by_role("button", name="Fermer").click()
    expect(page.locator(".modal-content")).to_be_hidden()
    # The preview panel frames the page being edited, with the public page's scripts.
    page.locator('[data-side-panel-toggle="preview"]').click()
    preview = page.frame_locator("#w-preview-iframe")
    expect(preview.get_by_role("heading", level=1)).to_have_text("Le terril des enfants")

    # Photos sent from the admin uploader show their preview before they are saved.
    page.goto("/admin/images/multiple/add/")
    page.locator("input[type=file]").set_input_files(
        files=[{"name": "terril.png", "mimeType": "image/png", "buffer": png_bytes()}]
    )
    expect(page.locator("#upload-list .upload-success, #upload-list form").first).to_be_visible()

    # The editor's toolbar on a public page (the userbar) works under the public policy.
    page.goto(site["photo"].url)
    page.get_by_role("button", name=re.compile("Wagtail")).click()
    expect(page.get_by_role("menuitem", name=re.compile("Modifier"))).to_be_visible()
    assert_no_violation(csp_violations)
    page_problems.assert_none()

    # The admin's policy is enforced too: a script from another origin is refused.
    page.goto("/admin/")
    assert not runs(page, src="https://cdn.example.invalid/outil.js")
    wait_for_report(page, csp_violations, "script-src-elem")
    # The moderation queue, where residents' words are listed, runs no inline script at all.
    csp_violations.clear()
    page.goto("/admin/snippets/archive/contribution/")
    expect(page.get_by_role("link", name="Le lavoir de la cité 9")).to_be_visible()
    assert not runs(page)
    wait_for_report(page, csp_violations, "script-src-elem")
