"""The segment editor: a long transcript edited ten minutes at a time in the Wagtail admin.

The pages are read and posted back as a browser would: every field of the form is sent,
with only the fields the editor touched changed."""

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from wagtail.models import ModelLogEntry

from archive.models import Segment
from search import engine
from search.models import SearchEntry
from tests.factories.transcripts import SegmentFactory, TapeFactory, segments

pytestmark = pytest.mark.django_db

SEVENTY_MINUTES = 70 * 60_000
SEGMENTS_IN_SEVENTY_MINUTES = SEVENTY_MINUTES // 10_000  # 420, one every ten seconds


@pytest.fixture
def seventy_minutes(interview):
    """A 70-minute interview on one tape: 420 segments, « Passage numéro i » at i × 10 s."""
    TapeFactory(interview=interview, duration=SEVENTY_MINUTES)
    segments(interview, SEGMENTS_IN_SEVENTY_MINUTES)
    return interview


def _url(interview, t: str = "") -> str:
    url = f"/admin/archive/transcriptions/{interview.pk}/segments/"
    return f"{url}?t={t}" if t else url


def _form_data(html: str) -> dict:
    """What a browser would send from the page's segment form, untouched."""
    form = BeautifulSoup(html, "html.parser").find("form", method="post")
    data = {}
    for field in form.find_all(["input", "textarea"]):
        name = field.get("name")
        if not name or (field.get("type") == "checkbox" and not field.has_attr("checked")):
            continue
        # A browser drops the line break that follows ``<textarea>``.
        value = field.text.removeprefix("\n") if field.name == "textarea" else None
        data[name] = value if value is not None else field.get("value", "")
    return data


def _prefix(data: dict, segment: Segment) -> str:
    """The row of ``segment`` in the form: ``segments-3``."""
    [name] = [
        name for name, value in data.items() if name.endswith("-id") and value == str(segment.pk)
    ]
    return name.removesuffix("-id")


def _new_row(data: dict) -> str:
    [name] = [name for name, value in data.items() if name.endswith("-id") and value == ""]
    return name.removesuffix("-id")


def _errors(response, prefix: str, field: str = "") -> str:
    """The errors shown under one field of a row, or under the row itself."""
    found = BeautifulSoup(response.content.decode(), "html.parser").find(
        id=f"{prefix}-{field}-errors" if field else f"{prefix}-errors"
    )
    return found.get_text() if found else ""


def _stored(interview) -> list[tuple[int, int, str]]:
    return list(interview.segments.order_by("start", "pk").values_list("start", "end", "text"))


def _open(client, interview, t: str = ""):
    response = client.get(_url(interview, t))
    assert response.status_code == 200
    return response, _form_data(response.content.decode())


def test_editor_shows_only_the_ten_minutes_holding_the_requested_time(
    editor_client, seventy_minutes
):
    response, data = _open(editor_client, seventy_minutes, "1:02:00")

    html = response.content.decode()
    texts = [value for name, value in data.items() if name.endswith("-text")]
    assert len(texts) == 60 + 1  # 01:00:00 to 01:10:00, and the empty row to add one
    assert texts[0] == "Passage numéro 360 de l'entretien."
    assert "Passage numéro 373 de l&#x27;entretien." in html
    assert "Passage numéro 359 de l&#x27;entretien." not in html
    assert "entre 01:00:00 et 01:10:00" in html


def test_editor_links_to_the_windows_before_and_after(editor_client, seventy_minutes):
    html = editor_client.get(_url(seventy_minutes, "00:25:00")).content.decode()

    assert f'href="{_url(seventy_minutes, "10:00")}"' in html
    assert f'href="{_url(seventy_minutes, "30:00")}"' in html


def test_editor_rows_link_to_the_public_page_at_their_second(editor_client, seventy_minutes):
    html = editor_client.get(_url(seventy_minutes, "1:02:00")).content.decode()

    assert f'href="{seventy_minutes.page.url}?t=1:02:10"' in html


