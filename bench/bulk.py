"""Archive items in bulk for the bench: thousands a second instead of one.

Publishing an item through Wagtail (``add_child``, a revision, ``publish``) costs about a
second on the shared machine, so 100,000 items would take a day. Here the pages are written
as the tree stores them, a batch at a time: the base page rows with their tree path, depth and
URL path computed (Wagtail's pages are treebeard materialised-path nodes), then the items' own
rows, their places and themes, their photos' metadata (an image row each, on a few shared
files, with its search thumbnail) and their interviews' passages. No revision (neither the
pages nor the search read one) and no signal per item: the search index is rebuilt after.

What it builds is what the site serves: live, public pages that ``public_items()`` returns."""

import datetime
import random
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import F, Model
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Page

from archive.demo import CONTRIBUTORS, PLACES, SENTENCES, SUBJECTS, WHO, item_title
from archive.models import ArchiveCollection, ArchiveItemPage, ItemKind, Place, Theme
from archive.transcripts.models import Interview, Segment, Tape
from festival.demo import CATEGORY_TEXTS, PERFORMERS, PROGRAMME
from festival.models import EditionPage, EventOccurrence, EventPage, EventPerformer, Venue
from media.demo_text import capitalise, place_where
from media.models import CustomImage, MediaFile
from search.sources import THUMBNAIL_SPEC

BATCH = 2_000
PHOTO_EVERY = 3
ORAL_EVERY = 10
# Most interviews are short (a few passages); one in this many items is an hour-long
# oral history with the full transcript the item page shows (about 55 KB).
LONG_ORAL_EVERY = 5_000
SHORT_PASSAGES = 5
CUE_MS = 6_000
SPEAKERS = ("Claire M.", "René D.")


@dataclass
class ItemsBuilt:
    items: int = 0
    photos: int = 0
    oral_histories: int = 0
    long_oral_histories: int = 0
    segments: int = 0


def _step(number: int) -> str:
    """A child's step in its parent's path, in treebeard's alphabet (``Page.alphabet``)."""
    alphabet, digits = Page.alphabet, []
    while number:
        number, rest = divmod(number, len(alphabet))
        digits.append(alphabet[rest])
    return "".join(reversed(digits)).rjust(Page.steplen, alphabet[0])


def _last_step(parent: Page) -> int:
    last = (
        Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    return 0 if last is None else _decode(last[-Page.steplen :])


def _decode(step: str) -> int:
    value = 0
    for digit in step:
        value = value * len(Page.alphabet) + Page.alphabet.index(digit)
    return value


def _insert_rows(model: type[Model], objects: Sequence[Model]) -> None:
    """The rows of ``model``'s own table (a page type's, under its base page row): Django's
    ``bulk_create`` refuses models that inherit a table."""
    fields = model._meta.local_concrete_fields
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    rows = [
        [field.get_db_prep_save(getattr(obj, field.attname), connection) for field in fields]
        for obj in objects
    ]
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({placeholders})", rows)  # noqa: S608 -- names from the model


def pages_bulk_create(*, parent: Page, pages: Sequence[Page]) -> list[Page]:
    """Publish ``pages`` (unsaved, all of one specific type) as the last children of
    ``parent``, as live pages first published now, without revisions or signals."""
    if not pages:
        return []
    model = type(pages[0])
    content_type = ContentType.objects.get_for_model(model)
    first = _last_step(parent) + 1
    now = timezone.now()
    base_fields = [field for field in Page._meta.concrete_fields if not field.primary_key]
    bases = []
    for offset, page in enumerate(pages):
        page.path = parent.path + _step(first + offset)
        page.depth = parent.depth + 1
        page.numchild = 0
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.content_type = content_type
        page.locale_id = parent.locale_id
        page.translation_key = uuid.uuid4()
        page.draft_title = page.title
        page.live = True
        page.has_unpublished_changes = False
        page.first_published_at = page.last_published_at = now
        bases.append(Page(**{field.attname: getattr(page, field.attname) for field in base_fields}))
    Page.objects.bulk_create(bases)
    for page, base in zip(pages, bases, strict=True):
        page.id = page.page_ptr_id = base.pk
    _insert_rows(model, pages)
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))
    parent.numchild += len(pages)
    return list(pages)


