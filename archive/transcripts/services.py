"""Writes of transcripts: import, split, merge, shift, corrections. Every write validates first.

Validation messages are French sentences that name the segment by its time code, so an
editor can find it in a transcript of a thousand lines."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from archive.models import AdditionStatus, Interview, Segment, SegmentCorrection, Tape
from archive.signals import transcript_changed
from archive.transcripts.plaintext import PlainTextError, from_plain_text
from media.timecodes import Cue, format_timecode, normalise_text
from media.webvtt import WebVTTError, from_webvtt

REPLACE = "replace"
MERGE = "merge"


@dataclass(frozen=True)
class ImportResult:
    created: int
    removed: int


def transcript_announce(*, page_id: int) -> None:
    """Tell the search index once the write commits (a rolled-back edit changes nothing).

    For writes made outside these services, such as the Interview form of the admin."""
    transaction.on_commit(lambda: transcript_changed.send(sender=Interview, page_id=page_id))


def _announce_change(interview_id: int) -> None:
    page_id = Interview.objects.filter(pk=interview_id).values_list("page_id", flat=True).first()
    if page_id is not None:
        transcript_announce(page_id=page_id)


def timeline_duration(*, tapes: Sequence[Tape], page_media=None) -> int | None:
    """Milliseconds of ``tapes`` played one after another, or of the item's own recording
    when there is no tape; ``None`` when a length is unknown. Takes unsaved tapes too, so
    the admin form checks the time line it is about to save."""
    if not tapes:
        if page_media is not None and page_media.duration:
            return round(page_media.duration * 1000)
        return None
    lengths = [tape.duration_ms for tape in tapes]
    return None if any(length is None for length in lengths) else sum(lengths)


def interview_duration(*, interview: Interview) -> int | None:
    """Milliseconds of all tapes together; ``None`` when one length is unknown (or no tape)."""
    return timeline_duration(
        tapes=list(interview.tapes.select_related("media_file")),
        page_media=getattr(interview.page, "media_file", None),
    )


@dataclass(frozen=True)
class TimelineProblem:
    """One problem of a time line: which cue (its position in the sequence checked), which
    of its fields to correct, and the French sentence that says how."""

    index: int
    field: str
    message: str


def transcript_problems(
    *, cues: Sequence[Cue], duration: int | None = None
) -> list[TimelineProblem]:
    """Every problem of a time line: end before start, no text, overlaps, past the end."""
    problems = []
    previous: Cue | None = None
    for index, cue in sorted(enumerate(cues), key=lambda item: (item[1].start, item[1].end)):
        at = format_timecode(cue.start)
        if cue.end <= cue.start:
            problems.append(
                TimelineProblem(
                    index,
                    "end",
                    _(
                        "Le segment de %(start)s finit à %(end)s, avant d'avoir commencé : "
                        "corrigez sa fin."
                    )
                    % {"start": at, "end": format_timecode(cue.end)},
                )
            )
        if not normalise_text(cue.text):
            problems.append(
                TimelineProblem(
                    index, "text", _("Le segment de %(start)s n'a pas de texte.") % {"start": at}
                )
            )
        if previous is not None and cue.start < previous.end:
            problems.append(
                TimelineProblem(
                    index,
                    "start",
                    _(
                        "Le segment de %(start)s chevauche le précédent, qui finit à %(end)s : "
                        "avancez sa fin ou retardez ce début."
                    )
                    % {"start": at, "end": format_timecode(previous.end)},
                )
            )
        if duration is not None and cue.end > duration:
            problems.append(
                TimelineProblem(
                    index,
                    "end",
                    _(
                        "Le segment de %(start)s finit à %(end)s, après la fin de "
                        "l'enregistrement (%(duration)s)."
                    )
                    % {
                        "start": at,
                        "end": format_timecode(cue.end),
                        "duration": format_timecode(duration),
                    },
                )
            )
        if previous is None or cue.end > previous.end:
            previous = cue
    return problems


def transcript_errors(*, cues: Sequence[Cue], duration: int | None = None) -> list[str]:
    """Every problem of a time line, in French: end before start, overlaps, past the end."""
    return [problem.message for problem in transcript_problems(cues=cues, duration=duration)]


def _cue(segment: Segment) -> Cue:
    return Cue(start=segment.start, end=segment.end, text=segment.text, speaker=segment.speaker)


def interview_cues(*, interview: Interview) -> list[Cue]:
    return [_cue(segment) for segment in interview.segments.order_by("start", "pk")]


def _check(cues: Sequence[Cue], interview: Interview) -> None:
    errors = transcript_errors(cues=cues, duration=interview_duration(interview=interview))
    if errors:
        raise ValidationError(errors)


def parse_transcript(*, source: str | bytes, file_format: str, duration: int | None = None):
    """Cues of an uploaded file; a file that cannot be read raises a French ValidationError."""
    try:
        if file_format == "webvtt":
            return from_webvtt(source)
        return from_plain_text(source, duration=duration)
    except (WebVTTError, PlainTextError) as error:
        raise ValidationError(str(error)) from error


@transaction.atomic
def transcript_import(
    *,
    interview: Interview,
    source: str | bytes,
    file_format: str = "webvtt",
    mode: str = REPLACE,
    user=None,
) -> ImportResult:
    """Replace the transcript with a file's, or merge it in: in a merge, the file's segments
    take the place of the ones they overlap and the rest is kept. Logged in the audit log
    under ``user``."""
    duration = interview_duration(interview=interview)
    imported = parse_transcript(source=source, file_format=file_format, duration=duration)
    if not imported:
        raise ValidationError(_("Le fichier ne contient aucun segment."))
    existing = list(interview.segments.all())
    if mode == REPLACE:
        removed = existing
    else:
        removed = [
            segment
            for segment in existing
            if any(segment.start < cue.end and cue.start < segment.end for cue in imported)
        ]
    removed_ids = {segment.pk for segment in removed}
    kept = [_cue(segment) for segment in existing if segment.pk not in removed_ids]
    _check([*kept, *imported], interview)
    Segment.objects.filter(pk__in=removed_ids).delete()
    Segment.objects.bulk_create(
        Segment(
            interview=interview,
            start=cue.start,
            end=cue.end,
            speaker=cue.speaker[:80],
            text=normalise_text(cue.text),
        )
        for cue in imported
    )
    Interview.objects.filter(pk=interview.pk).update(updated_at=timezone.now())
    log(
        instance=interview,
        action="archive.transcript.import",
        user=user,
        data={"mode": mode, "created": len(imported), "removed": len(removed_ids)},
    )
    transcript_announce(page_id=interview.page_id)
    return ImportResult(created=len(imported), removed=len(removed_ids))


def _split_text(text: str, ratio: float) -> tuple[str, str]:
    """Cut between words, as near the time's proportion as possible."""
    words = text.split(" ")
    if len(words) < 2:
        return text, ""
    cut = min(max(1, round(len(words) * ratio)), len(words) - 1)
    return " ".join(words[:cut]), " ".join(words[cut:])


