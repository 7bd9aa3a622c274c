"""A transcript to test the formats with: seventy minutes of segments, odd milliseconds,
speakers and text that looks like the formats' own syntax."""

import random

from media.timecodes import Cue

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


def long_interview(seed: int = 7, count: int = 420) -> list[Cue]:
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
