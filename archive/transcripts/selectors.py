"""Reads of transcripts for the player page, the captions track and the search index."""

from collections.abc import Iterator
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, Max, Min, Prefetch, Q, QuerySet

from archive.models import ArchiveItemPage, IndexSegment, Interview, Segment, Tape
from archive.selectors import public_items
from media.timecodes import (
    Cue,
    TimecodeError,
    iso_duration,
    parse_timecode,
    short_timecode,
    spoken_timecode,
)


@dataclass(frozen=True)
class SegmentHit:
    """What the search index needs of a segment; ``start`` in seconds (as ``#t=`` takes)."""

    segment: Segment
    item: ArchiveItemPage
    start: float
    end: float
    text: str
    speaker: str

    @property
    def timecode(self) -> str:
        return short_timecode(int(self.start * 1000))

    @property
    def url(self) -> str:
        return segment_url(item=self.item, start=int(self.start * 1000))


def segment_url(*, item: ArchiveItemPage, start: int) -> str:
    """The item's page opened at that second: ``/archive/mon-entretien/?t=1:02:10``."""
    return f"{item.url}?t={short_timecode(start)}"


def public_interviews() -> QuerySet[Interview]:
    """Interviews of the items the public may see (``archive.selectors.public_items``): what
    the captions, the downloads and the correction form may serve."""
    return Interview.objects.filter(page__in=public_items().values("pk")).select_related("page")


def public_segment_queryset() -> QuerySet[Segment]:
    """Segments of the items the public may see (``public_items``), interview by interview,
    in time order."""
    return (
        Segment.objects.filter(interview__page__in=public_items().values("pk"))
        .select_related("interview__page")
        .order_by("interview_id", "start", "pk")
    )


def public_segments(*, item: ArchiveItemPage | None = None) -> Iterator[SegmentHit]:
    """Segments of live, public items only, in time order; ``item`` narrows to one item."""
    segments = public_segment_queryset()
    if item is not None:
        segments = segments.filter(interview__page=item)
    for segment in segments.iterator(chunk_size=2000):
        yield SegmentHit(
            segment=segment,
            item=segment.interview.page,
            start=segment.start / 1000,
            end=segment.end / 1000,
            text=segment.text,
            speaker=segment.speaker,
        )


# How long a transcript's text or markup is kept at most; any write to it moves the
# interview's ``updated_at`` (``archive.handlers``), hence the key, at once.
TRANSCRIPT_CACHE_SECONDS = 24 * 3600


def transcript_cache_key(name: str, *, interview_id: int, updated_at, parts=()) -> str:
    """The one key shape for what is kept of a transcript (its text, its rendered list): it
    changes with every write to it (``Interview.updated_at``, moved by ``archive.handlers``)."""
    return ":".join(str(part) for part in (name, interview_id, updated_at.timestamp(), *parts))


def public_transcript_text(*, item: ArchiveItemPage) -> str:
    """The item's public transcript as one text (``public_segments``), read once per version
    of the transcript; "" without one."""
    interview = interview_for_item(item=item)
    if interview is None:
        return ""
    key = transcript_cache_key(
        "transcript-text", interview_id=interview.pk, updated_at=interview.updated_at
    )
    text = cache.get(key)
    if text is None:
        text = " ".join(segment.text for segment in public_segments(item=item))
        cache.set(key, text, timeout=TRANSCRIPT_CACHE_SECONDS)
    return text


def interview_for_item(*, item: ArchiveItemPage) -> Interview | None:
    """The interview with its tapes and index; its segments are read only when the page's
    transcript is not in the cache (``transcript_rows``). Read once per item object: the
    page's structured data and its player both ask."""
    if "_interview_for_item" not in item.__dict__:
        item._interview_for_item = _interview_read(item)
    return item._interview_for_item


def _interview_read(item: ArchiveItemPage) -> Interview | None:
    return (
        Interview.objects.filter(page=item)
        .prefetch_related(
            Prefetch(
                "tapes",
                queryset=Tape.objects.select_related("media_file")
                .prefetch_related("media_file__caption_tracks")
                .order_by("sort_order", "pk"),
            ),
            Prefetch(
                "index_segments",
                queryset=IndexSegment.objects.prefetch_related("places").order_by("start", "pk"),
            ),
        )
        .first()
    )


def requested_time(value: str | None) -> int | None:
    """``?t=12:34``, ``?t=754`` or ``?t=1:02:10`` -> milliseconds; anything else is ignored."""
    if not value:
        return None
    try:
        return parse_timecode(value)
    except (TimecodeError, ValueError):
        return None


@dataclass
class PlayerTape:
    tape: Tape | None
    title: str
    media_file: object
    offset: int
    duration: int | None
    captions_url: str = ""


@dataclass
class PlayerRow:
    """A segment as the page shows it, its time written for people, machines and voices."""

    segment: Segment
    start_label: str
    iso: str
    spoken: str
    seconds: float
    current: bool = False


@dataclass
class Player:
    interview: Interview
    tapes: list[PlayerTape]
    chapters: list[dict]
    start: int | None
    current_id: int | None
    kind: str = "audio"

    @property
    def rows(self) -> list["PlayerRow"]:
        """Every segment, in one query: read when the transcript is not in the cache."""
        return transcript_rows(interview=self.interview, current_id=self.current_id)


