"""Time codes against any text: milliseconds or a French ``TimecodeError``, nothing else; and
every time the site writes reads back to the same millisecond."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from media.timecodes import (
    MAX_MILLIS,
    TimecodeError,
    format_timecode,
    parse_timecode,
    short_timecode,
)

PROPERTIES = settings(max_examples=300, deadline=None)
millis = st.integers(min_value=0, max_value=MAX_MILLIS)
# Text shaped like a time code (digits, colons, a decimal point) finds more than noise does.
timecode_like = st.text(alphabet="0123456789:.,+- ", max_size=40) | st.from_regex(
    r"\A\d{1,30}(:\d{1,3}){0,2}([.,]\d{1,4})?\Z"
)


@PROPERTIES
@given(timecode_like | st.text())
def test_any_text_is_a_time_or_a_french_error(text):
    try:
        value = parse_timecode(text)
    except TimecodeError as error:
        assert str(error).startswith("«")
    else:
        assert 0 <= value <= MAX_MILLIS


@PROPERTIES
@given(millis, st.booleans())
def test_a_written_time_reads_back_to_the_millisecond(value, always_millis):
    written = format_timecode(value, always_millis=always_millis)

    assert parse_timecode(written) == value


@PROPERTIES
@given(millis)
def test_a_time_shown_beside_a_segment_reads_back_to_its_second(value):
    assert parse_timecode(short_timecode(value)) == value // 1000 * 1000


@PROPERTIES
@given(st.integers(min_value=0, max_value=MAX_MILLIS // 1000))
def test_seconds_alone_read_as_seconds(seconds):
    assert parse_timecode(str(seconds)) == seconds * 1000


def test_a_negative_time_is_refused_in_french():
    with pytest.raises(TimecodeError, match="négatif"):
        format_timecode(-1)