def _cues(rng: random.Random, *, count: int) -> list[tuple[int, int, str, str]]:
    """``count`` passages of two speakers taking turns: (start, end, speaker, text)."""
    return [
        (n * CUE_MS, (n + 1) * CUE_MS, SPEAKERS[n % 2], " ".join(rng.sample(SENTENCES, 2)))
        for n in range(count)
    ]


# About 55 KB of transcript, as the longest oral history measured in issue 16.
LONG_PASSAGES = 55_000 // 150


@dataclass
class Shared:
    """What every batch reuses: the classification, the image files, the recording."""

    places: dict[str, Place]  # by the phrase titles use (``archive.demo.PLACES``)
    themes: list[Theme]
    collections: list[ArchiveCollection]
    images: list[CustomImage]
    tape_file: MediaFile | None


def items_bulk_create(
    *,
    parent: Page,
    count: int,
    shared: Shared,
    seed: int = 1984,
    advance: Callable[[int], None] | None = None,
) -> ItemsBuilt:
    """``count`` live archive items under ``parent`` (an archive index), ``BATCH`` at a time,
    each batch in its own transaction."""
    rng = random.Random(seed)
    built = ItemsBuilt()
    # Numbered after the items already there, so that slugs stay unique among siblings.
    first = ArchiveItemPage.objects.child_of(parent).count() + 1
    thumbnails = {image.pk: image.get_rendition(THUMBNAIL_SPEC) for image in shared.images}
    for start in range(first, first + count, BATCH):
        numbers = range(start, min(start + BATCH, first + count))
        with transaction.atomic():
            _batch(parent, numbers, shared=shared, thumbnails=thumbnails, rng=rng, built=built)
        if advance:
            advance(len(numbers))
    return built


def _batch(parent, numbers, *, shared: Shared, thumbnails: dict, rng, built: ItemsBuilt) -> None:
    # Beside each item: its number, its place's phrase and its theme's index in ``shared``.
    items, picks, photos, long_orals = [], [], {}, set()
    for number in numbers:
        oral = number % ORAL_EVERY == 1
        subject, kind, _motif = rng.choice(SUBJECTS)
        place = rng.choice(PLACES)
        title = item_title(subject, place=place, who=rng.choice(WHO))
        year = rng.randint(1930, 2005)
        paragraphs = rng.sample(SENTENCES, 4)
        item = ArchiveItemPage(
            title=title,
            slug=f"element-{number}",
            kind=ItemKind.ORAL_HISTORY if oral else kind,
            summary=paragraphs[0],
            story=[("paragraph", f"<p>{' '.join(paragraphs[1:])}</p>")],
            date_label=str(year),
            year_start=year,
            year_end=year,
            credit=rng.choice(CONTRIBUTORS),
            featured=number % 25 == 0,
            collection=shared.collections[number % len(shared.collections)] if number % 4 else None,
        )
        item.fill_date_range()
        picks.append((number, place, rng.randrange(len(shared.themes))))
        if not oral and number % PHOTO_EVERY == 0:
            source = shared.images[number % len(shared.images)]
            photos[number] = CustomImage(
                title=title,
                description=f"{title} : vue d'un terril et des maisons de la cité.",
                credit=rng.choice(CONTRIBUTORS),
                date_taken=str(rng.randint(1930, 2005)),
                licence=source.licence,
                collection_id=source.collection_id,
                file=source.file.name,
                width=source.width,
                height=source.height,
                file_size=source.file_size,
                file_hash=source.file_hash,
            )
        if oral and number % LONG_ORAL_EVERY == 1:
            long_orals.add(number)
        items.append(item)
    _photos_create(photos, shared=shared, thumbnails=thumbnails)
    for item, (number, _place, _theme) in zip(items, picks, strict=True):
        photo = photos.get(number)
        item.cover_image_id = photo.pk if photo else None
    pages_bulk_create(parent=parent, pages=items)
    ArchiveItemPage.places.through.objects.bulk_create(
        ArchiveItemPage.places.through(archiveitempage_id=item.pk, place_id=shared.places[place].pk)
        for item, (_number, place, _theme) in zip(items, picks, strict=True)
    )
    ArchiveItemPage.themes.through.objects.bulk_create(
        ArchiveItemPage.themes.through(archiveitempage_id=item.pk, theme_id=shared.themes[theme].pk)
        for item, (_number, _place, theme) in zip(items, picks, strict=True)
    )
    orals = [
        (item, number)
        for item, (number, _place, _theme) in zip(items, picks, strict=True)
        if item.kind == ItemKind.ORAL_HISTORY
    ]
    interviews = Interview.objects.bulk_create(
        Interview(page_id=item.pk, speakers_note=", ".join(SPEAKERS)) for item, _number in orals
    )
    Tape.objects.bulk_create(
        Tape(interview=interview, title="", media_file=shared.tape_file, sort_order=0)
        for interview in interviews
    )
    segments = []
    for (_item, number), interview in zip(orals, interviews, strict=True):
        long = number in long_orals
        cues = _cues(rng, count=LONG_PASSAGES if long else SHORT_PASSAGES)
        segments += [
            Segment(interview=interview, start=start, end=end, speaker=speaker, text=text)
            for start, end, speaker, text in cues
        ]
        built.long_oral_histories += long
    Segment.objects.bulk_create(segments, batch_size=BATCH)
    built.items += len(items)
    built.photos += len(photos)
    built.oral_histories += len(orals)
    built.segments += len(segments)


