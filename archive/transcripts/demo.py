"""Demo oral histories and Ch'ti TAIDx talks, with their sound made here by espeak-ng.

The people are invented; their words are what miners and residents of the basin tell. Each
interview is two files in ``demo_data/``, loaded in the order of their names: a TOML file
for the item, its tapes and its index chapters, and the transcript as a WebVTT file on the
interview's time line, imported as an editor would. Each recording is a WAV generated at
load time and stored through ``media_file_create``, checked like an upload. The 70-minute
interview is two tapes of the right length with speech at the start of each chapter
(synthesising an hour of speech would make the demo slow); the shorter ones are spoken cue
by cue. Without espeak-ng the recordings are silent, of the same lengths, and the loader
says so."""

import shutil
import subprocess
import tempfile
import tomllib
import wave
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from PIL import Image

from archive.demo import ensure_collections, ensure_places, ensure_themes
from archive.models import (
    ArchiveIndexPage,
    ArchiveItemPage,
    IndexSegment,
    Interview,
    ItemKind,
    Tape,
)
from archive.transcripts.services import transcript_import
from media.services import media_file_create
from media.timecodes import Cue, parse_timecode
from media.webvtt import from_webvtt

DEMO_DATA = Path(__file__).resolve().parent / "demo_data"
RATE = 8000  # telephone quality, 8 bits: the 70 minutes stay near 34 MB
SILENCE = b"\x80"
# Which cues the recordings say: all of them, or the first of each chapter (a long interview).
EVERY_CUE = "every cue"
CHAPTER_STARTS = "chapter starts"


@dataclass(frozen=True)
class Chapter:
    """An index chapter; ``start`` in ms on the interview's time line."""

    start: int
    title: str
    synopsis: str
    keywords: str
    places: tuple[str, ...]


@dataclass(frozen=True)
class Recording:
    """One tape: its title (empty for a single recording) and its length in ms."""

    title: str
    duration: int


@dataclass(frozen=True)
class OralHistory:
    slug: str
    title: str
    summary: str
    story: str
    speakers_note: str
    date_label: str
    places: tuple[str, ...]
    themes: tuple[str, ...]
    credit: str
    source: str
    chapters: tuple[Chapter, ...]
    transcript: str
    # No tapes: a transcript kept on paper, without any recording.
    tapes: tuple[Recording, ...] = ()
    spoken: str = EVERY_CUE
    collection: str = ""


def _read(path: Path) -> OralHistory:
    """One interview's TOML file and the WebVTT transcript of the same name."""
    meta = tomllib.loads(path.read_text(encoding="utf-8"))
    chapters = tuple(
        Chapter(
            start=parse_timecode(chapter["start"]),
            title=chapter["title"],
            synopsis=chapter["synopsis"],
            keywords=chapter["keywords"],
            places=tuple(chapter["places"]),
        )
        for chapter in meta.pop("chapters")
    )
    tapes = tuple(
        Recording(title=tape.get("title", ""), duration=parse_timecode(tape["duration"]))
        for tape in meta.pop("tapes", ())
    )
    return OralHistory(
        **{key: tuple(value) if isinstance(value, list) else value for key, value in meta.items()},
        chapters=chapters,
        tapes=tapes,
        transcript=path.with_suffix(".vtt").read_text(encoding="utf-8"),
    )


ORAL_HISTORIES = tuple(_read(path) for path in sorted(DEMO_DATA.glob("*.toml")))


# Sound -----------------------------------------------------------------------------------


def espeak_available() -> bool:
    return shutil.which("espeak-ng") is not None


