"""Time codes in a recording (captions, transcripts, players), kept as whole milliseconds so
no format loses anything.

A time is written ``HH:MM:SS`` when it falls on a second and ``HH:MM:SS.mmm`` otherwise;
hours have at least two digits and may grow past 99 (an interview of several tapes)."""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

# Digits are counted so that no text, however long, costs more than a small number to read.
TIMECODE_RE = re.compile(
    r"^\s*(?:(?P<h>\d{1,9}):)?(?P<m>\d{1,2}):(?P<s>\d{1,2})(?:[.,](?P<ms>\d{1,3}))?\s*$"
)
SECONDS_RE = re.compile(r"^\s*(?P<s>\d{1,12})(?:\.(?P<ms>\d{1,3}))?\s*$")
# The database keeps times as 32-bit integers of milliseconds: 596 hours and a half.
MAX_MILLIS = 2**31 - 1


class TimecodeError(ValueError):
    """A time code nobody could read; the message is French and says what is expected."""


def parse_timecode(value: str) -> int:
    """``"1:02:10"``, ``"02:10.5"``, ``"3730"`` or ``"3730.25"`` -> milliseconds."""
    text = str(value).strip()
    millis = _millis(text)
    if millis > MAX_MILLIS:
        raise TimecodeError(
            _("« %(value)s » dépasse %(hours)s heures, la plus longue durée possible.")
            % {"value": text, "hours": MAX_MILLIS // 3_600_000}
        )
    return millis


def _millis(text: str) -> int:
    match = TIMECODE_RE.match(text)
    if match:
        minutes, seconds = int(match["m"]), int(match["s"])
        if seconds > 59 or (match["h"] is not None and minutes > 59):
            raise TimecodeError(
                _("« %(value)s » : les minutes et les secondes vont de 00 à 59.") % {"value": text}
            )
        hours = int(match["h"] or 0)
        millis = int((match["ms"] or "0").ljust(3, "0"))
        return ((hours * 60 + minutes) * 60 + seconds) * 1000 + millis
    match = SECONDS_RE.match(text)
    if match:
        return int(match["s"]) * 1000 + int((match["ms"] or "0").ljust(3, "0"))
    raise TimecodeError(
        _("« %(value)s » n'est pas un temps : écrivez HH:MM:SS, par exemple 01:02:10.")
        % {"value": text}
    )


def format_timecode(millis: int, *, always_millis: bool = False) -> str:
    """Milliseconds -> ``HH:MM:SS`` (or ``HH:MM:SS.mmm`` when needed or asked)."""
    if millis < 0:
        raise TimecodeError(_("Un temps ne peut pas être négatif."))
    seconds, ms = divmod(int(millis), 1000)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    text = f"{hours:02d}:{minutes:02d}:{seconds:02d}"
    if ms or always_millis:
        text += f".{ms:03d}"
    return text


def short_timecode(millis: int) -> str:
    """What a person reads beside a segment: ``12:34`` or ``1:02:10``."""
    seconds = int(millis) // 1000
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{seconds:02d}"
    return f"{minutes}:{seconds:02d}"


def iso_duration(millis: int) -> str:
    """``PT1H2M10S`` for ``<time datetime>``: machines read it, screen readers skip it."""
    seconds = int(millis) // 1000
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    text = "PT"
    if hours:
        text += f"{hours}H"
    if minutes or hours:
        text += f"{minutes}M"
    return text + f"{seconds}S"


def spoken_timecode(millis: int) -> str:
    """``à 1 heure 2 minutes 10 secondes``: what a screen reader says instead of a row of
    digits (abbreviations such as « min » are read letter by letter by some of them)."""
    seconds = int(millis) // 1000
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(ngettext("%(n)d heure", "%(n)d heures", hours) % {"n": hours})
    if minutes or hours:
        parts.append(ngettext("%(n)d minute", "%(n)d minutes", minutes) % {"n": minutes})
    parts.append(ngettext("%(n)d seconde", "%(n)d secondes", seconds) % {"n": seconds})
    return _("à %(time)s") % {"time": " ".join(parts)}


@dataclass(frozen=True)
class Cue:
    """One transcript segment as the formats carry it: times in milliseconds."""

    start: int
    end: int
    text: str
    speaker: str = ""


def decode_text(source: str | bytes, *, error: type[ValueError]) -> str:
    """A transcript or captions file as both importers read it: UTF-8 (else ``error``),
    without a byte-order mark, every line ending in ``\\n``."""
    if isinstance(source, bytes):
        try:
            source = source.decode("utf-8")
        except UnicodeDecodeError as decode_error:
            raise error(_("Le fichier doit être encodé en UTF-8.")) from decode_error
    return source.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def normalise_text(text: str) -> str:
    """Strip each line and drop empty ones: a blank line ends a cue in WebVTT. A lone
    carriage return ends a line too, as both importers read it."""
    text = str(text).replace("\r\n", "\n").replace("\r", "\n")
    lines = (line.strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)
