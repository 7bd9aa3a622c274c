"""Time-coded plain text: what an editor exports reads back exactly, past the first hour,
and goes to WebVTT and back unchanged."""

import pytest

from archive.transcripts.plaintext import PlainTextError, from_plain_text, to_plain_text
from media.timecodes import Cue, normalise_text
from media.webvtt import from_webvtt, to_webvtt
from tests.media.samples import long_interview


def test_plain_text_round_trip_keeps_every_segment_beyond_one_hour():
    cues = long_interview()
    assert from_plain_text(to_plain_text(cues)) == cues


def test_webvtt_then_plain_text_then_webvtt_is_stable():
    cues = long_interview(seed=3)
    assert from_webvtt(to_webvtt(from_plain_text(to_plain_text(cues)))) == cues


def test_plain_text_import_takes_start_times_only():
    source = "[00:00:05] Marcel : Bonjour.\n\n[1:02:10] Et la suite.\n[01:02:20] Fin."
    cues = from_plain_text(source, duration=3_750_000)
    assert cues == [
        Cue(5_000, 3_730_000, "Bonjour.", "Marcel"),
        Cue(3_730_000, 3_740_000, "Et la suite.", ""),
        Cue(3_740_000, 3_750_000, "Fin.", ""),
    ]


def test_plain_text_import_says_which_line_is_wrong():
    with pytest.raises(PlainTextError, match="Ligne 1"):
        from_plain_text("Bonjour sans temps\n[00:00:01] x")
    with pytest.raises(PlainTextError, match="Ligne 2"):
        from_plain_text("[00:00:01] x\n[00:61:00] y")


# Found by the property tests (test_*_properties.py) -------------------------------------


def test_a_lone_carriage_return_is_a_line_end_for_the_text_as_for_the_files():
    cues = [Cue(start=0, end=1000, text="Première ligne\rseconde ligne")]

    assert normalise_text(cues[0].text) == "Première ligne\nseconde ligne"
    for parsed in (from_webvtt(to_webvtt(cues)), from_plain_text(to_plain_text(cues))):
        assert parsed[0].text == normalise_text(cues[0].text)


def test_plain_text_keeps_the_speaker_of_a_segment_without_words():
    cues = [Cue(start=0, end=1000, text="", speaker="Marcel")]

    assert from_plain_text(to_plain_text(cues)) == cues


def test_plain_text_export_ignores_a_blank_speaker():
    cues = [Cue(start=0, end=1000, text="Texte : suite", speaker="  ")]

    assert from_plain_text(to_plain_text(cues)) == [
        Cue(start=0, end=1000, text="Texte : suite", speaker="")
    ]
