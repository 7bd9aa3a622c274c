"""The bench's dataset: archive items at a given size, editions with programmes, volunteers.

Built through the demo's own builders (home, standard pages, festival, shifts) and the
services (images, recordings, transcripts), so it never drifts from the models. In proportion
to the number of items: one in three carries a photo (its own image row and metadata, the
file shared among a few so that building stays quick), one in fifty is an oral history with a
55 KB transcript, one volunteer per item, and the programmes of more editions as it grows.

    .venv/bin/python -m bench.dataset --items 1000 --json out.json   (DATABASE_URL, MEDIA_ROOT)

Returns (and writes) what was built and the addresses the bench measures."""

import argparse
import datetime
import json
import logging
import os
import random
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from rich.progress import Progress

from archive.demo import (
    CONTRIBUTORS,
    PLACES,
    SENTENCES,
    SUBJECTS,
    WHO,
    ensure_archive_index,
    ensure_collections,
    ensure_places,
    ensure_themes,
    item_title,
)
from archive.models import ArchiveItemPage, ItemKind
from archive.transcripts.demo import wav_file
from archive.transcripts.models import Interview, Segment, Tape
from archive.transcripts.services import transcript_import
from festival.demo import (
    edition_count,
    ensure_editions,
    ensure_festival_index,
    ensure_programme,
    ensure_venues,
    next_edition_year,
)
from festival.models import EditionPage, EventPage
from festival.volunteers.demo import ensure_shifts
from festival.volunteers.models import Volunteer
from home.demo import ensure_home_page, ensure_standard_pages
from media.demo import demo_image
from media.models import CustomImage
from media.services import media_file_create

PHOTO_EVERY = 3
ORAL_EVERY = 50
SHARED_FILES = 12
# About 55 KB of transcript, as the longest oral history measured in issue 16.
TRANSCRIPT_BYTES = 55_000
CUE_MS = 6_000
SPEAKERS = ("Claire M.", "René D.")


@dataclass
class Dataset:
    """What was built, and where the bench finds each kind of page."""

    items: int = 0
    photos: int = 0
    oral_histories: int = 0
    segments: int = 0
    editions: int = 0
    events: int = 0
    volunteers: int = 0
    urls: dict[str, str] = field(default_factory=dict)


def _programme_years(items: int) -> int:
    """Editions with a full programme: the last two in the quick run, all forty at 100,000."""
    if items >= 100_000:
        return edition_count(today=timezone.localdate())
    if items >= 10_000:
        return 10
    return 2


def _transcript(rng: random.Random) -> tuple[str, int]:
    """A WebVTT transcript of about ``TRANSCRIPT_BYTES``, and its length in milliseconds."""
    lines, start, size = ["WEBVTT", ""], 0, 0
    while size < TRANSCRIPT_BYTES:
        speaker = SPEAKERS[len(lines) % 2]
        text = " ".join(rng.sample(SENTENCES, 2))
        cue = f"{_timecode(start)} --> {_timecode(start + CUE_MS)}\n<v {speaker}>{text}\n"
        lines.append(cue)
        size += len(cue.encode())
        start += CUE_MS
    return "\n".join(lines), start


def _timecode(ms: int) -> str:
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}.{millis:03d}"


def _photo(rng: random.Random, *, number: int, title: str, shared: list[CustomImage]):
    """A photo of its own (title, credit, date, alt text) on one of the shared files."""
    source = shared[number % len(shared)]
    image = CustomImage(
        title=title,
        description=f"{title} : vue d'un terril et des maisons de la cité.",
        credit=rng.choice(CONTRIBUTORS),
        date_taken=str(rng.randint(1930, 2005)),
        licence=source.licence,
        collection=source.collection,
        width=source.width,
        height=source.height,
        file_size=source.file_size,
        file_hash=source.file_hash,
    )
    image.file = source.file.name
    image._clean_file_name = source.file.name
    image.save()
    return image


def _interview(item: ArchiveItemPage, *, tape_file, transcript: str) -> int:
    interview = Interview.objects.create(page=item, speakers_note=", ".join(SPEAKERS))
    Tape.objects.create(interview=interview, title="", media_file=tape_file, sort_order=0)
    return transcript_import(interview=interview, source=transcript).created


