"""WebVTT and plain text: what an editor exports reads back exactly, past the first hour."""

import random

import pytest

from archive.transcripts.plaintext import PlainTextError, from_plain_text, to_plain_text
from archive.transcripts.timecodes import (
    Cue,
    TimecodeError,
    format_timecode,
    iso_duration,
    normalise_text,
    parse_timecode,
    short_timecode,
    spoken_timecode,
)
from archive.transcripts.webvtt import WebVTTError, from_webvtt, to_webvtt

HOUR = 3_600_000

TRICKY = [
    "On descendait à 6 h : le porion nous attendait.",
    "Il disait « a --> b » & <pas de balise> ici",
    "[00:12:00] ce n'est pas un temps, c'est ce qu'il a dit",
    "\\ une barre oblique inverse",
    "Première ligne\n[01:00:00] deuxième ligne qui ressemble à un temps\n\\ troisième",
    "Ch'ti : « Quo qu'te dis ? »",
    "Émile : pas un locuteur, une phrase",
]


def _long_interview(seed: int = 7, count: int = 420) -> list[Cue]:
    """About 70 minutes of segments with speakers, odd milliseconds and tricky text."""
    rng = random.Random(seed)
    cues, time = [], 0
    speakers = ["Marcel Dupont", "Intervieweuse", "", "Jeannine <Nine> & Co"]
    for index in range(count):
        length = rng.randint(2_000, 18_000) + rng.choice([0, 1, 250, 999])
        text = TRICKY[index % len(TRICKY)] if index % 5 == 0 else f"Segment {index} é à ç œ"
        cues.append(Cue(time, time + length, text, speakers[index % len(speakers)]))
        time += length + rng.choice([0, 0, 500])
    return cues


def test_long_interview_passes_the_hour():
    cues = _long_interview()
    assert cues[-1].end > HOUR + 5 * 60_000


def test_webvtt_round_trip_keeps_every_segment_beyond_one_hour():
    cues = _long_interview()
    assert from_webvtt(to_webvtt(cues)) == cues


def test_plain_text_round_trip_keeps_every_segment_beyond_one_hour():
    cues = _long_interview()
    assert from_plain_text(to_plain_text(cues)) == cues


def test_webvtt_then_plain_text_then_webvtt_is_stable():
    cues = _long_interview(seed=3)
    assert from_webvtt(to_webvtt(from_plain_text(to_plain_text(cues)))) == cues


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


@pytest.mark.parametrize("hours", ["9" * 5000, "999999"])
def test_webvtt_import_refuses_times_past_what_the_site_keeps(hours):
    source = f"WEBVTT\n\n{hours}:00:00.000 --> {hours}:00:01.000\nTexte\n"
    with pytest.raises(WebVTTError, match="Ligne 3"):
        from_webvtt(source)


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
