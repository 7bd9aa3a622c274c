"""The transcript in the Wagtail admin: what an editor does to an interview and sees happen."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import ModelLogEntry
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from archive.models import AdditionStatus, Segment, SegmentCorrection
from archive.signals import transcript_changed
from archive.transcripts.services import correction_propose
from media.models import MediaFile
from media.timecodes import Cue
from media.webvtt import from_webvtt, to_webvtt
from tests.factories.transcripts import (
    InterviewFactory,
    SegmentFactory,
    TapeFactory,
    recording,
    segments,
    wav_bytes,
)

pytestmark = pytest.mark.django_db

BASE = "/admin/archive/transcriptions"
SEVENTY_MINUTES = 70 * 60_000


def _refused(response) -> bool:
    """Wagtail sends someone who may not do a thing back to the dashboard, with a message."""
    return response.status_code == 302 and response["Location"] == "/admin/"


def _vtt_upload(source: str, name: str = "entretien.vtt") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, source.encode("utf-8"), "text/vtt")


def _seventy_minute_vtt() -> str:
    return to_webvtt(
        [
            Cue(i * 10_000, i * 10_000 + 9_500, f"Passage {i} : la fosse, le coron.", "Marcel")
            for i in range(SEVENTY_MINUTES // 10_000)
        ]
    )


def _edit_url(interview) -> str:
    return f"/admin/snippets/archive/interview/edit/{interview.pk}/"


def _interview_form(interview, tapes: list[dict] | None = None, **fields):
    """The Interview's admin form: its segments are edited elsewhere (the segment editor)."""
    return nested_form_data(
        {
            "page": interview.page_id,
            "language": "fr",
            "speakers_note": interview.speakers_note,
            "tapes": inline_formset(tapes or []),
            "index_segments": inline_formset([]),
            **fields,
        }
    )


def test_import_of_a_seventy_minute_webvtt_file_shows_its_segments(editor_client, interview):
    response = editor_client.post(
        f"{BASE}/{interview.pk}/importer/",
        {"file": _vtt_upload(_seventy_minute_vtt()), "mode": "replace"},
        follow=True,
    )

    html = response.content.decode()
    assert "420 segments importés, 0 remplacé(s)." in html
    assert interview.segments.count() == 420
    assert interview.segments.get(start=3_730_000).text == "Passage 373 : la fosse, le coron."
    assert "01:02:10" in html


def test_import_of_a_broken_file_shows_the_french_error_and_changes_nothing(
    editor_client, interview
):
    SegmentFactory(interview=interview, start=0, end=5_000, text="Bonjour Marcel.")

    response = editor_client.post(
        f"{BASE}/{interview.pk}/importer/",
        {"file": _vtt_upload("00:00:01.000 --> 00:00:02.000\nSans en-tête"), "mode": "replace"},
    )

    assert response.status_code == 200
    assert "Ce n&#x27;est pas un fichier WebVTT" in response.content.decode()
    assert [s.text for s in interview.segments.all()] == ["Bonjour Marcel."]


def test_import_of_overlapping_cues_lists_each_problem_and_changes_nothing(
    editor_client, interview
):
    source = to_webvtt([Cue(0, 10_000, "Premier"), Cue(5_000, 12_000, "Second")])

    response = editor_client.post(
        f"{BASE}/{interview.pk}/importer/", {"file": _vtt_upload(source), "mode": "replace"}
    )

    assert "Le segment de 00:00:05 chevauche le précédent" in response.content.decode()
    assert not interview.segments.exists()


def test_import_is_refused_to_an_editor_without_the_permission(visitor_editor_client, interview):
    response = visitor_editor_client.post(
        f"{BASE}/{interview.pk}/importer/",
        {"file": _vtt_upload(_seventy_minute_vtt()), "mode": "replace"},
    )

    assert _refused(response)
    assert not interview.segments.exists()


