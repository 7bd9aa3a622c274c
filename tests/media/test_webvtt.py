"""WebVTT: what an editor exports reads back exactly, past the first hour; other tools'
files are read as well as they can be, and what is not WebVTT is refused in French."""

import pytest

from media.timecodes import Cue
from media.webvtt import WebVTTError, from_webvtt, to_webvtt
from tests.media.samples import HOUR, long_interview


def test_long_interview_passes_the_hour():
    cues = long_interview()
    assert cues[-1].end > HOUR + 5 * 60_000


def test_webvtt_round_trip_keeps_every_segment_beyond_one_hour():
    cues = long_interview()
    assert from_webvtt(to_webvtt(cues)) == cues


def test_webvtt_export_writes_hours_milliseconds_and_voice():
    text = to_webvtt([Cue(3_730_250, 3_735_000, "On remontait.", "Marcel")])
    assert text == "WEBVTT\n\n01:02:10.250 --> 01:02:15.000\n<v Marcel>On remontait.\n"


def test_webvtt_import_reads_other_tools_files():
    source = (
        "\ufeffWEBVTT - interview\nKind: captions\nLanguage: fr\n\n"
        "NOTE relu par l'équipe\n\n"
        "STYLE\n::cue { color: yellow }\n\n"
        "intro\n00:01.000 --> 00:04.500 align:start position:10%\n"
        "<v.loud Marcel Dupont>On <i>descendait</i> &amp; on remontait.</v>\n\n"
        "1:02:10.000 --> 1:02:12.000\n- Et après ?\r\n"
    )
    cues = from_webvtt(source)
    assert cues == [
        Cue(1_000, 4_500, "On descendait & on remontait.", "Marcel Dupont"),
        Cue(3_730_000, 3_732_000, "- Et après ?", ""),
    ]


@pytest.mark.parametrize(
    "source",
    ["Bonjour\n\n00:00.000 --> 00:01.000\nx", "WEBVTT\n\n00:00 --> 00:01.000\nx", "WEBVTT\n\nx\ny"],
)
def test_webvtt_import_refuses_what_is_not_webvtt(source):
    with pytest.raises(WebVTTError):
        from_webvtt(source)


# Found by the property tests (test_*_properties.py) -------------------------------------


@pytest.mark.parametrize("hours", ["9" * 5000, "999999"])
def test_webvtt_import_refuses_times_past_what_the_site_keeps(hours):
    source = f"WEBVTT\n\n{hours}:00:00.000 --> {hours}:00:01.000\nTexte\n"
    with pytest.raises(WebVTTError, match="Ligne 3"):
        from_webvtt(source)
