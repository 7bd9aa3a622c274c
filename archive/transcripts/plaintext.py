"""Plain-text import and export of a transcript, readable and editable in any text editor.

One segment per paragraph::

    [01:02:10 - 01:02:15.500] Marcel Dupont : On descendait à six heures.
    Le porion nous attendait.

The speaker is what comes before `` : `` on the first line. Import also takes the shorter
``[01:02:10] Texte`` that people type by hand: a segment then ends where the next begins.
A backslash at the start of a line keeps it literal (no speaker, not a new segment), so our
own exports always read back exactly, but for a speaker's name that starts with a backslash
or holds `` : `` itself: the format cannot tell those from the text."""

import re

from django.utils.translation import gettext as _

from media.timecodes import (
    Cue,
    TimecodeError,
    decode_text,
    format_timecode,
    normalise_text,
    parse_timecode,
)

HEADER_RE = re.compile(r"^\[(?P<start>[\d:.,]+)(?:\s*[-–]\s*(?P<end>[\d:.,]+))?\]\s?(?P<rest>.*)$")
SPEAKER_SEPARATOR = " : "
MAX_SPEAKER_LENGTH = 80


class PlainTextError(ValueError):
    """A line could not be read; the French message gives its number."""


def _speaker_split(line: str) -> tuple[str, str] | None:
    head, separator, tail = line.partition(SPEAKER_SEPARATOR)
    if separator and head.strip() and len(head) <= MAX_SPEAKER_LENGTH:
        return head.strip(), tail
    return None


def _escape_line(line: str) -> str:
    if line.startswith("\\") or HEADER_RE.match(line):
        return "\\" + line
    return line


def to_plain_text(cues: list[Cue]) -> str:
    paragraphs = []
    for cue in cues:
        lines = normalise_text(cue.text).split("\n")
        first = lines[0]
        header = f"[{format_timecode(cue.start)} - {format_timecode(cue.end)}]"
        if speaker := cue.speaker.strip():
            # The separator keeps its space even before an empty text: it marks the speaker.
            first = f"{header} {speaker}{SPEAKER_SEPARATOR}{first}"
        elif first.startswith("\\") or _speaker_split(first) is not None:
            first = f"{header} \\{first}"
        else:
            first = f"{header} {first}".rstrip()
        paragraphs.append("\n".join([first, *(_escape_line(line) for line in lines[1:])]))
    return "\n\n".join(paragraphs) + "\n"


def from_plain_text(source: str | bytes, *, duration: int | None = None) -> list[Cue]:
    """Read segments back; a segment without an end runs to the next one (or ``duration``)."""
    source = decode_text(source, error=PlainTextError)
    pending: list[dict] = []
    for number, line in enumerate(source.split("\n"), start=1):
        header = HEADER_RE.match(line)
        if header:
            try:
                start = parse_timecode(header["start"])
                end = parse_timecode(header["end"]) if header["end"] else None
            except TimecodeError as error:
                raise PlainTextError(
                    _("Ligne %(line)s : %(error)s") % {"line": number, "error": error}
                ) from error
            rest = header["rest"]
            speaker = ""
            if rest.startswith("\\"):
                rest = rest[1:]
            elif (split := _speaker_split(rest)) is not None:
                speaker, rest = split
            pending.append({"start": start, "end": end, "speaker": speaker, "lines": [rest]})
        elif pending:
            pending[-1]["lines"].append(line[1:] if line.startswith("\\") else line)
        elif line.strip():
            raise PlainTextError(
                _(
                    "Ligne %(line)s : le texte doit commencer par un temps entre crochets, "
                    "par exemple [00:01:05]."
                )
                % {"line": number}
            )
    cues = []
    for index, item in enumerate(pending):
        end = item["end"]
        if end is None:
            following = pending[index + 1]["start"] if index + 1 < len(pending) else duration
            end = following if following is not None else item["start"]
        cues.append(
            Cue(
                start=item["start"],
                end=end,
                text=normalise_text("\n".join(item["lines"])),
                speaker=item["speaker"],
            )
        )
    return cues