def dataset_build(
    *, items: int, programmes: int | None = None, seed: int = 1984, progress: bool = True
) -> Dataset:
    """Build the whole dataset in the current (empty, migrated) database; ``programmes`` (the
    editions with a full programme, the latest first) follows the size unless given."""
    logging.getLogger("wagtail").setLevel(logging.WARNING)
    rng = random.Random(seed)
    built = Dataset()
    home = ensure_home_page()
    ensure_standard_pages(home)
    festival_index = ensure_festival_index(home)
    archive_index = ensure_archive_index(home)
    with Progress(disable=not progress) as bar:
        # The festival as the demo builds it: the next edition ahead of today, the rest past.
        today = timezone.localdate()
        upcoming = next_edition_year(today=today)
        task = bar.add_task("Éditions et programmes", total=edition_count(today=today))
        for _edition in ensure_editions(festival_index, today=today):
            bar.advance(task)
        venues = ensure_venues()
        years = _programme_years(items) if programmes is None else programmes
        for edition in EditionPage.objects.filter(year__gt=upcoming - years):
            ensure_programme(edition, venues, today=today)
        last = EditionPage.objects.get(year=upcoming)
        ensure_shifts(last)
        now = timezone.now()
        Volunteer.objects.bulk_create(
            Volunteer(
                edition=last,
                name=f"{rng.choice(WHO).split()[-1].capitalize()} {number}",
                email=f"benevole-bench-{number}@exemple.fr",
                consented_at=now,
            )
            for number in range(1, items + 1)
        )

        places = ensure_places()
        themes = [theme for theme, _words in ensure_themes()]
        collections = ensure_collections()
        shared = [
            demo_image(
                title=f"Photo partagée {n}",
                alt_text="Vue d'un terril et des maisons de la cité.",
                seed=n,
                sepia=n % 2 == 0,
            )
            for n in range(1, SHARED_FILES + 1)
        ]
        transcript, duration = _transcript(rng)
        upload = SimpleUploadedFile(
            "entretien.wav", wav_file(duration=duration + CUE_MS, clips=[]), "audio/wav"
        )
        tape_file = media_file_create(upload=upload, title="Entretien (silence)")

        task = bar.add_task("Éléments d'archive", total=items)
        for number in range(1, items + 1):
            with transaction.atomic():
                oral = number % ORAL_EVERY == 1
                subject, kind, _motif = rng.choice(SUBJECTS)
                place = rng.choice(PLACES)
                title = item_title(subject, place=place, who=rng.choice(WHO))
                year = rng.randint(1930, 2005)
                paragraphs = rng.sample(SENTENCES, 4)
                cover = None
                if not oral and number % PHOTO_EVERY == 0:
                    cover = _photo(rng, number=number, title=title, shared=shared)
                    built.photos += 1
                item = archive_index.add_child(
                    instance=ArchiveItemPage(
                        title=title,
                        slug=f"element-{number}",
                        kind=ItemKind.ORAL_HISTORY if oral else kind,
                        summary=paragraphs[0],
                        story=[("paragraph", f"<p>{' '.join(paragraphs[1:])}</p>")],
                        date_label=str(year),
                        year_start=year,
                        year_end=year,
                        cover_image=cover,
                        credit=rng.choice(CONTRIBUTORS),
                        featured=number % 25 == 0,
                    )
                )
                item.places = [places[place]]
                item.themes = [rng.choice(themes)]
                item.collection = collections[number % len(collections)] if number % 4 else None
                if oral:
                    built.segments += _interview(item, tape_file=tape_file, transcript=transcript)
                    built.oral_histories += 1
                item.save_revision().publish()
            bar.advance(task)
    built.items = ArchiveItemPage.objects.live().count()
    built.editions = EditionPage.objects.count()
    built.events = EventPage.objects.live().count()
    built.volunteers = Volunteer.objects.count()
    built.segments = Segment.objects.count()
    built.urls = dataset_urls()
    return built


def dataset_urls() -> dict[str, str]:
    """The address of each page the bench measures, in the built dataset."""
    item = ArchiveItemPage.objects.live().exclude(kind=ItemKind.ORAL_HISTORY)
    item = item.filter(cover_image__isnull=False).order_by("pk").first()
    oral = ArchiveItemPage.objects.live().filter(kind=ItemKind.ORAL_HISTORY).first()
    edition = EditionPage.objects.order_by("-year").first()
    event = EventPage.objects.live().descendant_of(edition).order_by("pk").first()
    index = ArchiveItemPage.objects.live().first().get_parent()
    return {
        "home": "/",
        "archive_item": item.url,
        "oral_history": oral.url if oral else "",
        "archive_index": index.url,
        "programme": f"{edition.url}programme/",
        "event": event.url if event else "",
        "search": "/recherche/?q=mineur",
    }


def main(argv: list[str] | None = None) -> Dataset:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=1000)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    started = datetime.datetime.now(tz=datetime.UTC)
    built = dataset_build(items=args.items)
    seconds = (datetime.datetime.now(tz=datetime.UTC) - started).total_seconds()
    if args.json:
        args.json.write_text(json.dumps({**asdict(built), "seconds": seconds}, indent=2))
    print(
        f"Jeu de données : {built.items} éléments ({built.photos} photos, "
        f"{built.oral_histories} témoignages oraux, {built.segments} passages), "
        f"{built.editions} éditions, {built.events} événements, {built.volunteers} bénévoles "
        f"en {seconds:.0f} s."
    )
    return built


if __name__ == "__main__":
    main()