def _row(segment: Segment, current_id: int | None) -> PlayerRow:
    return PlayerRow(
        segment=segment,
        start_label=short_timecode(segment.start),
        iso=iso_duration(segment.start),
        spoken=spoken_timecode(segment.start),
        seconds=segment.start / 1000,
        current=segment.pk == current_id,
    )


def transcript_rows(*, interview: Interview, current_id: int | None = None) -> list[PlayerRow]:
    """The transcript as the page shows it, segment by segment, in time order."""
    segments = Segment.objects.filter(interview=interview).order_by("start", "pk")
    return [_row(segment, current_id) for segment in segments]


def current_segment_id(*, interview: Interview, at: int) -> int | None:
    """The segment being said at ``at`` (ms), or the first one after it."""
    return (
        Segment.objects.filter(interview=interview)
        .filter(Q(start__lte=at, end__gt=at) | Q(start__gte=at))
        .order_by("start", "pk")
        .values_list("pk", flat=True)
        .first()
    )


def player_for_item(*, item: ArchiveItemPage, at: int | None = None) -> Player | None:
    """Everything the player template needs in a fixed number of queries, the segments
    aside (``Player.rows``); ``at`` (ms) marks the segment being said at that time as the
    current one."""
    interview = interview_for_item(item=item)
    if interview is None:
        return None
    tapes, offset = [], 0
    for tape in interview.tapes.all():
        duration = tape.duration_ms
        tapes.append(
            PlayerTape(
                tape=tape,
                title=tape.title,
                media_file=tape.media_file,
                offset=offset,
                duration=duration,
            )
        )
        offset += duration or 0
    if not tapes and item.media_file_id:
        media = item.media_file
        tapes.append(
            PlayerTape(
                tape=None,
                title="",
                media_file=media,
                offset=0,
                duration=round(media.duration * 1000) if media.duration else None,
            )
        )
    current_id = None if at is None else current_segment_id(interview=interview, at=at)
    chapters = []
    for chapter in interview.index_segments.all():
        chapters.append(
            {
                "chapter": chapter,
                "start_label": short_timecode(chapter.start),
                "iso": iso_duration(chapter.start),
                "spoken": spoken_timecode(chapter.start),
                "seconds": chapter.start / 1000,
            }
        )
    kinds = {t.media_file.kind for t in tapes if t.media_file is not None}
    return Player(
        interview=interview,
        tapes=[t for t in tapes if t.media_file is not None],
        chapters=chapters,
        start=at,
        current_id=current_id,
        kind="video" if "video" in kinds else "audio",
    )


def captions_cues(*, interview: Interview, tape: Tape | None = None) -> list[Cue]:
    """Cues for one tape's ``<track>``, on that tape's own clock (each file starts at zero)."""
    segments: QuerySet[Segment] = interview.segments.order_by("start", "pk")
    offset, end = 0, None
    if tape is not None:
        for other in interview.tapes.select_related("media_file").order_by("sort_order", "pk"):
            if other.pk == tape.pk:
                end = offset + other.duration_ms if other.duration_ms else None
                break
            offset += other.duration_ms or 0
        segments = segments.filter(end__gt=offset)
        if end is not None:
            segments = segments.filter(start__lt=end)
    return [
        Cue(
            start=max(0, s.start - offset),
            end=s.end - offset if end is None else min(s.end, end) - offset,
            text=s.text,
            speaker=s.speaker,
        )
        for s in segments
    ]


# The admin's segment editor -------------------------------------------------------------

EDITOR_WINDOW = 10 * 60_000


@dataclass(frozen=True)
class SegmentWindow:
    """Ten minutes of one interview's time line, as the segment editor shows them: the
    segments that start in ``[start, end)``, and where the windows before and after that
    hold segments begin (``None`` at either end of the transcript)."""

    start: int
    end: int
    segments: QuerySet[Segment]
    previous_start: int | None
    next_start: int | None


def segment_window(
    *, interview: Interview, at: int = 0, size: int = EDITOR_WINDOW
) -> SegmentWindow:
    """The window holding the time ``at``; empty windows are skipped by previous and next."""
    start = max(0, at) // size * size
    end = start + size
    segments = interview.segments.all()
    before = (
        segments.filter(start__lt=start)
        .order_by("-start", "-pk")
        .values_list("start", flat=True)[:1]
    )
    after = (
        segments.filter(start__gte=end).order_by("start", "pk").values_list("start", flat=True)[:1]
    )
    previous = next(iter(before), None)
    following = next(iter(after), None)
    return SegmentWindow(
        start=start,
        end=end,
        segments=segments.filter(start__gte=start, start__lt=end).order_by("start", "pk"),
        previous_start=None if previous is None else previous // size * size,
        next_start=None if following is None else following // size * size,
    )


@dataclass(frozen=True)
class TranscriptSummary:
    count: int
    first_start: int | None
    last_end: int | None


def transcript_summary(*, interview: Interview) -> TranscriptSummary:
    """How many segments and over how long, in one query whatever the length."""
    totals = interview.segments.aggregate(
        count=Count("pk"), first_start=Min("start"), last_end=Max("end")
    )
    return TranscriptSummary(**totals)
