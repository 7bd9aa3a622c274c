"""Hypothesis strategy for transcripts: files that look enough like time-coded text to
reach past the first line's check (cues and WebVTT are in ``tests.media.strategies``)."""

from hypothesis import strategies as st

from tests.media.strategies import texts, time_text

plain_text_like = st.lists(
    st.one_of(
        st.builds(lambda a, b, t: f"[{a} - {b}] {t}", time_text, time_text, texts),
        st.builds(lambda a, t: f"[{a}] {t}", time_text, texts),
        st.sampled_from(["", "\\", "Marcel : ", "[", "]"]),
        texts,
    ),
    max_size=10,
).map("\n".join)
