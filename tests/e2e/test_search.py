"""The search page in a real browser, answered by the real engine (or by the database without it).

The engine is the test OpenSearch node of ``tests/search/conftest.py``; each test gets its own
index prefix. The live server runs in this process, so the settings the fixtures change apply
to it too.
"""

import re
import threading

import pytest
from django.db import connection
from playwright.sync_api import expect

from search import engine, services
from tests.e2e.browser import DESKTOP, PHONE, axe_violations, describe_violations, save_screenshot
from tests.factories.home import site_with_home
from tests.search.factories import (
    CHURCH,
    LENS,
    MINER,
    PIT_11_19,
    SPOIL_TIP,
    archive_index,
    item,
    item_at,
    place,
)

pytestmark = [pytest.mark.e2e, pytest.mark.integration]

SIZES = pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
TWIN_TIPS = {"title": "Le terril jumeau sous la neige", "kind": "photo"}
DATABASE_NOTICE = "les résultats viennent directement de la base de données"


def build_archive() -> dict:
    """Six items: four mention the terril, two of them photos; two are on the map."""
    index = archive_index(site_with_home())
    pit, lens = place(**PIT_11_19), place(**LENS)
    items = {
        "church": item(index, **CHURCH),
        "miner": item_at(index, [pit], **MINER),
        "tip": item_at(index, [lens], **SPOIL_TIP),
        "twins": item(index, **TWIN_TIPS),
        "lamp": item(index, title="La lampe du galibot", kind="object"),
        "ball": item(index, title="Le bal de la cité 5"),
    }
    services.index_rebuild()
    return items


@pytest.fixture
def archive(migrated_db, search_engine):
    return build_archive()


def search_field(page):
    return page.get_by_role("combobox", name="Un visage, une rue, une fosse, une année…")


def search_for(page, words: str) -> None:
    page.goto("/recherche/")
    field = search_field(page)
    field.fill(words)
    field.press("Enter")  # no suggestion chosen: the form is sent
    page.wait_for_url(re.compile(r"/recherche/\?"))


def hit_titles(page) -> list[str]:
    return page.locator(".search-hit__title").all_inner_texts()


def count_heading(page):
    return page.get_by_role("heading", level=2, name=re.compile(r"résultats?$"))


@SIZES
def test_visitor_finds_the_church_first_as_typed_without_accents(
    page, page_problems, archive, viewport
):
    search_for(page, "l'eglise saint vaast")

    assert hit_titles(page)[0] == CHURCH["title"]
    expect(page.locator(".search-hit").first.locator("mark").first).to_be_visible()
    expect(page.get_by_text(DATABASE_NOTICE)).to_have_count(0)
    save_screenshot(page, f"search-church-{viewport['width']}")
    page_problems.assert_none()