@transaction.atomic
def segment_split(
    *,
    segment: Segment,
    at: int,
    text_before: str | None = None,
    text_after: str | None = None,
    user=None,
) -> tuple[Segment, Segment]:
    """Cut ``segment`` in two at ``at`` milliseconds; the text is cut where the editor says
    or, by default, between the words nearest the same proportion."""
    if not segment.start < at < segment.end:
        raise ValidationError(
            _("Coupez entre le début (%(start)s) et la fin (%(end)s) du segment.")
            % {"start": format_timecode(segment.start), "end": format_timecode(segment.end)}
        )
    if text_before is None or text_after is None:
        text_before, text_after = _split_text(
            segment.text, (at - segment.start) / (segment.end - segment.start)
        )
    if not normalise_text(text_after) or not normalise_text(text_before):
        raise ValidationError(_("Chaque moitié du segment doit garder du texte."))
    second = Segment.objects.create(
        interview=segment.interview,
        start=at,
        end=segment.end,
        speaker=segment.speaker,
        text=normalise_text(text_after),
    )
    segment.end = at
    segment.text = normalise_text(text_before)
    segment.save(update_fields=["end", "text"])
    log(
        instance=segment.interview,
        action="archive.transcript.split",
        user=user,
        data={"at": format_timecode(at)},
    )
    transcript_announce(page_id=segment.interview.page_id)
    return segment, second


@transaction.atomic
def segments_merge(*, segments: Iterable[Segment], user=None) -> Segment:
    """Join consecutive segments of one speaker into the first; their texts follow each other."""
    ordered = sorted(segments, key=lambda s: (s.start, s.pk))
    if len(ordered) < 2:
        raise ValidationError(_("Choisissez au moins deux segments à réunir."))
    if len({s.interview_id for s in ordered}) != 1:
        raise ValidationError(_("Les segments à réunir doivent venir du même entretien."))
    if len({s.speaker for s in ordered}) != 1:
        raise ValidationError(
            _("Ces segments ne sont pas dits par la même personne : corrigez d'abord qui parle.")
        )
    first, last = ordered[0], ordered[-1]
    between = Segment.objects.filter(
        interview_id=first.interview_id, start__gte=first.start, start__lte=last.start
    ).exclude(pk__in=[s.pk for s in ordered])
    if between.exists():
        raise ValidationError(_("Seuls des segments qui se suivent peuvent être réunis."))
    first.end = max(s.end for s in ordered)
    first.text = normalise_text("\n".join(s.text for s in ordered))
    first.save(update_fields=["end", "text"])
    Segment.objects.filter(pk__in=[s.pk for s in ordered[1:]]).delete()
    log(
        instance=first.interview,
        action="archive.transcript.merge",
        user=user,
        data={"start": format_timecode(first.start), "count": len(ordered)},
    )
    _announce_change(first.interview_id)
    return first


