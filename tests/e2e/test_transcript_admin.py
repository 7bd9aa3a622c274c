"""An editor corrects a long transcript in the admin's segment editor, in a real browser."""

import re

import pytest
from playwright.sync_api import expect

from archive.models import ArchiveIndexPage, Interview
from tests.e2e.browser import admin_log_in, axe_violations, describe_violations
from tests.factories.transcripts import OralHistoryPageFactory, segments

pytestmark = pytest.mark.e2e


@pytest.fixture
def interview(demo_site, django_user_model):
    item = OralHistoryPageFactory(
        parent=ArchiveIndexPage.objects.get(), title="Raymonde, le lavoir de la cité 5"
    )
    interview = Interview.objects.create(page=item, speakers_note="Raymonde L. ; Anne L.")
    segments(interview, 120)  # twenty minutes, a passage every ten seconds
    django_user_model.objects.create_superuser("editrice", "editrice@exemple.fr", "cite-5-1950")
    return interview


def test_editor_fixes_a_passage_of_the_second_window_and_sees_errors_next_to_it(
    page, page_problems, interview
):
    admin_log_in(page, "editrice", "cite-5-1950")

    page.goto(f"/admin/archive/transcriptions/{interview.pk}/segments/?t=0:12:00")
    rows = page.locator("#segment-editor tbody tr")
    expect(rows.first.locator("input[name$='-start']")).to_have_value(re.compile("00:10:00"))
    expect(rows).to_have_count(61)  # ten minutes of passages and one empty row to add one

    # A text corrected, and an end that runs into the next passage.
    first = rows.first
    first.locator("textarea").fill("On lavait le linge au lavoir de la cité 5, le lundi.")
    first.locator("input[name$='-end']").fill("00:10:15")
    page.get_by_role("button", name="Enregistrer").click()

    expect(page.get_by_role("alert")).to_contain_text("Rien n'est enregistré")
    first = page.locator("#segment-editor tbody tr").first
    expect(first).to_contain_text("après le début du segment suivant")
    expect(first.locator("textarea")).to_have_value(
        "On lavait le linge au lavoir de la cité 5, le lundi."
    )
    violations = axe_violations(page)
    assert not violations, describe_violations(violations)
    assert interview.segments.filter(text__contains="lavoir").count() == 0

    first.locator("input[name$='-end']").fill("00:10:09")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("1 segment est enregistré.")).to_be_visible()

    page.goto(interview.page.url + "?t=10:00")
    expect(page.locator(".oh-segment.is-current")).to_contain_text("lavoir de la cité 5")
    page_problems.assert_none()