def speak(text: str) -> bytes:
    """``text`` said by espeak-ng's French voice, as 8-bit samples at ``RATE``."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "voix.wav"
        subprocess.run(  # noqa: S603 - fixed program, text passed as one argument
            [shutil.which("espeak-ng"), "-v", "fr", "-s", "155", "-w", str(path), text],
            check=True,
            capture_output=True,
            timeout=60,
        )
        with wave.open(str(path), "rb") as source:
            rate, width = source.getframerate(), source.getsampwidth()
            frames = source.readframes(source.getnframes())
    if width != 2:
        raise ValueError(f"espeak-ng a écrit des échantillons de {width} octets")
    count = len(frames) // 2
    # The samples as a one-row picture (little-endian, as WAV has them), shrunk to RATE by
    # averaging each output sample's span: less hiss than plain decimation, and done in C by
    # Pillow (a Python loop over every sample took seconds per recording).
    row = Image.frombytes("I", (count, 1), frames[: count * 2], "raw", "I;16S")
    row = row.resize((int(count * RATE / rate), 1), Image.Resampling.BOX)
    return row.point(lambda sample: sample / 256 + 128).convert("L").tobytes()


def _frames(ms: int) -> int:
    return ms * RATE // 1000


def wav_file(*, duration: int, clips: list[tuple[int, bytes]]) -> bytes:
    """A mono WAV of ``duration`` ms, silent but for the 8-bit ``clips`` laid at their times."""
    samples = bytearray(SILENCE * _frames(duration))
    for at, clip in clips:
        start = _frames(at)
        clip = clip[: max(0, len(samples) - start)]
        samples[start : start + len(clip)] = clip
    buffer = BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(1)
        out.setframerate(RATE)
        out.writeframes(bytes(samples))
    return buffer.getvalue()


def _store(data: bytes, *, title: str, credit: str):
    upload = SimpleUploadedFile("enregistrement.wav", data, content_type="audio/wav")
    return media_file_create(upload=upload, title=title, credit=credit)


def _clips(story: OralHistory, cues: list[Cue], *, offset: int, length: int):
    """The cues a tape says, each cut to its own span, at their times on that tape."""
    chapter_starts = {chapter.start for chapter in story.chapters}
    return [
        (cue.start - offset, speak(cue.text)[: _frames(cue.end - cue.start)])
        for cue in cues
        if offset <= cue.start < offset + length
        and (story.spoken != CHAPTER_STARTS or cue.start in chapter_starts)
    ]


# Pages -----------------------------------------------------------------------------------


def _create_item(index: ArchiveIndexPage, story: OralHistory) -> ArchiveItemPage:
    places = ensure_places()
    themes = {theme.slug: theme for theme, _words in ensure_themes()}
    collections = {collection.slug: collection for collection in ensure_collections()}
    item = index.add_child(
        instance=ArchiveItemPage(
            title=story.title,
            slug=story.slug,
            kind=ItemKind.ORAL_HISTORY,
            summary=story.summary,
            story=[("paragraph", story.story)],
            date_label=story.date_label,
            credit=story.credit,
            source=story.source,
            collection=collections.get(story.collection),
        )
    )
    item.places = [places[phrase] for phrase in story.places]
    item.themes = [themes[slug] for slug in story.themes]
    item.save()
    return item


def _create_interview(item: ArchiveItemPage, story: OralHistory, *, voice: bool) -> Interview:
    interview = Interview.objects.create(page=item, speakers_note=story.speakers_note)
    cues = from_webvtt(story.transcript)
    offset = 0
    for order, tape in enumerate(story.tapes):
        clips = _clips(story, cues, offset=offset, length=tape.duration) if voice else []
        media = _store(
            wav_file(duration=tape.duration, clips=clips),
            title=f"{story.title} — {tape.title}" if tape.title else story.title,
            credit=story.credit,
        )
        Tape.objects.create(
            interview=interview, title=tape.title, media_file=media, sort_order=order
        )
        offset += tape.duration
    places = ensure_places()
    for chapter in story.chapters:
        index_segment = IndexSegment(
            interview=interview,
            start=chapter.start,
            title=chapter.title,
            synopsis=chapter.synopsis,
            keywords=chapter.keywords,
        )
        index_segment.places = [places[phrase] for phrase in chapter.places]
        index_segment.save()
    # As an editor would: the WebVTT file, checked (overlaps, past the end) by the service.
    transcript_import(interview=interview, source=story.transcript)
    return interview


def ensure_oral_histories(
    index: ArchiveIndexPage,
    *,
    voice: bool | None = None,
    say: Callable[[str], object] | None = None,
) -> Iterator[ArchiveItemPage]:
    """Create the missing oral histories and TAIDx talks, yielding each item.

    ``voice`` defaults to whether espeak-ng is installed; without it the recordings are
    silent and ``say`` (the command's output) is told so once."""
    if voice is None:
        voice = espeak_available()
        if not voice and say is not None:
            say(
                "espeak-ng est absent : les enregistrements de démonstration sont muets "
                "(apt-get install espeak-ng pour les entendre)."
            )
    for story in ORAL_HISTORIES:
        item = ArchiveItemPage.objects.filter(slug=story.slug).first()
        if item is None:
            item = _create_item(index, story)
        if not Interview.objects.filter(page=item).exists():
            # All or nothing: an interrupted load leaves no half interview to skip next time.
            with transaction.atomic():
                _create_interview(item, story, voice=voice)
            item.save_revision().publish()
        yield item