@transaction.atomic
def segments_shift(
    *,
    interview: Interview,
    offset: int,
    start_from: int = 0,
    until: int | None = None,
    user=None,
) -> int:
    """Move by ``offset`` milliseconds (negative: earlier) the segments that start in
    ``[start_from, until]``; index chapters there move with them. Returns how many moved."""
    segments = list(interview.segments.all())
    moving = [s for s in segments if s.start >= start_from and (until is None or s.start <= until)]
    if not moving:
        raise ValidationError(_("Aucun segment ne commence dans cet intervalle."))
    if any(s.start + offset < 0 for s in moving):
        raise ValidationError(
            _("Ce décalage ferait commencer un segment avant le début de l'enregistrement.")
        )
    moved_ids = {s.pk for s in moving}
    cues = [
        Cue(s.start + offset, s.end + offset, s.text, s.speaker) if s.pk in moved_ids else _cue(s)
        for s in segments
    ]
    _check(cues, interview)
    for segment in moving:
        segment.start += offset
        segment.end += offset
    Segment.objects.bulk_update(moving, ["start", "end"])
    for chapter in interview.index_segments.all():
        if chapter.start >= start_from and (until is None or chapter.start <= until):
            chapter.start = max(0, chapter.start + offset)
            if chapter.end is not None:
                chapter.end = max(chapter.start, chapter.end + offset)
            chapter.save(update_fields=["start", "end"])
    log(
        instance=interview,
        action="archive.transcript.shift",
        user=user,
        data={"offset_ms": offset, "moved": len(moving)},
    )
    transcript_announce(page_id=interview.page_id)
    return len(moving)


@dataclass(frozen=True)
class SegmentChange:
    """One row of the segment editor as the editor left it: ``segment_id`` is ``None`` for
    a new segment; ``delete`` removes the segment whatever the other fields say."""

    segment_id: int | None
    start: int = 0
    end: int = 0
    speaker: str = ""
    text: str = ""
    delete: bool = False


@dataclass(frozen=True)
class EditProblem:
    """A problem of the time line after an edit, on the change at position ``change`` or,
    when no change is to blame, on the stored segment ``segment_id`` (starting at ``start``)."""

    change: int | None
    segment_id: int | None
    start: int
    field: str
    message: str


class SegmentsEditRefused(ValidationError):
    """Nothing was saved; ``problems`` say where each problem is."""

    def __init__(self, problems: Sequence[EditProblem]):
        super().__init__([problem.message for problem in problems])
        self.problems = list(problems)


@dataclass(frozen=True)
class EditResult:
    changed: int
    created: int
    deleted: int

    @property
    def total(self) -> int:
        return self.changed + self.created + self.deleted


def segments_edit_problems(
    *, interview: Interview, changes: Sequence[SegmentChange]
) -> list[EditProblem]:
    """Every problem of the whole transcript as it would be after ``changes``: the rows
    edited are checked against each other and against every segment left as it is."""
    stored = list(interview.segments.only("pk", "start", "end", "speaker", "text"))
    stored_ids = {segment.pk for segment in stored}
    problems = [
        EditProblem(
            index,
            change.segment_id,
            change.start,
            "__all__",
            _("Ce segment a été supprimé ou déplacé entre-temps : rechargez la page."),
        )
        for index, change in enumerate(changes)
        if change.segment_id is not None
        and change.segment_id not in stored_ids
        and not change.delete
    ]
    touched = {change.segment_id for change in changes}
    owners: list[tuple[int | None, Segment | None]] = []
    cues: list[Cue] = []
    for index, change in enumerate(changes):
        if not change.delete:
            owners.append((index, None))
            cues.append(Cue(change.start, change.end, change.text, change.speaker))
    for segment in stored:
        if segment.pk not in touched:
            owners.append((None, segment))
            cues.append(_cue(segment))
    duration = interview_duration(interview=interview)
    for problem in transcript_problems(cues=cues, duration=duration):
        change_index, segment = owners[problem.index]
        if change_index is not None:
            problems.append(
                EditProblem(
                    change_index,
                    changes[change_index].segment_id,
                    changes[change_index].start,
                    problem.field,
                    problem.message,
                )
            )
            continue
        # A stored segment overlapped by an edited one: the edit is what to correct.
        blamed = next(
            (
                (index, cues[position])
                for position, (index, _stored) in enumerate(owners)
                if index is not None
                and problem.field == "start"
                and cues[position].start <= segment.start < cues[position].end
            ),
            None,
        )
        if blamed is not None:
            index, cue = blamed
            problems.append(
                EditProblem(
                    index,
                    changes[index].segment_id,
                    cue.start,
                    "end",
                    _(
                        "Ce segment finit à %(end)s, après le début du segment suivant "
                        "(%(next)s) : avancez sa fin ou retardez le début du suivant."
                    )
                    % {"end": format_timecode(cue.end), "next": format_timecode(segment.start)},
                )
            )
        else:
            problems.append(
                EditProblem(None, segment.pk, segment.start, problem.field, problem.message)
            )
    return problems