def test_split_through_the_admin_cuts_the_segment_said_at_that_time(editor_client, interview):
    SegmentFactory(interview=interview, start=0, end=10_000, text="On descendait. Le porion.")

    response = editor_client.post(
        f"{BASE}/{interview.pk}/couper/",
        {"at": "00:00:04", "text_before": "On descendait.", "text_after": "Le porion."},
        follow=True,
    )

    assert "Le segment est coupé à 00:00:04." in response.content.decode()
    # The editor lands on the two halves, in the segment editor, to check their texts.
    assert response.redirect_chain[-1][0] == f"{BASE}/{interview.pk}/segments/?t=0:04"
    assert [(s.start, s.end, s.text) for s in interview.segments.order_by("start")] == [
        (0, 4_000, "On descendait."),
        (4_000, 10_000, "Le porion."),
    ]


def test_split_at_a_time_without_segment_shows_a_french_error(editor_client, interview):
    SegmentFactory(interview=interview, start=0, end=10_000)

    response = editor_client.post(f"{BASE}/{interview.pk}/couper/", {"at": "00:00:30"})

    assert "Aucun segment n&#x27;est en cours à 00:00:30" in response.content.decode()
    assert interview.segments.count() == 1


def test_merge_through_the_admin_joins_the_ticked_segments(editor_client, interview):
    first = SegmentFactory(interview=interview, start=0, end=4_000, text="On descendait")
    second = SegmentFactory(interview=interview, start=4_000, end=9_000, text="à six heures.")

    response = editor_client.post(
        f"{BASE}/{interview.pk}/reunir/", {"segments": [first.pk, second.pk]}, follow=True
    )

    assert "Les segments sont réunis en un seul, de 00:00:00 à 00:00:09." in (
        response.content.decode()
    )
    merged = interview.segments.get()
    assert (merged.end, merged.text) == (9_000, "On descendait\nà six heures.")


def test_merge_of_segments_not_side_by_side_is_refused_in_french(editor_client, interview):
    first, _middle, last = segments(interview, 3)

    response = editor_client.post(
        f"{BASE}/{interview.pk}/reunir/", {"segments": [first.pk, last.pk]}
    )

    assert "Seuls des segments qui se suivent peuvent être réunis." in response.content.decode()
    assert interview.segments.count() == 3


def test_shift_through_the_admin_moves_the_later_segments(editor_client, interview):
    segments(interview, 3)  # 0-9s, 10-19s, 20-29s

    response = editor_client.post(
        f"{BASE}/{interview.pk}/decaler/",
        {"offset": "00:00:00.500", "start_from": "00:00:10", "until": ""},
        follow=True,
    )

    assert "2 segments ont été décalés." in response.content.decode()
    assert response.redirect_chain[-1][0] == f"{BASE}/{interview.pk}/segments/?t=0:10"
    assert list(interview.segments.order_by("start").values_list("start", flat=True)) == [
        0,
        10_500,
        20_500,
    ]


def test_shift_into_an_overlap_is_refused_and_nothing_moves(editor_client, interview):
    segments(interview, 2)  # 0-9s, 10-19s

    response = editor_client.post(
        f"{BASE}/{interview.pk}/decaler/",
        {"offset": "-00:00:02", "start_from": "00:00:10", "until": ""},
    )

    assert "chevauche le précédent" in response.content.decode()
    assert list(interview.segments.order_by("start").values_list("start", flat=True)) == [
        0,
        10_000,
    ]


def test_interview_edit_view_links_to_the_transcript_tools(editor_client, interview):
    html = editor_client.get(_edit_url(interview)).content.decode()

    assert f"{BASE}/{interview.pk}/segments/" in html
    assert f"{BASE}/{interview.pk}/importer/" in html
    assert f"{BASE}/{interview.pk}/couper/" in html
    assert f"{BASE}/{interview.pk}/reunir/" in html
    assert f"{BASE}/{interview.pk}/decaler/" in html
    assert f"{BASE}/{interview.pk}/transcription.vtt" in html


def test_item_page_edit_view_links_to_its_transcript(editor_client, interview):
    html = editor_client.get(f"/admin/pages/{interview.page_id}/edit/").content.decode()

    assert _edit_url(interview) in html
    assert "Transcription de l&#x27;entretien" in html


