"""The oral-history player in a real browser: a 70-minute interview on two tapes, followed as
it plays, opened at 1:02:10 from a link, searched in place, used with the keyboard alone, and
read without JavaScript."""

import pytest
from playwright.sync_api import Page, expect

from archive.models import Segment
from tests.factories.archive import ArchiveIndexPageFactory, PlaceFactory
from tests.factories.home import site_with_home
from tests.factories.transcripts import (
    IndexSegmentFactory,
    InterviewFactory,
    OralHistoryPageFactory,
    SegmentFactory,
    TapeFactory,
    recording,
    segments,
)

from .browser import (
    DESKTOP,
    PHONE,
    axe_violations,
    describe_violations,
    focus_ring,
    save_screenshot,
    tab_to,
)

FIRST_TAPE = 38 * 60  # seconds
SECOND_TAPE = 32 * 60
SAID_AT_1_02_10 = "Le jour de la fermeture, on a vu remonter la dernière berline."


@pytest.fixture
def interview(migrated_db):
    """René's 70 minutes: two tapes (38 + 32 min), a segment every 10 s, an index."""
    home = site_with_home()
    index = ArchiveIndexPageFactory(parent=home)
    index.save_revision().publish()
    item = OralHistoryPageFactory(parent=index, title="René D., quarante ans au fond")
    item.save_revision().publish()
    interview = InterviewFactory(page=item, speakers_note="René D., mineur ; Claire M.")
    for number, seconds in enumerate((FIRST_TAPE, SECOND_TAPE)):
        TapeFactory(
            interview=interview,
            title=f"Cassette {number + 1}",
            media_file=recording(seconds=seconds, rate=3000, title=f"Cassette {number + 1}"),
            duration=None,
            sort_order=number,
        )
    segments(interview, (FIRST_TAPE + SECOND_TAPE) // 10)
    Segment.objects.filter(interview=interview, start=3_730_000).update(
        speaker="René", text=SAID_AT_1_02_10
    )
    IndexSegmentFactory(interview=interview, start=0, title="L'enfance à la cité")
    closing = IndexSegmentFactory(
        interview=interview,
        start=3_730_000,
        title="La fermeture de la fosse",
        synopsis="En 1986, le silence tombe sur la cité.",
        keywords="fermeture, 1986",
    )
    closing.places.add(PlaceFactory(name="Base 11/19", slug="base-11-19"))
    return interview


def _segment(page: Page, start_ms: int):
    return page.locator(f'.oh-segment[data-oh-start="{start_ms}"]')


def _media_time(page: Page, tape: int) -> float:
    return page.locator("video.oh-player").nth(tape).evaluate("media => media.currentTime")


UNCOVERED = """element => {
    const box = element.getBoundingClientRect();
    const seen = document.elementFromPoint(box.left + 8, box.top + box.height / 2);
    return element.contains(seen);
}"""


def wait_until_uncovered(page: Page, locator) -> None:
    """Until what a person sees at the element's centre is the element (not the sticky
    player, not off the screen), once any smooth scroll has ended."""
    page.wait_for_function(UNCOVERED, arg=locator.element_handle(), timeout=5_000)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("address", ["?t=1:02:10", "#t=3730"])
def test_link_to_1_02_10_opens_the_second_tape_there_with_the_segment_shown(
    page, page_problems, interview, address, viewport
):

    page.goto(interview.page.url + address)

    said_then = _segment(page, 3_730_000)
    expect(said_then).to_have_class("oh-segment is-current")
    expect(said_then).to_have_attribute("aria-current", "true")
    expect(said_then).to_be_in_viewport()
    expect(page.locator(".oh-segment.is-current")).to_have_count(1)
    # 1:02:10 is 24 min 10 s into the second tape.
    page.wait_for_function(
        "() => Math.abs(document.querySelectorAll('video.oh-player')[1].currentTime - 1450) < 1"
    )
    assert _media_time(page, 0) == 0
    # Captions are on, made from the transcript on the second tape's own clock.
    page.wait_for_function(
        """text => {
            const track = document.querySelectorAll('video.oh-player')[1].textTracks[0];
            return track.mode === 'showing' && track.activeCues && track.activeCues.length
                && track.activeCues[0].text.includes(text);
        }""",
        arg="dernière berline",
    )
    wait_until_uncovered(page, said_then)
    # The page ends with its footer: the long transcript scrolls in its box, not the page.
    assert page.evaluate(
        "() => document.documentElement.scrollHeight <= window.scrollY +"
        " document.querySelector('.site-footer').getBoundingClientRect().bottom + 1"
    )
    kind = "query" if address[0] == "?" else "hash"
    save_screenshot(page, f"oral-history-{kind}-{viewport['width']}")
    violations = axe_violations(page)
    assert not violations, describe_violations(violations)
    page_problems.assert_none()


def test_clicking_a_time_seeks_there_and_playing_moves_the_highlight(
    page, page_problems, interview
):
    page.goto(interview.page.url)

    _segment(page, 50_000).locator(".oh-seek").click()

    expect(_segment(page, 50_000)).to_have_attribute("aria-current", "true")
    assert "?t=0:50#segment-" in page.url
    page.wait_for_function(
        "() => { const m = document.querySelector('video.oh-player');"
        " return !m.paused && m.currentTime >= 50 && m.currentTime < 55; }"
    )
    # Playing on past 1:00 makes the next segment the current one, and only that one.
    page.locator("video.oh-player").first.evaluate("media => { media.currentTime = 59.5; }")
    expect(_segment(page, 60_000)).to_have_attribute("aria-current", "true", timeout=5_000)
    expect(_segment(page, 50_000)).not_to_have_attribute("aria-current", "true")
    # Dragging the slider (a seek without a click on the transcript) moves the highlight too.
    page.locator("video.oh-player").first.evaluate("media => { media.currentTime = 125.5; }")
    expect(_segment(page, 120_000)).to_have_class("oh-segment is-current")
    expect(page.locator(".oh-segment.is-current")).to_have_count(1)
    page_problems.assert_none()


def test_a_chapter_of_the_index_seeks_across_tapes(page, page_problems, interview):
    page.goto(interview.page.url)

    page.locator(".oh-index").get_by_role("link", name="La fermeture de la fosse").click()

    expect(_segment(page, 3_730_000)).to_have_attribute("aria-current", "true")
    page.wait_for_function(
        "() => { const [first, second] = document.querySelectorAll('video.oh-player');"
        " return first.paused && !second.paused && second.currentTime >= 1450; }"
    )
    page_problems.assert_none()


@pytest.mark.parametrize("viewport", [PHONE], ids=["phone"])
def test_on_a_phone_the_segment_followed_is_not_hidden_under_the_player(
    page, page_problems, migrated_db, viewport
):
    home = site_with_home()
    index = ArchiveIndexPageFactory(parent=home)
    index.save_revision().publish()
    item = OralHistoryPageFactory(parent=index)
    item.save_revision().publish()
    interview = InterviewFactory(page=item)
    TapeFactory(interview=interview, title="", media_file=recording(seconds=600, rate=3000))
    segments(interview, 60)
    page.goto(item.url + "?t=8:00")
    expect(_segment(page, 480_000)).to_have_attribute("aria-current", "true")

    # Back to 0:50 with the slider: the transcript scrolls up to the segment said then.
    page.locator("video.oh-player").evaluate("media => { media.currentTime = 50.5; }")

    said_then = _segment(page, 50_000)
    expect(said_then).to_have_attribute("aria-current", "true")
    wait_until_uncovered(page, said_then.locator(".oh-seek"))
    page_problems.assert_none()


def test_the_end_of_the_first_tape_goes_on_with_the_second(page, page_problems, interview):
    page.goto(interview.page.url + "?t=37:58")
    first, second = page.locator("video.oh-player").all()

    first.evaluate("media => media.play()")

    page.wait_for_function(
        "() => { const [first, second] = document.querySelectorAll('video.oh-player');"
        " return first.ended && !second.paused && second.currentTime > 0; }",
        timeout=10_000,
    )
    expect(_segment(page, FIRST_TAPE * 1000)).to_have_attribute("aria-current", "true")
    assert second.evaluate("media => media.currentTime") < 5
    page_problems.assert_none()


def test_searching_the_transcript_keeps_only_passages_with_the_words(page, interview):
    page.goto(interview.page.url)
    search = page.get_by_label("Chercher dans l'index et la transcription")

    search.fill("derniere berline")  # without the accent, as people type

    visible = page.locator(".oh-segment:visible")
    expect(visible).to_have_count(1)
    expect(visible).to_contain_text(SAID_AT_1_02_10)
    expect(page.locator(".oh-chapter:visible")).to_have_count(0)
    expect(page.locator("#oh-filter-status")).to_have_text("1 passage trouvé.")

    search.fill("fermeture")
    expect(page.locator(".oh-chapter:visible .oh-chapter__title")).to_have_text(
        ["La fermeture de la fosse"]
    )
    expect(page.locator(".oh-segment:visible")).to_have_count(1)

    search.fill("de l'entretien")  # every passage but the one said at 1:02:10
    count = interview.segments.count() - 1
    expect(page.locator("#oh-filter-status")).to_have_text(f"{count} passages trouvés.")

    search.fill("grisou")
    expect(page.locator("#oh-filter-status")).to_have_text("Aucun passage ne contient ces mots.")
    search.fill("")
    expect(page.locator(".oh-segment:visible")).to_have_count(interview.segments.count())


def test_keyboard_alone_reaches_the_player_and_the_segments_and_enter_seeks(
    page, page_problems, interview
):
    page.goto(interview.page.url)

    tab_to(page, page.locator("video.oh-player").first, max_presses=60)
    page.keyboard.press("Space")
    page.wait_for_function("() => !document.querySelector('video.oh-player').paused")
    page.keyboard.press("Space")

    first_time = _segment(page, 0).locator(".oh-seek")
    tab_to(page, first_time, max_presses=60)
    ring = focus_ring(page)
    assert ring["style"] != "none" and ring["width"] >= 2 and ring["contrast"] >= 3, ring
    for _ in range(3):
        page.keyboard.press("ArrowDown")  # from one time to the next, as the help says
    expect(_segment(page, 30_000).locator(".oh-seek")).to_be_focused()
    page.keyboard.press("Enter")

    expect(_segment(page, 30_000)).to_have_attribute("aria-current", "true")
    page.wait_for_function(
        "() => { const m = document.querySelector('video.oh-player');"
        " return m.currentTime >= 30 && m.currentTime < 35; }"
    )
    expect(_segment(page, 30_000).locator(".oh-seek")).to_be_focused()
    page_problems.assert_none()


def test_without_javascript_the_transcript_reads_and_its_times_are_links(
    browser, live_server, interview
):
    context = browser.new_context(
        base_url=live_server.url, locale="fr-FR", java_script_enabled=False
    )
    page = context.new_page()
    try:
        page.goto(interview.page.url)
        expect(page.get_by_text(SAID_AT_1_02_10)).to_be_visible()
        expect(page.get_by_label("Chercher dans l'index et la transcription")).to_be_hidden()

        _segment(page, 3_730_000).locator(".oh-seek").click()

        assert "?t=1:02:10#segment-" in page.url
        expect(_segment(page, 3_730_000)).to_have_class("oh-segment is-current")
        expect(_segment(page, 3_730_000)).to_be_in_viewport()
        second_tape = page.locator("video.oh-player").nth(1)
        assert second_tape.get_attribute("src").endswith(".wav#t=1450")
        with page.expect_download() as download:
            page.get_by_role("link", name="texte", exact=True).click()
        assert download.value.suggested_filename.endswith("-transcription.txt")
    finally:
        context.close()


def test_interview_without_recording_is_a_transcript_that_still_follows_links(
    page, page_problems, migrated_db
):
    home = site_with_home()
    index = ArchiveIndexPageFactory(parent=home)
    index.save_revision().publish()
    item = OralHistoryPageFactory(parent=index, title="Raymonde L., tenir la maison")
    item.save_revision().publish()
    interview = InterviewFactory(page=item, speakers_note="Raymonde L. ; des élèves")
    SegmentFactory(interview=interview, start=0, end=40_000, speaker="Raymonde L.")
    later = SegmentFactory(
        interview=interview, start=40_000, end=90_000, text="Le lundi, la grande lessive."
    )

    page.goto(item.url)
    expect(page.get_by_text("Cet entretien n'a pas d'enregistrement public")).to_be_visible()
    page.locator(f"#segment-{later.pk} .oh-seek").click()

    expect(page.locator(f"#segment-{later.pk}")).to_have_attribute("aria-current", "true")
    violations = axe_violations(page)
    assert not violations, describe_violations(violations)
    page_problems.assert_none()