@transaction.atomic
def segments_edit(
    *, interview: Interview, changes: Sequence[SegmentChange], user=None
) -> EditResult:
    """Apply the segment editor's rows in one transaction, or nothing at all: the whole
    transcript as it would be after the change is checked first (``transcript_problems``)
    and ``SegmentsEditRefused`` says where each problem is. Logged in the audit log."""
    changes = [
        SegmentChange(
            segment_id=change.segment_id,
            start=change.start,
            end=change.end,
            speaker=change.speaker.strip()[:80],
            text=normalise_text(change.text),
            delete=change.delete,
        )
        for change in changes
    ]
    if not changes:
        return EditResult(changed=0, created=0, deleted=0)
    # Two editors saving the same interview at once must not pass the check one beside
    # the other: the second waits for the first.
    Interview.objects.select_for_update().filter(pk=interview.pk).first()
    problems = segments_edit_problems(interview=interview, changes=changes)
    if problems:
        raise SegmentsEditRefused(problems)
    deleted = [change.segment_id for change in changes if change.delete and change.segment_id]
    updates = {change.segment_id: change for change in changes if change.segment_id}
    updates = {pk: change for pk, change in updates.items() if not change.delete}
    new = [change for change in changes if change.segment_id is None and not change.delete]
    Segment.objects.filter(interview=interview, pk__in=deleted).delete()
    changed = list(interview.segments.filter(pk__in=updates))
    for segment in changed:
        change = updates[segment.pk]
        segment.start, segment.end = change.start, change.end
        segment.speaker, segment.text = change.speaker, change.text
    Segment.objects.bulk_update(changed, ["start", "end", "speaker", "text"])
    Segment.objects.bulk_create(
        Segment(
            interview=interview,
            start=change.start,
            end=change.end,
            speaker=change.speaker,
            text=change.text,
        )
        for change in new
    )
    result = EditResult(changed=len(changed), created=len(new), deleted=len(deleted))
    Interview.objects.filter(pk=interview.pk).update(updated_at=timezone.now())
    log(
        instance=interview,
        action="archive.transcript.edit",
        user=user,
        data={"changed": result.changed, "created": result.created, "deleted": result.deleted},
    )
    transcript_announce(page_id=interview.page_id)
    return result


def correction_propose(
    *, segment: Segment, proposed_text: str, comment: str = "", credit_name: str = ""
) -> SegmentCorrection:
    """A visitor's proposal, held for review; nothing changes on the page before then."""
    text = normalise_text(proposed_text)
    if not text:
        raise ValidationError({"proposed_text": _("Écrivez le texte tel que vous l'entendez.")})
    if text == normalise_text(segment.text):
        raise ValidationError(
            {"proposed_text": _("Ce texte est celui qui est déjà affiché : modifiez-le.")}
        )
    return SegmentCorrection.objects.create(
        segment=segment,
        proposed_text=text,
        comment=comment.strip(),
        credit_name=credit_name.strip()[:100],
    )


@transaction.atomic
def correction_review(
    *, correction: SegmentCorrection, accept: bool, user=None
) -> SegmentCorrection:
    """Accepting replaces the segment's text; declining leaves it as it was. Either way the
    decision is logged in the audit log under ``user``."""
    if accept:
        segment = correction.segment
        segment.text = correction.proposed_text
        segment.save(update_fields=["text"])
        _announce_change(segment.interview_id)
    correction.status = AdditionStatus.PUBLISHED if accept else AdditionStatus.DECLINED
    correction.reviewed_at = timezone.now()
    correction.save(update_fields=["status", "reviewed_at"])
    log(
        instance=correction,
        action="archive.correction.accept" if accept else "archive.correction.decline",
        user=user,
    )
    return correction


__all__ = [
    "MERGE",
    "REPLACE",
    "EditProblem",
    "EditResult",
    "SegmentChange",
    "SegmentsEditRefused",
    "TimelineProblem",
    "correction_propose",
    "correction_review",
    "interview_cues",
    "interview_duration",
    "segment_split",
    "segments_edit",
    "segments_edit_problems",
    "segments_merge",
    "segments_shift",
    "timeline_duration",
    "transcript_announce",
    "transcript_errors",
    "transcript_import",
    "transcript_problems",
]
