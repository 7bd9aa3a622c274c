"""Hypothesis strategies for timed text: the cues the site can hold, and files that look
enough like WebVTT to reach past the first line's check."""

from hypothesis import strategies as st

from media.timecodes import MAX_MILLIS, Cue, format_timecode

times = st.integers(min_value=0, max_value=MAX_MILLIS)
# What an editor's text box can hold: any characters but NUL (refused by every form) and
# lone surrogates (no UTF-8 request carries one).
texts = st.text(st.characters(exclude_characters="\x00", exclude_categories=["Cs"]), max_size=120)
# A speaker's name is one line of at most 80 characters (``Segment.speaker``).
speakers = st.text(st.characters(exclude_categories=["Cc", "Cs", "Zl", "Zp"]), max_size=80)


@st.composite
def cue(draw, speakers=speakers) -> Cue:
    start = draw(times)
    end = draw(st.integers(min_value=start, max_value=MAX_MILLIS))
    return Cue(start=start, end=end, text=draw(texts), speaker=draw(speakers | st.just("")))


def cues(speakers=speakers):
    return st.lists(cue(speakers), max_size=6)


time_text = times.map(format_timecode) | st.text(alphabet="0123456789:.,", max_size=25)
_vtt_lines = st.lists(
    st.one_of(
        st.builds(lambda a, b: f"{a} --> {b}", time_text, time_text),
        st.sampled_from(["", "NOTE", "STYLE", "<v Marcel>", "</v>", "<b>", "&amp;", "-->"]),
        texts,
    ),
    max_size=10,
)
webvtt_like = _vtt_lines.map(lambda lines: "\n".join(["WEBVTT", *lines]))