def test_editor_jump_to_a_time_nobody_can_read_says_so_in_french(editor_client, seventy_minutes):
    html = editor_client.get(_url(seventy_minutes, "une heure")).content.decode()

    assert "« une heure » n&#x27;est pas un temps" in html
    assert "Passage numéro 0 de l&#x27;entretien." in html


@pytest.mark.parametrize("count", [6, SEGMENTS_IN_SEVENTY_MINUTES])
def test_editor_queries_do_not_grow_with_the_transcript(
    editor_client, interview, django_assert_num_queries, count
):
    TapeFactory(interview=interview, duration=SEVENTY_MINUTES)
    segments(interview, count)

    with django_assert_num_queries(13):
        response = editor_client.get(_url(interview, "00:05:00"))

    assert "Passage numéro 5 de l&#x27;entretien." in response.content.decode()


def test_editor_saves_an_edited_text_and_time_and_stays_on_the_window(
    editor_client, editor, seventy_minutes
):
    segment = seventy_minutes.segments.get(start=3_730_000)
    _response, data = _open(editor_client, seventy_minutes, "1:02:10")
    row = _prefix(data, segment)
    data[f"{row}-text"] = "Le porion nous a fait remonter par la cage."
    data[f"{row}-end"] = "01:02:19.500"

    response = editor_client.post(_url(seventy_minutes, "1:02:10"), data)

    segment.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == _url(seventy_minutes, "1:00:00")
    assert (segment.end, segment.text) == (3_739_500, "Le porion nous a fait remonter par la cage.")
    assert seventy_minutes.segments.count() == SEGMENTS_IN_SEVENTY_MINUTES
    assert ModelLogEntry.objects.filter(user=editor, action="archive.transcript.edit").exists()
    followed = editor_client.get(response["Location"]).content.decode()
    assert "1 segment est enregistré." in followed
    history = editor_client.get(
        f"/admin/snippets/archive/interview/history/{seventy_minutes.pk}/"
    ).content.decode()
    assert "Segments modifiés" in history


def test_editor_refuses_an_overlap_with_a_segment_of_the_next_window(
    editor_client, seventy_minutes
):
    before = _stored(seventy_minutes)
    last_of_window = seventy_minutes.segments.get(start=590_000)  # 00:09:50 to 00:09:59
    _response, data = _open(editor_client, seventy_minutes)
    row = _prefix(data, last_of_window)
    data[f"{row}-end"] = "00:10:05"
    data[f"{row}-text"] = "Une phrase qui déborde."

    response = editor_client.post(_url(seventy_minutes), data)

    html = response.content.decode()
    assert response.status_code == 200
    assert "après le début du segment suivant (00:10:00)" in _errors(response, row, "end")
    assert "Rien n'est enregistré" in html
    assert 'value="00:10:05"' in html  # what was typed is still there
    assert "Une phrase qui déborde." in html
    assert _stored(seventy_minutes) == before


def test_editor_refuses_an_overlap_with_a_segment_of_the_previous_window(
    editor_client, seventy_minutes
):
    before = _stored(seventy_minutes)
    first_of_window = seventy_minutes.segments.get(start=600_000)
    _response, data = _open(editor_client, seventy_minutes, "10:00")
    row = _prefix(data, first_of_window)
    data[f"{row}-start"] = "00:09:58"

    response = editor_client.post(_url(seventy_minutes, "10:00"), data)

    assert "Le segment de 00:09:58 chevauche le précédent, qui finit à 00:09:59" in _errors(
        response, row, "start"
    )
    assert _stored(seventy_minutes) == before


def test_editor_refuses_an_end_before_the_start(editor_client, seventy_minutes):
    before = _stored(seventy_minutes)
    segment = seventy_minutes.segments.get(start=20_000)
    _response, data = _open(editor_client, seventy_minutes)
    row = _prefix(data, segment)
    data[f"{row}-end"] = "00:00:15"

    response = editor_client.post(_url(seventy_minutes), data)

    assert "finit à 00:00:15, avant d'avoir commencé" in _errors(response, row, "end")
    assert _stored(seventy_minutes) == before