def test_interview_edit_form_refuses_tapes_too_short_for_the_segments(editor_client, interview):
    SegmentFactory(interview=interview, start=50_000, end=70_000, text="Au revoir.")

    response = editor_client.post(
        _edit_url(interview),
        _interview_form(
            interview, tapes=[{"title": "Face A", "media_file": "", "duration": "00:01:00"}]
        ),
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Les bandes ne sont pas enregistrées" in html
    assert "après la fin de l&#x27;enregistrement (00:01:00)" in html
    assert not interview.tapes.exists()


def test_interview_edit_form_saves_long_enough_tapes_and_tells_search(
    editor_client, interview, django_capture_on_commit_callbacks
):
    SegmentFactory(interview=interview, start=3_730_000, end=3_735_000, text="Le coron.")
    announced = []

    def receiver(sender, page_id, **kwargs):
        announced.append(page_id)

    transcript_changed.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            response = editor_client.post(
                _edit_url(interview),
                _interview_form(
                    interview,
                    tapes=[{"title": "Face A", "media_file": "", "duration": "01:10:00"}],
                    speakers_note="Marcel D., mineur de fond",
                ),
            )
    finally:
        transcript_changed.disconnect(receiver)

    interview.refresh_from_db()
    assert response.status_code == 302
    assert interview.speakers_note == "Marcel D., mineur de fond"
    assert [tape.duration for tape in interview.tapes.all()] == [4_200_000]
    assert [s.text for s in interview.segments.all()] == ["Le coron."]
    assert announced == [interview.page_id]


def test_interview_edit_form_keeps_a_problem_it_did_not_cause_out_of_the_way(
    editor_client, interview
):
    # Two stored segments overlap: the segment editor shows it; naming the speakers works.
    SegmentFactory(interview=interview, start=0, end=10_000)
    SegmentFactory(interview=interview, start=5_000, end=12_000)

    response = editor_client.post(
        _edit_url(interview),
        _interview_form(
            interview,
            tapes=[{"title": "Face A", "media_file": "", "duration": "00:01:00"}],
            speakers_note="Anne L. seule",
        ),
    )

    interview.refresh_from_db()
    assert response.status_code == 302
    assert interview.speakers_note == "Anne L. seule"


def test_interview_added_in_the_admin_opens_on_its_transcript_tools(editor_client, oral_history):
    response = editor_client.post(
        "/admin/snippets/archive/interview/add/",
        nested_form_data(
            {
                "page": oral_history.pk,
                "language": "fr",
                "speakers_note": "Marcel D.",
                "tapes": inline_formset([]),
                "index_segments": inline_formset([]),
            }
        ),
        follow=True,
    )

    interview = oral_history.interview
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == _edit_url(interview)
    assert f"{BASE}/{interview.pk}/importer/" in html
    assert f"{BASE}/{interview.pk}/segments/" in html


def test_export_downloads_the_transcript_as_webvtt_and_text(editor_client, interview):
    SegmentFactory(interview=interview, start=3_730_000, end=3_735_000, text="Le coron.")

    vtt = editor_client.get(f"{BASE}/{interview.pk}/transcription.vtt")
    txt = editor_client.get(f"{BASE}/{interview.pk}/transcription.txt")

    assert vtt["Content-Type"] == "text/vtt; charset=utf-8"
    assert from_webvtt(vtt.content) == [Cue(3_730_000, 3_735_000, "Le coron.", "Marcel")]
    assert txt.content.decode() == "[01:02:10 - 01:02:15] Marcel : Le coron.\n"


def test_export_is_refused_to_an_editor_without_the_permission(visitor_editor_client, interview):
    assert _refused(visitor_editor_client.get(f"{BASE}/{interview.pk}/transcription.vtt"))


def _proposed(interview, text: str = "On descendait à cinq heures.") -> SegmentCorrection:
    segment = SegmentFactory(interview=interview, text="On descendait à six heures.")
    return correction_propose(segment=segment, proposed_text=text, credit_name="Josiane")


def test_review_list_shows_the_current_and_proposed_texts(editor_client, interview):
    _proposed(interview)

    html = editor_client.get(f"{BASE}/corrections/").content.decode()

    assert "On descendait à six heures." in html
    assert "On descendait à cinq heures." in html
    assert interview.page.title in html


def test_correction_accept_changes_the_public_page_text(client, editor, interview):
    correction = _proposed(interview)
    client.force_login(editor)

    response = client.post(f"{BASE}/corrections/{correction.pk}/accepter/", follow=True)
    client.logout()
    html = client.get(interview.page.url).content.decode()

    assert "La correction est acceptée" in response.content.decode()
    assert "On descendait à cinq heures." in html
    assert "On descendait à six heures." not in html


def test_correction_decline_keeps_the_public_page_text(client, editor, interview):
    correction = _proposed(interview)
    client.force_login(editor)

    client.post(f"{BASE}/corrections/{correction.pk}/refuser/")
    client.logout()
    html = client.get(interview.page.url).content.decode()

    correction.refresh_from_db()
    assert correction.status == AdditionStatus.DECLINED
    assert "On descendait à six heures." in html
    assert "On descendait à cinq heures." not in html


def test_correction_cannot_be_accepted_by_a_get(editor_client, interview):
    correction = _proposed(interview)

    response = editor_client.get(f"{BASE}/corrections/{correction.pk}/accepter/")

    assert response.status_code == 405
    assert Segment.objects.get().text == "On descendait à six heures."


def test_correction_review_is_refused_to_an_editor_without_the_permission(
    visitor_editor_client, interview
):
    correction = _proposed(interview)

    response = visitor_editor_client.post(f"{BASE}/corrections/{correction.pk}/accepter/")

    assert _refused(response)
    assert Segment.objects.get().text == "On descendait à six heures."


@pytest.mark.parametrize("n", [1, 30])
def test_review_list_queries_do_not_grow(editor_client, interview, django_assert_num_queries, n):
    for i in range(n):
        segment = SegmentFactory(interview=interview)
        correction_propose(segment=segment, proposed_text=f"Version corrigée {i}.")

    with django_assert_num_queries(8):
        response = editor_client.get(f"{BASE}/corrections/")

    assert "Version corrigée 0." in response.content.decode()


def test_dashboard_counts_the_corrections_to_review(editor_client, interview):
    _proposed(interview)

    html = editor_client.get("/admin/").content.decode()

    assert "1 correction de transcription à relire" in html


def test_admin_actions_are_in_the_audit_log(editor_client, editor, interview):
    editor_client.post(
        f"{BASE}/{interview.pk}/importer/",
        {
            "file": _vtt_upload(to_webvtt([Cue(0, 10_000, "Un deux trois quatre")])),
            "mode": "replace",
        },
    )
    editor_client.post(f"{BASE}/{interview.pk}/couper/", {"at": "00:00:05"})
    first, second = interview.segments.order_by("start")
    editor_client.post(f"{BASE}/{interview.pk}/reunir/", {"segments": [first.pk, second.pk]})
    editor_client.post(f"{BASE}/{interview.pk}/decaler/", {"offset": "00:00:01"})
    correction = correction_propose(segment=interview.segments.get(), proposed_text="Un, deux.")
    editor_client.post(f"{BASE}/corrections/{correction.pk}/refuser/")

    actions = list(
        ModelLogEntry.objects.filter(user=editor).order_by("pk").values_list("action", flat=True)
    )
    assert actions == [
        "archive.transcript.import",
        "archive.transcript.split",
        "archive.transcript.merge",
        "archive.transcript.shift",
        "archive.correction.decline",
    ]
    history = editor_client.get(
        f"/admin/snippets/archive/interview/history/{interview.pk}/"
    ).content.decode()
    assert "Transcription importée" in history
    assert "Temps décalés" in history


def test_recording_added_in_the_admin_is_checked_and_its_length_read(editor_client):
    response = editor_client.post(
        "/admin/snippets/media/mediafile/add/",
        {
            "title": "Face A",
            "file": SimpleUploadedFile("face-a.wav", wav_bytes(seconds=3.0), "audio/wav"),
            "credit": "Ville de Loos-en-Gohelle",
            "licence": "cc-by-4.0",
        },
    )

    assert response.status_code == 302
    media_file = MediaFile.objects.get()
    assert (media_file.kind, round(media_file.duration)) == ("audio", 3)
    assert not media_file.file.name.endswith("face-a.wav")


def test_file_that_is_not_a_recording_is_refused_in_french(editor_client):
    response = editor_client.post(
        "/admin/snippets/media/mediafile/add/",
        {
            "title": "Pas un son",
            "file": SimpleUploadedFile("face-a.wav", b"Bonjour, je suis du texte.", "audio/wav"),
            "licence": "cc-by-4.0",
        },
    )

    assert "n&#x27;est pas un son ou une vidéo que nous savons lire" in response.content.decode()
    assert not MediaFile.objects.exists()


@pytest.mark.parametrize("n", [1, 30])
def test_interview_list_queries_do_not_grow(
    editor_client, archive_index, django_assert_num_queries, n
):
    interviews = InterviewFactory.create_batch(n, page__parent=archive_index)
    for interview in interviews:
        TapeFactory(interview=interview)

    with django_assert_num_queries(8):
        response = editor_client.get("/admin/snippets/archive/interview/")

    html = response.content.decode()
    # Wagtail lists 20 snippets a page.
    assert sum(interview.page.title in html for interview in interviews) == min(n, 20)


def test_item_page_without_transcript_offers_to_add_one_for_that_item(editor_client, oral_history):
    page_html = editor_client.get(f"/admin/pages/{oral_history.pk}/edit/").content.decode()
    add_url = f"/admin/snippets/archive/interview/add/?page={oral_history.pk}"

    add_html = editor_client.get(add_url).content.decode()

    assert "Ajouter une transcription" in page_html
    assert add_url in page_html
    assert f'value="{oral_history.pk}"' in add_html


def test_corrections_can_be_read_in_the_admin_but_not_typed_in(editor_client, interview):
    correction = _proposed(interview)
    snippets = "/admin/snippets/archive/segmentcorrection"

    listing = editor_client.get(f"{snippets}/")
    inspect = editor_client.get(f"{snippets}/inspect/{correction.pk}/")

    assert "On descendait à cinq heures." in listing.content.decode()
    assert "On descendait à cinq heures." in inspect.content.decode()
    assert _refused(editor_client.get(f"{snippets}/add/"))
    assert _refused(editor_client.get(f"{snippets}/edit/{correction.pk}/"))


def test_recording_deleted_in_the_admin_leaves_no_file(editor_client):
    media_file = recording(seconds=1.0)
    storage, name = media_file.file.storage, media_file.file.name

    response = editor_client.post(f"/admin/snippets/media/mediafile/delete/{media_file.pk}/")

    assert response.status_code == 302
    assert not MediaFile.objects.exists()
    assert not storage.exists(name)
    assert ModelLogEntry.objects.filter(action="wagtail.delete").exists()


def test_interview_list_finds_an_interview_by_its_item_title(editor_client, archive_index):
    wanted = InterviewFactory(page__parent=archive_index, page__title="La grève de 1948")
    other = InterviewFactory(page__parent=archive_index, page__title="Le bal du 14 juillet")

    html = editor_client.get("/admin/snippets/archive/interview/?q=grève").content.decode()

    assert wanted.page.title in html
    assert other.page.title not in html


def test_recording_replaced_in_the_admin_reads_the_new_length_and_drops_the_old_file(
    editor_client, django_capture_on_commit_callbacks
):
    media_file = recording(seconds=1.0)
    storage, old_name = media_file.file.storage, media_file.file.name

    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            f"/admin/snippets/media/mediafile/edit/{media_file.pk}/",
            {
                "title": "Face B",
                "file": SimpleUploadedFile("b.wav", wav_bytes(seconds=4.0), "audio/wav"),
                "credit": "",
                "licence": "cc-by-4.0",
            },
        )

    media_file.refresh_from_db()
    assert response.status_code == 302
    assert (media_file.title, round(media_file.duration)) == ("Face B", 4)
    assert media_file.file.name != old_name
    assert not storage.exists(old_name)


def test_recording_renamed_in_the_admin_keeps_its_file(editor_client):
    media_file = recording(seconds=1.0)
    name = media_file.file.name

    editor_client.post(
        f"/admin/snippets/media/mediafile/edit/{media_file.pk}/",
        {"title": "Face A, 1972", "credit": "", "licence": "cc-by-4.0"},
    )

    media_file.refresh_from_db()
    assert (media_file.title, media_file.file.name) == ("Face A, 1972", name)
    assert media_file.file.storage.exists(name)
