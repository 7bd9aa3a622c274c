"""Issue 7's "done when", end to end in a real browser, on the real search engine.

An editor imports a 70-minute interview's WebVTT file in the admin; a visitor searches a word
said at 1:02:10, lands on the player at that second with the passage highlighted; the
transcript reads well to a screen reader and works from the keyboard."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import expect

from archive.models import ArchiveIndexPage, Interview, Tape
from media.services import media_file_create
from search import services
from tests.e2e.browser import admin_log_in, axe_violations, describe_violations
from tests.factories.transcripts import OralHistoryPageFactory, wav_bytes

pytestmark = pytest.mark.e2e

SEVENTY_MINUTES = 70 * 60
SAID_AT = 3730  # 1:02:10
WORDS = "On remontait à la lampisterie, on rendait la lampe et on rentrait à la cité"


def vtt_time(seconds: float) -> str:
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(int(minutes), 60)
    return f"{hours:02d}:{minutes:02d}:{seconds:06.3f}"


def seventy_minute_webvtt() -> str:
    """A cue every 10 seconds for 70 minutes; the one at 1:02:10 names the pit pony."""
    cues = ["WEBVTT", ""]
    for start in range(0, SEVENTY_MINUTES, 10):
        speaker = "Marcel" if start % 20 else "Anne"
        text = f"{WORDS}, passage {start // 10}."
        if start == SAID_AT:
            text = "Le cheval Bijou tirait les berlines dans la galerie, il connaissait le chemin."
        end = start + 9.5
        cues += [
            f"{vtt_time(start)} --> {vtt_time(end)}",
            f"<v {speaker}>{text}",
            "",
        ]
    return "\n".join(cues)


@pytest.fixture
def interview(migrated_db, search_engine, demo_site):
    index = ArchiveIndexPage.objects.get()
    item = OralHistoryPageFactory(parent=index, title="Marcel, galibot à la fosse 11")
    # A real 70-minute recording, low sample rate to stay small; sanitised like an upload.
    upload = SimpleUploadedFile(
        "marcel.wav", wav_bytes(seconds=SEVENTY_MINUTES, rate=4000), "audio/wav"
    )
    recording = media_file_create(upload=upload, title="Entretien de Marcel")
    interview = Interview.objects.create(page=item, speakers_note="Marcel D. ; Anne L.")
    Tape.objects.create(interview=interview, title="Cassette 1", media_file=recording)
    services.index_rebuild()
    return interview


def _log_in_as_editor(page, django_user_model):
    django_user_model.objects.create_superuser("editrice", "editrice@exemple.fr", "fosse-11-19")
    admin_log_in(page, "editrice", "fosse-11-19")


def test_editor_imports_70_minutes_and_visitor_lands_on_the_second_said(
    page, page_problems, interview, django_user_model, tmp_path
):
    vtt = tmp_path / "marcel.vtt"
    vtt.write_text(seventy_minute_webvtt(), encoding="utf-8")

    _log_in_as_editor(page, django_user_model)
    page.goto(f"/admin/archive/transcriptions/{interview.pk}/importer/")
    page.locator("input[type=file]").set_input_files(vtt)
    page.get_by_role("button", name="Importer").click()
    expect(page.get_by_text(re.compile("420 segments importés"))).to_be_visible()
    assert interview.segments.count() == 420

    # A visitor searches a word said at 1:02:10.
    page.goto("/recherche/?q=cheval+bijou")
    expect(page.locator(".search-notice")).to_have_count(0)  # answered by the engine
    hit = page.locator(".search-hit").first
    expect(hit).to_contain_text("1:02:10")
    expect(hit).to_contain_text("Marcel, galibot à la fosse 11")
    hit.get_by_role("link").first.click()

    expect(page).to_have_url(re.compile(rf"\?t={SAID_AT}"))
    current = page.locator(".oh-segment[aria-current='true']")
    expect(current).to_have_count(1)
    expect(current).to_contain_text("Le cheval Bijou")
    expect(current).to_be_in_viewport()
    page.wait_for_function(
        f"Math.abs(document.querySelector('video.oh-player').currentTime - {SAID_AT}) < 2"
    )

    # What a screen reader announces: times spoken, not read as digits and colons.
    transcript = page.get_by_role("region", name="Transcription")
    expect(current.locator("a.oh-seek")).to_have_accessible_name("à 1 heure 2 minutes 10 secondes")
    spoken = [line for line in transcript.aria_snapshot().splitlines() if "/url:" not in line]
    assert not [line for line in spoken if re.search(r"\d:\d\d", line)]

    # From the keyboard: the passage's time is a link; Enter plays from there.
    link = current.locator("a.oh-seek")
    link.focus()
    expect(link).to_be_focused()
    page.keyboard.press("ArrowDown")
    following = page.locator(".oh-segment a.oh-seek:focus")
    expect(following).to_have_count(1)
    page.keyboard.press("Enter")
    page.wait_for_function(
        f"Math.abs(document.querySelector('video.oh-player').currentTime - {SAID_AT + 10}) < 2"
    )

    violations = axe_violations(page)
    assert not violations, describe_violations(violations)
    page_problems.assert_none()
