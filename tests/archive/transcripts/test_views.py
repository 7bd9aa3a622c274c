"""The player page without JavaScript, the captions track, downloads and corrections."""

import pytest
from django.utils.html import escape

from archive.models import AdditionStatus, Contribution, SegmentCorrection
from archive.transcripts.selectors import public_segments
from archive.transcripts.services import correction_propose, correction_review, segments_shift
from media.models import Licence
from media.webvtt import from_webvtt
from tests.factories.transcripts import (
    IndexSegmentFactory,
    InterviewFactory,
    OralHistoryPageFactory,
    SegmentFactory,
    TapeFactory,
    recording,
    segments,
)

pytestmark = pytest.mark.django_db


def _html(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_item_page_shows_a_readable_transcript_with_time_links(client, interview):
    SegmentFactory(interview=interview, start=754_000, end=760_000, text="Le coup de grisou.")
    html = _html(client, interview.page.url)
    assert "Le coup de grisou." in html
    assert '<time datetime="PT12M34S"><span aria-hidden="true">12:34</span>' in html
    assert '<span class="visually-hidden">à 12 minutes 34 secondes</span>' in html
    assert 'href="?t=12:34#segment-' in html


def test_item_page_opened_at_a_time_marks_the_segment_said_then(client, interview):
    segments(interview, 400)  # 400 × 10 s: past the hour
    html = _html(client, interview.page.url + "?t=1:02:10")
    current = interview.segments.get(start=3_730_000)
    assert f'id="segment-{current.pk}" class="oh-segment is-current"' in html
    assert html.count('aria-current="true"') == 1


def test_item_page_starts_the_right_tape_at_the_asked_time(client, interview):
    first = TapeFactory(interview=interview, media_file=recording(seconds=2), duration=None)
    TapeFactory(interview=interview, media_file=recording(seconds=3), duration=None)
    SegmentFactory(interview=interview, start=2_500, end=4_000)
    html = _html(client, interview.page.url + "?t=0:02.5")
    assert ".wav#t=0.5" in html
    assert f"/transcriptions/{interview.pk}/bandes/{first.pk}/sous-titres.vtt" in html


def test_consultation_only_recording_is_played_but_not_offered_for_download(client, interview):
    tape = TapeFactory(interview=interview, media_file=recording(), duration=None)
    page = interview.page
    page.licence = Licence.ALL_RIGHTS_RESERVED
    page.save_revision().publish()

    html = client.get(page.url).content.decode()

    assert 'controlslist="nodownload"' in html
    assert f'href="{tape.media_file.file.url}"' not in html
    assert "Télécharger l'enregistrement" not in html


def test_item_page_shows_the_index_with_keywords_and_places(client, interview):
    IndexSegmentFactory(interview=interview, start=65_000, title="L'embauche")
    html = _html(client, interview.page.url)
    assert "Index de l'entretien" in html
    assert "L&#x27;embauche" in html
    assert "galibot" in html
    assert 'datetime="PT1M5S"' in html


def test_transcript_only_interview_is_complete(client, interview):
    SegmentFactory(interview=interview, text="Écrit de sa main en 1978.")
    html = _html(client, interview.page.url)
    assert "<video" not in html
    assert "Cet entretien n'a pas d'enregistrement public" in html
    assert "Écrit de sa main en 1978." in html


def test_item_without_interview_has_no_player(client, oral_history):
    assert "data-oh-player" not in _html(client, oral_history.url)


def test_captions_of_a_second_tape_start_at_zero(client, interview):
    TapeFactory(interview=interview, duration=60_000)
    second = TapeFactory(interview=interview, duration=60_000)
    SegmentFactory(interview=interview, start=50_000, end=70_000, text="À cheval", speaker="")
    SegmentFactory(interview=interview, start=75_000, end=80_000, text="Deuxième bande")
    response = client.get(f"/transcriptions/{interview.pk}/bandes/{second.pk}/sous-titres.vtt")
    assert response["Content-Type"] == "text/vtt; charset=utf-8"
    cues = from_webvtt(response.content)
    assert [(c.start, c.end, c.text) for c in cues] == [
        (0, 10_000, "À cheval"),
        (15_000, 20_000, "Deuxième bande"),
    ]


def test_downloads_round_trip(client, interview):
    segments(interview, 5)
    vtt = client.get(f"/transcriptions/{interview.pk}/transcription.vtt")
    txt = client.get(f"/transcriptions/{interview.pk}/transcription.txt")
    assert len(from_webvtt(vtt.content)) == 5
    assert txt.content.decode().startswith("[00:00:00 - 00:00:09] Anne : Passage numéro 0")


def test_unpublished_interview_is_not_served(client, archive_index):
    draft = OralHistoryPageFactory(parent=archive_index, live=False)
    interview = InterviewFactory(page=draft)
    segment = SegmentFactory(interview=interview)
    assert client.get(f"/transcriptions/{interview.pk}/sous-titres.vtt").status_code == 404
    assert client.get(f"/transcriptions/segments/{segment.pk}/correction/").status_code == 404
    assert list(public_segments()) == []


def test_public_segments_give_search_what_it_needs(interview):
    SegmentFactory(interview=interview, start=3_730_000, end=3_735_000, text="Le terril 74.")
    [hit] = list(public_segments())
    assert (hit.item, hit.start, hit.end, hit.speaker) == (interview.page, 3730.0, 3735.0, "Marcel")
    assert hit.text == "Le terril 74."
    assert hit.url == interview.page.url + "?t=1:02:10"


def test_visitor_proposes_a_correction_held_for_review(client, interview):
    segment = SegmentFactory(interview=interview, text="Le porion nous attendez.")
    url = f"/transcriptions/segments/{segment.pk}/correction/"
    assert "Le porion nous attendez." in _html(client, url)
    response = client.post(
        url, {"proposed_text": "Le porion nous attendait.", "credit_name": "Léa"}
    )
    assert response.status_code == 302
    assert "correction=merci" in response["Location"]
    correction = SegmentCorrection.objects.get()
    assert correction.status == AdditionStatus.PENDING
    page = _html(client, response["Location"])
    assert "Le porion nous attendez." in page
    assert "Merci ! Votre correction sera relue" in page


def test_empty_correction_shows_a_french_error_next_to_the_field(client, interview):
    segment = SegmentFactory(interview=interview)
    response = client.post(
        f"/transcriptions/segments/{segment.pk}/correction/", {"proposed_text": ""}
    )
    assert response.status_code == 400
    html = response.content.decode()
    field = html[html.index('id="champ-proposed_text"') : html.index('id="champ-comment"')]
    assert "Champ requis." in field
    assert SegmentCorrection.objects.count() == 0


@pytest.mark.parametrize("count", [5, 300])
def test_player_page_queries_do_not_grow(client, django_assert_num_queries, interview, count):
    made = segments(interview, count)
    for start in range(0, count * 10_000, 60_000):
        IndexSegmentFactory(interview=interview, start=start)
    TapeFactory(interview=interview, media_file=recording(), duration=None)
    client.get(interview.page.url)  # the transcript is rendered once, then read from the cache

    # The same 31 whatever the length: the transcript's passages (and the JSON-LD's text)
    # come from the cache; 1 of them for the Ch'ti TAIDx talks it may record, 1 for the
    # fifty-fifty project it may have become (none here).
    with django_assert_num_queries(21):
        response = client.get(interview.page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('<li id="segment-') == count
    assert escape(made[-1].text) in html


def test_player_page_opened_at_another_time_marks_its_own_segment(client, interview):
    segments(interview, 400)
    client.get(interview.page.url + "?t=1:02:10")

    html = _html(client, interview.page.url + "?t=0:00:25")

    current = interview.segments.get(start=20_000)
    assert f'id="segment-{current.pk}" class="oh-segment is-current"' in html
    assert html.count('aria-current="true"') == 1


def test_an_accepted_correction_shows_at_once(client, interview):
    segment = SegmentFactory(interview=interview, text="Le porion nous attendez.")
    assert "Le porion nous attendez." in _html(client, interview.page.url)
    correction = correction_propose(segment=segment, proposed_text="Le porion nous attendait.")

    correction_review(correction=correction, accept=True)

    html = _html(client, interview.page.url)
    assert "Le porion nous attendait." in html
    assert "attendez" not in html


def test_shifted_segments_show_their_new_times_at_once(
    client, interview, django_capture_on_commit_callbacks
):
    segments(interview, 3)
    assert 'href="?t=0:20#segment-' in _html(client, interview.page.url)

    with django_capture_on_commit_callbacks(execute=True):
        segments_shift(interview=interview, offset=5_000)

    html = _html(client, interview.page.url)
    assert 'href="?t=0:25#segment-' in html
    assert 'href="?t=0:20#segment-' not in html


@pytest.mark.parametrize(
    "consent",
    [{"allow_web": False, "allow_research": True}, {"allow_web": False, "allow_festival": True}],
    ids=["research only", "web refused"],
)
def test_a_live_public_item_without_web_consent_serves_nothing_of_its_transcript(
    client, interview, consent
):
    tape = TapeFactory(interview=interview)
    segment = SegmentFactory(interview=interview, text="Le porion nous attendait.")
    Contribution.objects.create(
        title="Entretien",
        story="…",
        full_name="Lucien Martel",
        email="l@example.org",
        item=interview.page,
        **consent,
    )
    base = f"/transcriptions/{interview.pk}"
    urls = [
        f"{base}/transcription.vtt",
        f"{base}/transcription.txt",
        f"{base}/sous-titres.vtt",
        f"{base}/bandes/{tape.pk}/sous-titres.vtt",
        f"/transcriptions/segments/{segment.pk}/correction/",
    ]

    assert interview.page.live
    assert [client.get(url).status_code for url in urls] == [404] * len(urls)
    correction = client.post(urls[-1], {"proposed_text": "Corrigé."})
    assert correction.status_code == 404
    assert not SegmentCorrection.objects.exists()
