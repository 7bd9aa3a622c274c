"""The demo's oral histories: a 70-minute interview on two tapes, a transcript without any
recording, and the Ch'ti TAIDx talks in their own collection."""

import wave

import pytest

from archive.models import ArchiveCollection, ArchiveItemPage, Interview, ItemKind
from archive.transcripts.demo import ORAL_HISTORIES, ensure_oral_histories, espeak_available
from archive.transcripts.selectors import player_for_item, requested_time
from archive.transcripts.services import interview_duration

pytestmark = pytest.mark.django_db

# What the demo holds, interview by interview: its collection, tapes, segments and chapters.
DEMO_INTERVIEWS = {
    "temoignage-rene-d-quarante-ans-au-fond": ("fonds-memoire-11-19", 2, 51, 8),
    "temoignage-joseph-w-pigeons-cite-du-11": (None, 1, 7, 2),
    "temoignage-raymonde-l-tenir-la-maison": (None, 0, 7, 2),
    "taidx-nadia-b-jardin-partage": ("chti-taidx-2019", 1, 6, 2),
    "taidx-bernard-t-rue-fleurie": ("chti-taidx-2019", 1, 5, 2),
    "taidx-sylvie-m-guide-des-terrils": ("chti-taidx-2019", 1, 5, 2),
    "taidx-kevin-l-atelier-reparation": ("chti-taidx-2019", 1, 5, 2),
}


def _interview(slug: str) -> Interview:
    return Interview.objects.select_related("page").get(page__slug=slug)


@pytest.mark.skipif(not espeak_available(), reason="espeak-ng absent (apt-get install espeak-ng)")
def test_demo_creates_oral_histories_with_spoken_recordings(archive_index):
    items = list(ensure_oral_histories(archive_index))

    assert len(items) == len(ORAL_HISTORIES) >= 7
    assert {item.kind for item in items} == {ItemKind.ORAL_HISTORY}
    assert all(item.live for item in ArchiveItemPage.objects.filter(pk__in=[i.pk for i in items]))

    long = _interview("temoignage-rene-d-quarante-ans-au-fond")
    assert [tape.title for tape in long.tapes.order_by("sort_order")] == [
        "Cassette 1",
        "Cassette 2",
    ]
    assert interview_duration(interview=long) == 70 * 60 * 1000
    player = player_for_item(item=long.page, at=requested_time("1:02:10"))
    said_then = next(row.segment for row in player.rows if row.current)
    assert "dernière berline" in said_then.text
    assert player.tapes[1].offset == 38 * 60 * 1000
    assert long.index_segments.count() >= 6
    assert all(chapter.synopsis and chapter.keywords for chapter in long.index_segments.all())
    assert long.index_segments.filter(places__isnull=False).count() >= 6

    # The short interview is spoken from end to end: its file holds more than silence.
    short = _interview("temoignage-joseph-w-pigeons-cite-du-11")
    tape = short.tapes.get()
    with tape.media_file.file.open("rb"), wave.open(tape.media_file.file, "rb") as sound:
        samples = sound.readframes(sound.getnframes())
    assert samples.count(b"\x80") < len(samples) * 0.7
    assert short.segments.last().end <= tape.duration_ms


def test_demo_keeps_a_transcript_only_interview_and_a_taidx_collection(archive_index, monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")  # no espeak-ng: the demo must still load
    said = []

    list(ensure_oral_histories(archive_index, say=said.append))

    assert said and "espeak-ng" in said[0]
    paper = _interview("temoignage-raymonde-l-tenir-la-maison")
    assert paper.tapes.count() == 0
    assert paper.segments.count() >= 5
    assert paper.page.live
    taidx = ArchiveCollection.objects.get(slug="chti-taidx-2019")
    talks = ArchiveItemPage.objects.live().filter(collection=taidx)
    assert talks.count() >= 3
    for talk in talks:
        interview = talk.interview
        assert interview.tapes.get().media_file.duration >= interview.segments.last().end / 1000
        assert interview.index_segments.filter(places__isnull=False).exists()


def test_demo_run_twice_creates_nothing_more(archive_index, monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    list(ensure_oral_histories(archive_index, say=lambda message: None))
    counts = (Interview.objects.count(), ArchiveItemPage.objects.count())

    list(ensure_oral_histories(archive_index, say=lambda message: None))

    assert (Interview.objects.count(), ArchiveItemPage.objects.count()) == counts


def test_demo_holds_its_interviews_segments_and_chapters(archive_index, monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")

    list(ensure_oral_histories(archive_index, say=lambda message: None))

    held = {
        interview.page.slug: (
            interview.page.specific.collection.slug if interview.page.specific.collection else None,
            interview.tapes.count(),
            interview.segments.count(),
            interview.index_segments.count(),
        )
        for interview in Interview.objects.select_related("page")
    }
    assert held == DEMO_INTERVIEWS
    long = _interview("temoignage-rene-d-quarante-ans-au-fond")
    starts = ["0:00", "6:30", "14:20", "24:10", "38:00", "49:30", "1:02:10", "1:06:00"]
    chapter_starts = long.index_segments.values_list("start", flat=True)
    assert list(chapter_starts) == [requested_time(start) for start in starts]