def test_editor_refuses_a_segment_past_the_end_of_the_recording(editor_client, seventy_minutes):
    before = _stored(seventy_minutes)
    last = seventy_minutes.segments.get(start=4_190_000)
    _response, data = _open(editor_client, seventy_minutes, "1:09:50")
    row = _prefix(data, last)
    data[f"{row}-end"] = "01:10:05"

    response = editor_client.post(_url(seventy_minutes, "1:09:50"), data)

    assert "après la fin de l'enregistrement (01:10:00)" in _errors(response, row, "end")
    assert _stored(seventy_minutes) == before


def test_editor_refuses_a_time_nobody_can_read_next_to_its_field(editor_client, seventy_minutes):
    before = _stored(seventy_minutes)
    segment = seventy_minutes.segments.get(start=0)
    _response, data = _open(editor_client, seventy_minutes)
    row = _prefix(data, segment)
    data[f"{row}-start"] = "midi"

    response = editor_client.post(_url(seventy_minutes), data)

    assert "« midi » n'est pas un temps" in _errors(response, row, "start")
    assert _stored(seventy_minutes) == before


def test_editor_deletes_a_segment_and_adds_one_in_the_same_save(editor_client, seventy_minutes):
    removed = seventy_minutes.segments.get(start=30_000)
    _response, data = _open(editor_client, seventy_minutes)
    data[f"{_prefix(data, removed)}-DELETE"] = "on"
    new = _new_row(data)
    data.update(
        {
            f"{new}-start": "00:00:30",
            f"{new}-end": "00:00:38.250",
            f"{new}-speaker": "Anne",
            f"{new}-text": "Et votre père, il descendait aussi ?",
        }
    )

    response = editor_client.post(_url(seventy_minutes), data, follow=True)

    assert "2 segments sont enregistrés." in response.content.decode()
    assert not Segment.objects.filter(pk=removed.pk).exists()
    added = seventy_minutes.segments.get(start=30_000)
    assert (added.end, added.speaker, added.text) == (
        38_250,
        "Anne",
        "Et votre père, il descendait aussi ?",
    )
    assert seventy_minutes.segments.count() == SEGMENTS_IN_SEVENTY_MINUTES


def test_editor_added_segment_over_another_is_refused_and_nothing_is_deleted(
    editor_client, seventy_minutes
):
    before = _stored(seventy_minutes)
    _response, data = _open(editor_client, seventy_minutes)
    data[f"{_prefix(data, seventy_minutes.segments.get(start=0))}-DELETE"] = "on"
    new = _new_row(data)
    data.update({f"{new}-start": "00:00:12", f"{new}-end": "00:00:14", f"{new}-text": "En plus."})

    response = editor_client.post(_url(seventy_minutes), data)

    assert "Le segment de 00:00:12 chevauche le précédent" in _errors(response, new, "start")
    assert _stored(seventy_minutes) == before


def test_editor_points_to_a_problem_left_in_another_window(editor_client, seventy_minutes):
    # Stored before the rule existed: an overlap at 00:30:00, far from the window edited.
    Segment.objects.filter(start=1_800_000).update(start=1_795_000)
    segment = seventy_minutes.segments.get(start=0)
    _response, data = _open(editor_client, seventy_minutes)
    data[f"{_prefix(data, segment)}-text"] = "Bonjour Marcel."

    response = editor_client.post(_url(seventy_minutes), data)

    html = response.content.decode()
    assert "Le segment de 00:29:55 chevauche le précédent" in html
    assert f'href="{_url(seventy_minutes, "29:55")}"' in html
    assert seventy_minutes.segments.get(start=0).text == "Passage numéro 0 de l'entretien."


