"""WebVTT, the format of caption tracks and of transcripts: cues in and out.

Export writes one cue per segment, the speaker as a voice span (``<v Marcel>``), times with
milliseconds, text escaped; import reads our files back exactly and other tools' files as
well as it can (cue settings, identifiers, notes, styles and formatting tags are dropped)."""

import html
import re

from django.utils.translation import gettext as _

from media.timecodes import (
    MAX_MILLIS,
    Cue,
    TimecodeError,
    decode_text,
    format_timecode,
    normalise_text,
)

TIMING_RE = re.compile(r"^\s*(?P<start>\S+)\s+-->\s+(?P<end>\S+)(?:\s+.*)?$")
VTT_TIME_RE = re.compile(r"^(?:(?P<h>\d{1,9}):)?(?P<m>\d{2}):(?P<s>\d{2})\.(?P<ms>\d{3})$")
VOICE_RE = re.compile(r"^<v(?:\.[^\s>]*)?(?:[ \t]+(?P<name>[^>]*))?>", re.IGNORECASE)
TAG_RE = re.compile(r"</?[^>]*>")


class WebVTTError(ValueError):
    """The file is not WebVTT; the French message says where and why."""


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _vtt_time(millis: int) -> str:
    return format_timecode(millis, always_millis=True)


def to_webvtt(cues: list[Cue]) -> str:
    """The transcript as a WebVTT file; ``from_webvtt`` gives back the same cues."""
    blocks = ["WEBVTT"]
    for cue in cues:
        text = _escape(normalise_text(cue.text))
        if cue.speaker:
            text = f"<v {_escape(cue.speaker.strip())}>{text}"
        blocks.append(f"{_vtt_time(cue.start)} --> {_vtt_time(cue.end)}\n{text}")
    return "\n\n".join(blocks) + "\n"


def _parse_time(value: str, line_number: int) -> int:
    match = VTT_TIME_RE.match(value)
    if not match:
        raise WebVTTError(
            _("Ligne %(line)s : « %(value)s » n'est pas un temps WebVTT (HH:MM:SS.mmm).")
            % {"line": line_number, "value": value}
        )
    minutes, seconds = int(match["m"]), int(match["s"])
    if minutes > 59 or seconds > 59:
        raise WebVTTError(
            _("Ligne %(line)s : les minutes et les secondes vont de 00 à 59.")
            % {"line": line_number}
        )
    hours = int(match["h"] or 0)
    millis = ((hours * 60 + minutes) * 60 + seconds) * 1000 + int(match["ms"])
    if millis > MAX_MILLIS:
        raise WebVTTError(
            _(
                "Ligne %(line)s : « %(value)s » dépasse %(hours)s heures, la plus longue "
                "durée possible."
            )
            % {"line": line_number, "value": value, "hours": MAX_MILLIS // 3_600_000}
        )
    return millis


def _cue_payload(lines: list[str]) -> tuple[str, str]:
    """``(speaker, text)`` from a cue's text lines: the first voice span names the speaker."""
    raw = "\n".join(lines)
    speaker = ""
    voice = VOICE_RE.match(raw)
    if voice:
        speaker = html.unescape(voice["name"] or "").strip()
        raw = raw[voice.end() :]
    text = html.unescape(TAG_RE.sub("", raw))
    return speaker, normalise_text(text)


def from_webvtt(source: str | bytes) -> list[Cue]:
    """Read the cues of a WebVTT file, in the file's order."""
    source = decode_text(source, error=WebVTTError)
    lines = source.split("\n")
    if not lines or not re.match(r"^WEBVTT(?:[ \t].*)?$", lines[0]):
        raise WebVTTError(_("Ce n'est pas un fichier WebVTT : la première ligne doit être WEBVTT."))
    # Blocks are separated by blank lines; keep each line's number for the messages.
    blocks: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] = []
    for number, line in enumerate(lines[1:], start=2):
        if line.strip() == "":
            if current:
                blocks.append(current)
                current = []
        else:
            current.append((number, line))
    if current:
        blocks.append(current)
    if blocks and _is_header(blocks[0]) and not _is_cue(blocks[0]):
        blocks = blocks[1:]
    cues = []
    for block in blocks:
        first = block[0][1]
        if first.startswith(("NOTE", "STYLE", "REGION")) and "-->" not in first:
            continue
        timing_index = next((i for i, (_n, text) in enumerate(block[:2]) if "-->" in text), None)
        if timing_index is None:
            raise WebVTTError(
                _("Ligne %(line)s : un bloc sans ligne de temps « début --> fin ».")
                % {"line": block[0][0]}
            )
        number, timing = block[timing_index]
        match = TIMING_RE.match(timing)
        if not match:
            raise WebVTTError(
                _("Ligne %(line)s : la ligne de temps doit être « début --> fin ».")
                % {"line": number}
            )
        start = _parse_time(match["start"], number)
        end = _parse_time(match["end"], number)
        speaker, text = _cue_payload([text for _n, text in block[timing_index + 1 :]])
        cues.append(Cue(start=start, end=end, text=text, speaker=speaker))
    return cues


def _is_cue(block: list[tuple[int, str]]) -> bool:
    return any("-->" in text for _n, text in block[:2])


def _is_header(block: list[tuple[int, str]]) -> bool:
    """Header lines may follow ``WEBVTT`` directly (``Kind: captions``)."""
    return block[0][0] == 2


__all__ = ["Cue", "TimecodeError", "WebVTTError", "from_webvtt", "to_webvtt"]
