"""Time codes: what people write is read to the millisecond, refused in French otherwise,
and written back for people, machines and screen readers."""

import pytest

from media.timecodes import (
    TimecodeError,
    format_timecode,
    iso_duration,
    parse_timecode,
    short_timecode,
    spoken_timecode,
)


@pytest.mark.parametrize(
    ("text", "millis"),
    [
        ("1:02:10", 3_730_000),
        ("02:10", 130_000),
        ("00:02:10.5", 130_500),
        ("754", 754_000),
        ("100:00:00.001", 360_000_001),
        ("12:34,250", 754_250),
    ],
)
def test_parse_timecode_reads_what_people_write(text, millis):
    assert parse_timecode(text) == millis


@pytest.mark.parametrize("text", ["", "1:60", "abc", "1:02:60", "-5"])
def test_parse_timecode_refuses_in_french(text):
    with pytest.raises(TimecodeError, match=r"HH:MM:SS|de 00 à 59"):
        parse_timecode(text)


def test_time_codes_for_people_and_machines():
    assert format_timecode(3_730_000) == "01:02:10"
    assert format_timecode(3_730_007) == "01:02:10.007"
    assert short_timecode(754_900) == "12:34"
    assert short_timecode(3_730_000) == "1:02:10"
    assert iso_duration(754_000) == "PT12M34S"
    assert iso_duration(3_730_000) == "PT1H2M10S"
    assert spoken_timecode(754_000) == "à 12 minutes 34 secondes"
    assert spoken_timecode(3_730_000) == "à 1 heure 2 minutes 10 secondes"
    assert spoken_timecode(61_000) == "à 1 minute 1 seconde"


# Found by the property tests (test_*_properties.py) -------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "1" * 5000,  # past Python's digit limit: raised a bare ValueError
        "9" * 30,  # read as an hour count no database column holds
        "596:31:23.648",  # one millisecond past the longest time the database keeps
    ],
)
def test_parse_timecode_refuses_times_past_what_the_site_keeps(text):
    with pytest.raises(TimecodeError):
        parse_timecode(text)


def test_parse_timecode_reads_the_longest_time_the_site_keeps():
    assert parse_timecode("596:31:23.647") == 2**31 - 1