def test_visitor_finds_the_miner_of_fosse_11(page, page_problems, archive):
    search_for(page, "mineurs fosse 11")

    assert hit_titles(page) == [MINER["title"]]
    expect(count_heading(page)).to_have_text("1 résultat")
    page.get_by_role("link", name=MINER["title"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(MINER["title"])
    page_problems.assert_none()


@SIZES
def test_autocomplete_listbox_works_with_the_keyboard(page, page_problems, archive, viewport):
    page.goto("/recherche/")
    field = search_field(page)
    listbox = page.get_by_role("listbox", name="Suggestions")

    field.press_sequentially("terr", delay=40)

    expect(listbox).to_be_visible()
    options = listbox.get_by_role("option")
    expect(options).to_have_count(2)
    expect(options).to_have_text([re.compile("terril"), re.compile("terril")])
    expect(page.get_by_role("status").filter(has_text="suggestions")).to_have_text("2 suggestions")
    expect(field).to_have_attribute("aria-expanded", "true")
    expect(field).to_have_attribute("aria-controls", listbox.get_attribute("id"))

    field.press("ArrowDown")
    field.press("ArrowDown")
    field.press("ArrowUp")
    expect(options.nth(0)).to_have_attribute("aria-selected", "true")
    expect(options.nth(1)).to_have_attribute("aria-selected", "false")
    expect(field).to_have_attribute("aria-activedescendant", options.nth(0).get_attribute("id"))
    expect(field).to_be_focused()

    field.press("Escape")
    expect(listbox).to_be_hidden()
    expect(field).to_have_attribute("aria-expanded", "false")
    expect(field).to_have_value("terr")

    field.press("ArrowDown")  # opens the list again on the first option
    expect(listbox).to_be_visible()
    chosen = options.nth(0).locator("span").first.inner_text()
    field.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text(chosen)
    assert "/recherche/" not in page.url
    page_problems.assert_none()


def test_autocomplete_says_when_nothing_matches(page, archive):
    page.goto("/recherche/")
    field = search_field(page)

    field.press_sequentially("zzzq", delay=40)

    expect(page.get_by_role("status").filter(has_text="suggestion")).to_have_text(
        "Aucune suggestion"
    )
    expect(page.get_by_role("listbox", name="Suggestions")).to_be_hidden()


@SIZES
def test_facet_narrows_the_results_and_shows_the_count(page, page_problems, archive, viewport):
    search_for(page, "terril")
    expect(count_heading(page)).to_have_text("4 résultats")

    page.locator(".search-facets").get_by_role("link", name="Photographie").click()

    expect(count_heading(page)).to_have_text("2 résultats")
    assert sorted(hit_titles(page)) == sorted([SPOIL_TIP["title"], TWIN_TIPS["title"]])
    remove = page.get_by_role("link", name="Retirer le filtre Photographie").first
    expect(remove).to_be_visible()

    remove.click()

    expect(count_heading(page)).to_have_text("4 résultats")
    page_problems.assert_none()


@SIZES
def test_near_a_place_narrows_the_results_and_can_be_removed(
    page, page_problems, archive, viewport
):
    page.goto("/recherche/")
    page.get_by_label("Lieu", exact=True).select_option(label="Base 11/19")
    page.get_by_label("Distance").select_option(label="2 km")
    page.get_by_role("button", name="Appliquer").click()

    expect(count_heading(page)).to_have_text("1 résultat")
    assert hit_titles(page) == [MINER["title"]]
    expect(page.get_by_text("À moins de 2 km de Base 11/19")).to_be_visible()

    page.get_by_label("Distance").select_option(label="5 km")
    page.get_by_role("button", name="Appliquer").click()
    expect(count_heading(page)).to_have_text("2 résultats")

    page.get_by_role("link", name="Retirer le filtre À moins de 5 km de Base 11/19").click()
    expect(count_heading(page)).to_have_text("6 résultats")
    expect(page.get_by_label("Lieu", exact=True)).to_have_value("")
    page_problems.assert_none()


def test_frozen_engine_still_answers_from_the_database_with_a_notice(
    page,
    archive,
    search_engine,
    settings,
):
    settings.ELASTICSEARCH_TIMEOUT = 1
    engine.reset()
    search_engine.freeze()  # the node accepts connections and answers nothing
    try:
        search_for(page, "l'eglise saint vaast")
        titles = hit_titles(page)
        notice = page.get_by_role("status").filter(has_text=DATABASE_NOTICE)
        expect(notice).to_be_visible()
    finally:
        search_engine.thaw()

    assert titles[0] == CHURCH["title"]


def test_without_engine_the_page_answers_from_the_database(page, page_problems, settings):
    settings.ELASTICSEARCH_URL = ""
    engine.reset()
    build_archive()

    search_for(page, "mineurs fosse 11")

    assert hit_titles(page) == [MINER["title"]]
    # No engine is configured: the database's search is the search, no failure is announced.
    expect(page.get_by_text(DATABASE_NOTICE)).to_have_count(0)
    page_problems.assert_none()


def test_searches_keep_answering_while_the_index_is_rebuilt(page, page_problems, archive):
    failures, rebuilds = [], []
    stop = threading.Event()

    def keep_rebuilding():
        try:
            while not stop.is_set():
                rebuilds.append(services.index_rebuild().index)
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            failures.append(error)
        finally:
            connection.close()

    rebuilder = threading.Thread(target=keep_rebuilding)
    rebuilder.start()
    counts = []
    try:
        for _ in range(12):
            page.goto("/recherche/?q=terril")
            counts.append(count_heading(page).inner_text())
            assert len(hit_titles(page)) == 4
            assert page.get_by_text(DATABASE_NOTICE).count() == 0
    finally:
        stop.set()
        rebuilder.join()

    assert failures == []
    assert len(set(rebuilds)) >= 2
    assert set(counts) == {"4 résultats"}
    page_problems.assert_none()


@SIZES
def test_search_page_has_no_accessibility_violation(page, archive, viewport):
    search_for(page, "terril")
    page.locator(".search-facets").get_by_role("link", name="Photographie").click()
    expect(count_heading(page)).to_have_text("2 résultats")

    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)

    field = search_field(page)
    field.fill("")
    field.press_sequentially("terr", delay=40)
    expect(page.get_by_role("listbox", name="Suggestions")).to_be_visible()
    field.press("ArrowDown")
    save_screenshot(page, f"search-autocomplete-{viewport['width']}")
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)


def test_search_form_works_without_javascript(browser, live_server, archive):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto("/recherche/")
        field = page.get_by_role("searchbox", name="Un visage, une rue, une fosse, une année…")
        field.fill("mineurs fosse 11")
        page.get_by_role("button", name="Rechercher").click()

        expect(count_heading(page)).to_have_text("1 résultat")
        assert hit_titles(page) == [MINER["title"]]
        expect(page.get_by_role("combobox", name="Un visage, une rue")).to_have_count(0)
    finally:
        context.close()
