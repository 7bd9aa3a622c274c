"""The bench's dataset: archive items at a given size, editions with programmes, volunteers.

The site's frame (home, standard pages, the festival's editions, the next edition's shifts and
the two latest programmes) comes from the demo's own builders, so it never drifts from the
models; the archive items and the older programmes are written in bulk (``bench.bulk``), a
few thousand a second, so that 100,000 items take minutes. In proportion to the number of
items: one in three carries a photo (its own image row and metadata, the file shared among a
few), one in ten is an oral history with a few passages (one in 5,000 an hour-long one with
a 55 KB transcript), one volunteer per item, and the programmes of more editions as it grows.

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
from django.db import connection
from django.utils import timezone
from rich.progress import Progress

from archive.demo import (
    WHO,
    ensure_archive_index,
    ensure_collections,
    ensure_places,
    ensure_themes,
)
from archive.models import ArchiveItemPage, ItemKind
from archive.transcripts.demo import wav_file
from archive.transcripts.models import Segment
from bench.bulk import CUE_MS, LONG_PASSAGES, Shared, items_bulk_create, programme_bulk_create
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
from media.services import media_file_create

SHARED_FILES = 12


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


def _tape_file():
    """One silent recording, as long as the longest transcript, shared by every interview."""
    duration = LONG_PASSAGES * CUE_MS + CUE_MS
    upload = SimpleUploadedFile("entretien.wav", wav_file(duration=duration, clips=[]), "audio/wav")
    return media_file_create(upload=upload, title="Entretien (silence)")


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
        # The two latest (the pages measured) by the demo's own builder, the older in bulk.
        task = bar.add_task("Programmes", total=years)
        event_images = None
        for edition in EditionPage.objects.filter(year__gt=upcoming - years).order_by("-year"):
            if edition.year > upcoming - 2:
                ensure_programme(edition, venues, today=today)
            else:
                event_images = event_images or [
                    event.image
                    for event in EventPage.objects.filter(image__isnull=False).select_related(
                        "image"
                    )
                ]
                programme_bulk_create(edition=edition, venues=venues, images=event_images)
            bar.advance(task)
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

        shared = Shared(
            places=ensure_places(),
            themes=[theme for theme, _words in ensure_themes()],
            collections=ensure_collections(),
            images=[
                demo_image(
                    title=f"Photo partagée {n}",
                    alt_text="Vue d'un terril et des maisons de la cité.",
                    seed=n,
                    sepia=n % 2 == 0,
                )
                for n in range(1, SHARED_FILES + 1)
            ],
            tape_file=_tape_file(),
        )
        task = bar.add_task("Éléments d'archive", total=items)
        made = items_bulk_create(
            parent=archive_index,
            count=items,
            shared=shared,
            seed=seed,
            advance=lambda count: bar.advance(task, count),
        )
        built.photos = made.photos
        built.oral_histories = made.oral_histories
    # The planner's statistics, as a database has them once loaded (autovacuum gathers them a
    # minute later or so): measured without them, the pages would be planned for empty tables.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
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