def test_editor_row_deleted_meanwhile_by_someone_else_is_said_and_nothing_saved(
    editor_client, seventy_minutes
):
    gone, kept = seventy_minutes.segments.get(start=0), seventy_minutes.segments.get(start=10_000)
    _response, data = _open(editor_client, seventy_minutes)
    data[f"{_prefix(data, gone)}-text"] = "Bonjour Marcel."
    data[f"{_prefix(data, kept)}-text"] = "Bonjour Anne."
    gone_row = _prefix(data, gone)
    gone.delete()

    response = editor_client.post(_url(seventy_minutes), data)

    assert "Ce segment a été supprimé entre-temps" in _errors(response, gone_row)
    assert seventy_minutes.segments.get(start=10_000).text == "Passage numéro 1 de l'entretien."
    assert not seventy_minutes.segments.filter(start=0).exists()


def test_editor_save_updates_the_search_passages(
    editor_client, interview, settings, django_capture_on_commit_callbacks
):
    settings.ELASTICSEARCH_URL = ""
    engine.reset()
    segments(interview, 3)
    segment = interview.segments.get(start=10_000)
    _response, data = _open(editor_client, interview)
    data[f"{_prefix(data, segment)}-text"] = "Le galibot poussait les berlines."

    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(_url(interview), data)

    passages = SearchEntry.objects.filter(doc_type="segment")
    assert response.status_code == 302
    assert passages.count() == 3
    assert passages.filter(body__contains="Le galibot poussait les berlines.").count() == 1
    assert not passages.filter(body__contains="Passage numéro 1 ").exists()


def test_editor_is_refused_to_an_editor_without_the_permission(
    visitor_editor_client, editor, seventy_minutes
):
    allowed = Client()
    allowed.force_login(editor)
    _response, data = _open(allowed, seventy_minutes)
    data[f"{_prefix(data, seventy_minutes.segments.get(start=0))}-DELETE"] = "on"
    before = _stored(seventy_minutes)

    shown = visitor_editor_client.get(_url(seventy_minutes))
    posted = visitor_editor_client.post(_url(seventy_minutes), data)

    for response in (shown, posted):
        assert response.status_code == 302
        assert response["Location"] == "/admin/"
    assert _stored(seventy_minutes) == before


def _edit_url(interview) -> str:
    return f"/admin/snippets/archive/interview/edit/{interview.pk}/"


def test_interview_edit_page_shows_a_summary_and_the_editor_not_the_segments(
    editor_client, seventy_minutes
):
    html = editor_client.get(_edit_url(seventy_minutes)).content.decode()

    assert "Passage numéro" not in html
    assert "La transcription compte 420 segments, jusqu'à 01:09:59." in html
    assert f'href="{_url(seventy_minutes)}"' in html
    assert "Modifier les segments" in html


@pytest.mark.parametrize("count", [1, SEGMENTS_IN_SEVENTY_MINUTES])
def test_interview_edit_page_queries_do_not_grow_with_the_transcript(
    editor_client, interview, django_assert_num_queries, count
):
    TapeFactory(interview=interview, duration=SEVENTY_MINUTES)
    segments(interview, count)

    with django_assert_num_queries(20):
        response = editor_client.get(_edit_url(interview))

    assert response.status_code == 200


def test_interview_edit_page_without_segments_offers_the_import_and_the_editor(
    editor_client, interview
):
    html = editor_client.get(_edit_url(interview)).content.decode()

    assert "La transcription n'a encore aucun segment" in html
    assert f"/admin/archive/transcriptions/{interview.pk}/importer/" in html
    assert f'href="{_url(interview)}"' in html


def test_editor_shows_times_as_the_editor_types_them(editor_client, interview):
    SegmentFactory(interview=interview, start=1_000, end=2_500, speaker="Anne", text="Bonjour.")

    _response, data = _open(editor_client, interview)

    assert (data["segments-0-start"], data["segments-0-end"], data["segments-0-speaker"]) == (
        "00:00:01",
        "00:00:02.500",
        "Anne",
    )