def _photos_create(photos: dict, *, shared: Shared, thumbnails: dict) -> None:
    """Each photo's own row, and its search thumbnail: the shared file's, so that indexing
    never resizes an image the bench made by copying."""
    if not photos:
        return
    CustomImage.objects.bulk_create(photos.values())
    by_file = {image.file.name: thumbnails[image.pk] for image in shared.images}
    Rendition = CustomImage.get_rendition_model()
    Rendition.objects.bulk_create(
        Rendition(
            image=photo,
            filter_spec=THUMBNAIL_SPEC,
            focal_point_key=by_file[photo.file.name].focal_point_key,
            file=by_file[photo.file.name].file.name,
            width=by_file[photo.file.name].width,
            height=by_file[photo.file.name].height,
        )
        for photo in photos.values()
    )


def programme_bulk_create(
    *, edition: EditionPage, venues: dict[str, Venue], images: Sequence[CustomImage]
) -> int:
    """The demo's whole programme (``festival.demo.PROGRAMME``, about thirty events over three
    days) under an edition that has none, its images taken from ``images``; returns how many
    events were created. The demo's own builder draws an image per event, a second each."""
    if EventPage.objects.child_of(edition).exists():
        return 0
    events, occurrences, performers = [], [], []
    for n, (title, category, audience, venue_slug, day, hour, minute, minutes, price) in enumerate(
        PROGRAMME
    ):
        venue = venues[venue_slug]
        start = timezone.make_aware(
            datetime.datetime.combine(
                edition.start_date + datetime.timedelta(days=day), datetime.time(hour, minute)
            )
        )
        performer, kind, with_whom = PERFORMERS[n % len(PERFORMERS)]
        where = place_where(venue.name)
        text = CATEGORY_TEXTS[category].format(where=where, with_whom=with_whom)
        events.append(
            EventPage(
                title=title,
                slug=slugify(title),
                category=category,
                audience=audience,
                summary=f"{title}, {where}, aux Gohelliades {edition.year}.",
                body=f"<p>{capitalise(text)}</p>",
                venue=venue,
                is_free=not price,
                price=price,
                wheelchair_access=venue.wheelchair_accessible,
                image=images[n % len(images)],
            )
        )
        occurrences.append(
            EventOccurrence(start=start, end=start + datetime.timedelta(minutes=minutes))
        )
        performers.append(EventPerformer(name=performer, kind=kind, sort_order=0))
    pages_bulk_create(parent=edition, pages=events)
    for event, occurrence, performer in zip(events, occurrences, performers, strict=True):
        occurrence.event_id = performer.event_id = event.pk
    EventOccurrence.objects.bulk_create(occurrences)
    EventPerformer.objects.bulk_create(performers)
    return len(events)
