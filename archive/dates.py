"""Dates as people say them (« vers 1960 », « été 1975 », « années 50 ») turned into ranges.

A range of two calendar days sorts and filters like any date; the words stay for display."""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date

MONTHS = {
    "janvier": 1,
    "fevrier": 2,
    "mars": 3,
    "avril": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7,
    "aout": 8,
    "septembre": 9,
    "octobre": 10,
    "novembre": 11,
    "decembre": 12,
}
SEASONS = {
    "printemps": (3, 6),
    "ete": (6, 9),
    "automne": (9, 12),
}
APPROXIMATE_SPREAD = 2  # « vers 1960 »: from 1958 to 1962


@dataclass(frozen=True)
class FuzzyDate:
    start: date
    end: date

    @property
    def decade(self) -> int:
        return self.start.year // 10 * 10


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", text.replace("’", "'")).strip()


def _year(token: str) -> int:
    year = int(token)
    if len(token) == 2:  # « années 50 »: the twentieth century, here
        year += 1900
    return year


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def year_range(start_year: int, end_year: int) -> FuzzyDate:
    return FuzzyDate(date(start_year, 1, 1), date(end_year, 12, 31))


def parse_fuzzy_date(text: str) -> FuzzyDate | None:
    """Return the range a French date expression covers, or ``None`` if it is not understood.

    A day or year the calendar does not have (« 31 avril 1960 », « vers 0001 ») is not
    understood either: the words stay for display, and saving an item never fails on them."""
    folded = _fold(text or "")
    if not folded:
        return None
    try:
        return _parse(folded)
    except ValueError:  # out of the calendar's range
        return None


def _parse(folded: str) -> FuzzyDate | None:
    match = re.fullmatch(r"(\d{1,2})(?:er)? ([a-z]+) (\d{4})", folded)
    if match and match.group(2) in MONTHS:
        day = date(int(match.group(3)), MONTHS[match.group(2)], int(match.group(1)))
        return FuzzyDate(day, day)

    match = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", folded)
    if match:
        day = date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
        return FuzzyDate(day, day)

    match = re.fullmatch(r"([a-z]+) (\d{4})", folded)
    if match and match.group(1) in MONTHS:
        year, month = int(match.group(2)), MONTHS[match.group(1)]
        return FuzzyDate(date(year, month, 1), _month_end(year, month))
    if match and match.group(1) in SEASONS:
        year = int(match.group(2))
        first, last = SEASONS[match.group(1)]
        return FuzzyDate(
            date(year, first, 21), _month_end(year, last) if last < 12 else date(year, 12, 20)
        )
    match = re.fullmatch(r"hiver (\d{4})", folded)
    if match:
        year = int(match.group(1))
        return FuzzyDate(date(year, 1, 1), date(year, 3, 20))

    match = re.fullmatch(r"(\d{4})", folded)
    if match:
        return year_range(int(folded), int(folded))

    match = re.fullmatch(r"(?:vers|environ|circa|ca\.?|autour de) (\d{4})", folded)
    if match:
        year = int(match.group(1))
        return year_range(year - APPROXIMATE_SPREAD, year + APPROXIMATE_SPREAD)

    match = re.fullmatch(
        r"(?:(debut|milieu|fin) (?:des|de les) )?(?:annees|annee) (\d{2}|\d{4})", folded
    ) or re.fullmatch(r"(?:(debut|milieu|fin) )?(?:les )?(\d{4})s", folded)
    if match:
        decade = _year(match.group(2)) // 10 * 10
        part = match.group(1)
        first, last = {"debut": (0, 3), "milieu": (3, 6), "fin": (6, 9), None: (0, 9)}[part]
        return year_range(decade + first, decade + last)

    match = re.fullmatch(r"(?:de |entre )?(\d{4}) ?(?:-|a|et|–) ?(\d{4})", folded)
    if match:
        start, end = sorted((int(match.group(1)), int(match.group(2))))
        return year_range(start, end)

    return None
