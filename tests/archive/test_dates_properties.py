"""The fuzzy-date parser against any text: a range or ``None``, never an exception; and every
way people write a date reads back as the range it names."""

import calendar
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from archive.dates import APPROXIMATE_SPREAD, parse_fuzzy_date

PROPERTIES = settings(max_examples=200, deadline=None)
MONTH_NAMES = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]
# What a date field of the archive can hold: the calendar's whole range of four-digit years.
days = st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31))
years = st.integers(min_value=1000, max_value=9999)
# Text close to what the parser reads (digits, month words, separators) finds more than noise.
date_like = st.lists(
    st.sampled_from(
        [*MONTH_NAMES, "vers", "années", "fin", "des", "de", "à", "hiver", "été", "1er", "-", "/"]
    )
    | st.integers(min_value=0, max_value=40).map(str)
    | st.integers(min_value=0, max_value=9999).map("{:04d}".format)
    | st.text(max_size=4),
    min_size=1,
    max_size=4,
).map(" ".join)


def shouted(text: str, upper: bool) -> str:
    return text.upper() if upper else text


@PROPERTIES
@given(date_like | st.text())
def test_any_text_gives_a_range_or_nothing(text):
    fuzzy = parse_fuzzy_date(text)

    assert fuzzy is None or fuzzy.start <= fuzzy.end


@PROPERTIES
@given(days, st.booleans(), st.sampled_from(["/", ".", "-"]))
def test_a_day_written_out_or_in_figures_reads_back(day, upper, separator):
    number = "1er" if day.day == 1 else str(day.day)
    written = shouted(f"{number} {MONTH_NAMES[day.month - 1]} {day.year}", upper)
    figures = f"{day.day:02d}{separator}{day.month:02d}{separator}{day.year}"

    for text in (written, figures, f"  {written}  "):
        fuzzy = parse_fuzzy_date(text)
        assert (fuzzy.start, fuzzy.end) == (day, day), text


@PROPERTIES
@given(years, st.integers(min_value=1, max_value=12), st.booleans())
def test_a_month_reads_back_as_the_whole_month(year, month, upper):
    fuzzy = parse_fuzzy_date(shouted(f"{MONTH_NAMES[month - 1]} {year}", upper))

    last = calendar.monthrange(year, month)[1]
    assert (fuzzy.start, fuzzy.end) == (date(year, month, 1), date(year, month, last))


@PROPERTIES
@given(years)
def test_a_year_reads_back_as_the_whole_year(year):
    fuzzy = parse_fuzzy_date(str(year))

    assert (fuzzy.start, fuzzy.end) == (date(year, 1, 1), date(year, 12, 31))


@PROPERTIES
@given(st.integers(min_value=1000 + APPROXIMATE_SPREAD, max_value=9999 - APPROXIMATE_SPREAD))
def test_about_a_year_spreads_around_it(year):
    fuzzy = parse_fuzzy_date(f"vers {year}")

    assert fuzzy.start == date(year - APPROXIMATE_SPREAD, 1, 1)
    assert fuzzy.end == date(year + APPROXIMATE_SPREAD, 12, 31)


@PROPERTIES
@given(st.integers(min_value=100, max_value=999))
def test_a_decade_reads_back_as_its_ten_years(tens):
    decade = tens * 10
    short = f"années {decade % 100:02d}" if 1900 <= decade < 2000 else f"années {decade}"

    for text in (f"années {decade}", short, f"les {decade}s"):
        fuzzy = parse_fuzzy_date(text)
        assert (fuzzy.start, fuzzy.end) == (date(decade, 1, 1), date(decade + 9, 12, 31)), text


@PROPERTIES
@given(years, years, st.sampled_from(["de {} à {}", "entre {} et {}", "{}-{}", "{} – {}"]))
def test_a_span_of_years_reads_back_in_order(first, second, pattern):
    fuzzy = parse_fuzzy_date(pattern.format(first, second))

    low, high = sorted((first, second))
    assert (fuzzy.start, fuzzy.end) == (date(low, 1, 1), date(high, 12, 31))
