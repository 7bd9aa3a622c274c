"""Time-coded text against any file: cues or a French ``PlainTextError``, nothing else; and
the site's own export reads back as the same cues."""

from hypothesis import given, settings
from hypothesis import strategies as st

from archive.transcripts.plaintext import PlainTextError, from_plain_text, to_plain_text
from media.timecodes import MAX_MILLIS, normalise_text
from tests.archive.transcripts.strategies import plain_text_like
from tests.media.strategies import cues, speakers

PROPERTIES = settings(max_examples=150, deadline=None)
# The format's one limit (its docstring): a name before `` : `` that starts with a backslash
# or holds `` : `` itself cannot be told from the text.
named = speakers.filter(lambda name: not name.strip().startswith("\\") and " : " not in name)


@PROPERTIES
@given(
    plain_text_like | st.text() | st.binary(max_size=200),
    st.none() | st.integers(min_value=0, max_value=MAX_MILLIS),
)
def test_any_file_gives_cues_or_a_french_error(source, duration):
    try:
        parsed = from_plain_text(source, duration=duration)
    except PlainTextError as error:
        assert str(error)
    else:
        assert all(0 <= cue.start <= MAX_MILLIS and 0 <= cue.end <= MAX_MILLIS for cue in parsed)


@PROPERTIES
@given(cues(named))
def test_the_export_reads_back_as_the_same_cues(transcript):
    parsed = from_plain_text(to_plain_text(transcript))

    assert [(c.start, c.end, c.speaker, c.text) for c in parsed] == [
        (c.start, c.end, c.speaker.strip(), normalise_text(c.text)) for c in transcript
    ]


@PROPERTIES
@given(cues(named))
def test_the_export_survives_windows_line_ends_and_a_byte_order_mark(transcript):
    file = ("\ufeff" + to_plain_text(transcript).replace("\n", "\r\n")).encode()

    assert from_plain_text(file) == from_plain_text(to_plain_text(transcript))
