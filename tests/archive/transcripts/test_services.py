"""Import, split, merge, shift and corrections: what an editor sees happen to a transcript."""

import pytest
from django.core.exceptions import ValidationError

from archive.models import AdditionStatus, Segment
from archive.transcripts.services import (
    MERGE,
    correction_propose,
    correction_review,
    interview_cues,
    interview_duration,
    segment_split,
    segments_merge,
    segments_shift,
    transcript_import,
)
from media.timecodes import Cue
from media.webvtt import to_webvtt
from tests.factories.transcripts import (
    IndexSegmentFactory,
    SegmentFactory,
    TapeFactory,
    recording,
    segments,
)

pytestmark = pytest.mark.django_db

SEVENTY_MINUTES = 70 * 60_000


def _seventy_minute_vtt() -> str:
    cues = [
        Cue(i * 10_000, i * 10_000 + 9_500, f"Passage {i} : la fosse, le coron.", "Marcel")
        for i in range(SEVENTY_MINUTES // 10_000)
    ]
    return to_webvtt(cues)


def _texts(interview) -> list[str]:
    return [s.text for s in interview.segments.order_by("start")]


def test_import_replace_stores_a_seventy_minute_interview(interview):
    SegmentFactory(interview=interview, start=0, end=1000, text="Ancien")
    result = transcript_import(interview=interview, source=_seventy_minute_vtt())
    assert result.created == 420
    assert result.removed == 1
    at_1_02_10 = interview.segments.get(start=3_730_000)
    assert at_1_02_10.text == "Passage 373 : la fosse, le coron."
    assert to_webvtt(interview_cues(interview=interview)) == _seventy_minute_vtt()


def test_import_merge_replaces_only_the_overlapped_passages(interview):
    segments(interview, 3)  # 0-9s, 10-19s, 20-29s
    source = to_webvtt([Cue(10_000, 19_000, "Corrigé au réécoutage", "Marcel")])
    result = transcript_import(interview=interview, source=source, mode=MERGE)
    assert result.removed == 1
    assert _texts(interview) == [
        "Passage numéro 0 de l'entretien.",
        "Corrigé au réécoutage",
        "Passage numéro 2 de l'entretien.",
    ]


def test_import_plain_text(interview):
    transcript_import(
        interview=interview,
        source="[00:00:00 - 00:00:04] Anne : Bonjour.\n\n[00:00:04 - 00:00:09] Marcel : Bonjour.",
        file_format="text",
    )
    assert [(s.speaker, s.start) for s in interview.segments.order_by("start")] == [
        ("Anne", 0),
        ("Marcel", 4000),
    ]


def test_import_refuses_overlaps_in_french_and_keeps_the_old_transcript(interview):
    SegmentFactory(interview=interview, text="Ancien")
    source = to_webvtt([Cue(0, 5_000, "Un"), Cue(4_000, 8_000, "Deux")])
    with pytest.raises(ValidationError) as error:
        transcript_import(interview=interview, source=source)
    assert "Le segment de 00:00:04 chevauche le précédent, qui finit à 00:00:05" in str(error.value)
    assert _texts(interview) == ["Ancien"]


def test_import_refuses_an_end_before_the_start(interview):
    source = to_webvtt([Cue(5_000, 4_000, "À l'envers")])
    with pytest.raises(ValidationError, match="avant d'avoir commencé"):
        transcript_import(interview=interview, source=source)


def test_import_refuses_segments_past_the_recording(interview):
    TapeFactory(interview=interview, media_file=recording(seconds=2.0), duration=None)
    assert interview_duration(interview=interview) == 2000
    source = to_webvtt([Cue(0, 1_500, "Dedans"), Cue(1_500, 3_000, "Dehors")])
    with pytest.raises(ValidationError, match="après la fin de l'enregistrement"):
        transcript_import(interview=interview, source=source)


def test_import_refuses_what_is_not_webvtt(interview):
    with pytest.raises(ValidationError, match="première ligne doit être WEBVTT"):
        transcript_import(interview=interview, source="Bonjour")


def test_tapes_make_one_time_line(interview):
    TapeFactory(interview=interview, duration=30 * 60_000)
    TapeFactory(interview=interview, duration=45 * 60_000)
    transcript_import(interview=interview, source=_seventy_minute_vtt())
    assert interview_duration(interview=interview) == 75 * 60_000


def test_split_cuts_time_and_text_between_words(interview):
    segment = SegmentFactory(
        interview=interview, start=0, end=10_000, text="un deux trois quatre cinq six"
    )
    first, second = segment_split(segment=segment, at=5_000)
    assert (first.start, first.end, first.text) == (0, 5_000, "un deux trois")
    assert (second.start, second.end, second.text) == (5_000, 10_000, "quatre cinq six")
    assert second.speaker == "Marcel"


def test_split_outside_the_segment_is_refused(interview):
    segment = SegmentFactory(interview=interview, start=0, end=10_000)
    with pytest.raises(ValidationError, match="Coupez entre le début"):
        segment_split(segment=segment, at=12_000)


def test_merge_joins_consecutive_segments_of_one_speaker(interview):
    a = SegmentFactory(interview=interview, start=0, end=4_000, text="Au fond,")
    b = SegmentFactory(interview=interview, start=4_000, end=9_000, text="il faisait chaud.")
    merged = segments_merge(segments=[b, a])
    assert (merged.start, merged.end) == (0, 9_000)
    assert merged.text == "Au fond,\nil faisait chaud."
    assert interview.segments.count() == 1


def test_merge_refuses_two_speakers_and_gaps(interview):
    a = SegmentFactory(interview=interview, start=0, end=4_000, speaker="Anne")
    b = SegmentFactory(interview=interview, start=4_000, end=9_000, speaker="Marcel")
    c = SegmentFactory(interview=interview, start=9_000, end=12_000, speaker="Marcel")
    with pytest.raises(ValidationError, match="même personne"):
        segments_merge(segments=[a, b])
    b.speaker = "Anne"
    b.save()
    c.speaker = "Anne"
    c.save()
    with pytest.raises(ValidationError, match="se suivent"):
        segments_merge(segments=[a, c])


def test_shift_moves_the_rest_of_the_transcript_and_its_index(interview):
    segments(interview, 4)  # starts 0, 10, 20, 30 s
    chapter = IndexSegmentFactory(interview=interview, start=20_000, end=40_000)
    moved = segments_shift(interview=interview, offset=500, start_from=20_000)
    assert moved == 2
    starts = list(interview.segments.order_by("start").values_list("start", flat=True))
    assert starts == [0, 10_000, 20_500, 30_500]
    chapter.refresh_from_db()
    assert (chapter.start, chapter.end) == (20_500, 40_500)


def test_shift_refuses_to_create_an_overlap(interview):
    segments(interview, 3)
    with pytest.raises(ValidationError, match="chevauche"):
        segments_shift(interview=interview, offset=-2_000, start_from=10_000)
    assert interview.segments.order_by("start").first().start == 0


def test_correction_is_held_until_an_editor_accepts_it(interview):
    segment = SegmentFactory(interview=interview, text="Le porion nous attendez.")
    correction = correction_propose(segment=segment, proposed_text="Le porion nous attendait.")
    segment.refresh_from_db()
    assert correction.status == AdditionStatus.PENDING
    assert segment.text == "Le porion nous attendez."
    correction_review(correction=correction, accept=True)
    segment.refresh_from_db()
    assert segment.text == "Le porion nous attendait."


def test_declined_correction_changes_nothing(interview):
    segment = SegmentFactory(interview=interview, text="Texte juste.")
    correction = correction_propose(segment=segment, proposed_text="Texte faux.")
    correction_review(correction=correction, accept=False)
    assert Segment.objects.get(pk=segment.pk).text == "Texte juste."
    assert correction.status == AdditionStatus.DECLINED


def test_correction_identical_to_the_text_is_refused(interview):
    segment = SegmentFactory(interview=interview, text="Pareil.")
    with pytest.raises(ValidationError, match="déjà affiché"):
        correction_propose(segment=segment, proposed_text=" Pareil. ")
