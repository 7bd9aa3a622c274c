"""WebVTT against any file: cues or a French ``WebVTTError``, nothing else; and the site's own
export reads back as the same cues."""

from hypothesis import given, settings
from hypothesis import strategies as st

from media.timecodes import MAX_MILLIS, normalise_text
from media.webvtt import WebVTTError, from_webvtt, to_webvtt
from tests.media.strategies import cues, webvtt_like

PROPERTIES = settings(max_examples=150, deadline=None)


@PROPERTIES
@given(webvtt_like | st.text() | st.binary(max_size=200))
def test_any_file_gives_cues_or_a_french_error(source):
    try:
        parsed = from_webvtt(source)
    except WebVTTError as error:
        assert str(error)
    else:
        assert all(0 <= cue.start <= MAX_MILLIS and 0 <= cue.end <= MAX_MILLIS for cue in parsed)


@PROPERTIES
@given(cues())
def test_the_export_reads_back_as_the_same_cues(transcript):
    parsed = from_webvtt(to_webvtt(transcript))

    assert [(c.start, c.end, c.speaker, c.text) for c in parsed] == [
        (c.start, c.end, c.speaker.strip(), normalise_text(c.text)) for c in transcript
    ]


@PROPERTIES
@given(cues())
def test_the_export_survives_windows_line_ends_and_a_byte_order_mark(transcript):
    file = ("\ufeff" + to_webvtt(transcript).replace("\n", "\r\n")).encode()

    assert from_webvtt(file) == from_webvtt(to_webvtt(transcript))
