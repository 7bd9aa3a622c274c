"""What each kind of searchable thing contributes to the index, and which ones may be indexed.

A source gives the queryset of what the public may find (published, public, and as the
archive decides: not embargoed, not withdrawn) and turns one object into the plain data that
both the engine and the database fallback store. Only fields meant for the public are read:
never a contributor's contact details, an owner, a revision or a consent record.
"""

import datetime
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from types import SimpleNamespace

from django.db.models import F, JSONField, Model, Prefetch, QuerySet
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import normalize_newlines
from django.utils.translation import gettext
from wagtail.images import get_image_model
from wagtail.images.models import Filter
from wagtail.models import Page

from archive.models import ArchiveItemImage, ArchiveItemPage, IndexSegment, Segment
from archive.selectors import public_items
from archive.transcripts.selectors import public_segment_queryset
from core.page_privacy import public_pages
from core.page_urls import PageUrls
from festival.models import EditionPage, EventPage
from media.timecodes import short_timecode
from projects.models import Project, ProjectPhoto
from search.query import EVENT_KIND, PROJECT_KIND

logger = logging.getLogger(__name__)

THUMBNAIL_SPEC = "fill-320x240"
# Parsed once: every document with an image asks for the same.
THUMBNAIL_FILTER = Filter(spec=THUMBNAIL_SPEC)
# How many objects one chunk reads: each chunk costs the same few queries, whatever its size.
CHUNK_SIZE = 1000


@dataclass
class SearchData:
    """One searchable thing, as both engines store it."""

    doc_type: str
    object_id: int
    title: str
    body: str = ""
    kind: str = ""
    themes: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    collections: list[str] = field(default_factory=list)
    edition: str = ""
    decades: list[str] = field(default_factory=list)
    date: datetime.date | None = None
    date_label: str = ""
    url: str = ""
    thumbnail: str = ""
    latitude: float | None = None
    longitude: float | None = None
    timecode: float | None = None
    parent_title: str = ""
    # A transcript segment's archive item: its segments are indexed and removed together.
    parent_id: int | None = None

    @property
    def doc_id(self) -> str:
        return f"{self.doc_type}-{self.object_id}"

    def facets(self) -> Iterator[tuple[str, str]]:
        """Every (facet, value) pair the facet counts and the filters use."""
        yield "doc_type", self.doc_type
        if self.kind:
            yield "kind", self.kind
        for facet in ("themes", "places", "collections", "decades"):
            for value in getattr(self, facet):
                yield facet, value
        if self.edition:
            yield "edition", self.edition

    def to_document(self) -> dict:
        """The engine's ``_source``."""
        document = {
            "doc_type": self.doc_type,
            "object_id": self.object_id,
            "title": self.title,
            "body": self.body,
            "kind": self.kind,
            "themes": self.themes,
            "places": self.places,
            "collections": self.collections,
            "edition": self.edition or None,
            "decades": self.decades,
            "date": self.date.isoformat() if self.date else None,
            "date_label": self.date_label,
            "url": self.url,
            "thumbnail": self.thumbnail,
            "timecode": self.timecode,
            "parent_title": self.parent_title,
            "parent_id": self.parent_id,
            "suggest": {"input": [self.title]} if self.doc_type != "segment" else None,
        }
        if self.latitude is not None and self.longitude is not None:
            document["location"] = {"lat": self.latitude, "lon": self.longitude}
        return {key: value for key, value in document.items() if value not in (None, "", [])}


def plain_text(html: str) -> str:
    return " ".join(normalize_newlines(strip_tags(html or "")).split())


def decades_between(start: int | None, end: int | None) -> list[str]:
    """« vers 1960 » (1958–1962) belongs to the 1950s and the 1960s."""
    if start is None:
        return []
    end = end if end is not None and end >= start else start
    first, last = start // 10 * 10, min(end, start + 100) // 10 * 10
    return [str(decade) for decade in range(first, last + 1, 10)]


def _thumbnail_made(image) -> str:
    """The thumbnail's address for an image ``thumbnail_urls`` found none for: Wagtail's own
    lookup, which makes it when missing."""
    try:
        return image.get_rendition(THUMBNAIL_FILTER).url
    except Exception:  # noqa: BLE001 - a missing or broken file must not stop indexing
        logger.warning("Vignette impossible pour l'image %s", image.pk)
        return ""


# What an image's thumbnail depends on besides its file (the crop follows the focal point).
FOCAL_POINT_FIELDS = ("focal_point_x", "focal_point_y", "focal_point_width", "focal_point_height")


def thumbnail_urls(image_ids: Iterable[int | None]) -> dict[int, str]:
    """Each image's thumbnail address, for images named by id, read as rows: the images'
    focal points, then their thumbnails, one query each. The thumbnail kept is the one made
    for the image's focal point, as Wagtail looks it up (``Filter.get_cache_key``); one is
    made (``_thumbnail_made``) only where none exists yet."""
    ids = {image_id for image_id in image_ids if image_id is not None}
    if not ids:
        return {}
    images = get_image_model()
    renditions = images.get_rendition_model()
    focal_points = {
        row["pk"]: SimpleNamespace(**row)
        for row in images.objects.filter(pk__in=ids).values("pk", *FOCAL_POINT_FIELDS)
    }
    files = {
        (image_id, key): name
        for image_id, key, name in renditions.objects.filter(
            image_id__in=focal_points, filter_spec=THUMBNAIL_SPEC
        ).values_list("image_id", "focal_point_key", "file")
    }
    storage = renditions._meta.get_field("file").storage
    urls, missing = {}, []
    for pk, focal_point in focal_points.items():
        name = files.get((pk, THUMBNAIL_FILTER.get_cache_key(focal_point)))
        if name:
            urls[pk] = storage.url(name)
        else:
            missing.append(pk)
    if missing:
        made = images.objects.filter(pk__in=missing)
        urls |= {image.pk: _thumbnail_made(image) for image in made}
    return urls


def story_text(story) -> str:
    """What a reader finds in a story's blocks (Wagtail's own searchable content), as text."""
    parts = []
    for child in story:
        parts.extend(str(text) for text in child.block.get_searchable_content(child.value))
    return plain_text(" ".join(parts))


class Source:
    doc_type: str
    label: str
    # A source whose documents belong to another's (segments to their item) is synced with
    # its parent, never one object at a time.
    parent_doc_type: str | None = None

    def model(self) -> type[Model]:
        raise NotImplementedError

    def queryset(self) -> QuerySet:
        raise NotImplementedError

    def rows(self, queryset: QuerySet) -> list:
        """What ``build`` reads for these objects: the objects themselves, unless the source
        reads plain rows (cheaper by far when there are many)."""
        return list(queryset)

    @staticmethod
    def row_id(row) -> int:
        return row.pk

    def context(self, rows: list) -> dict:
        """What these rows' documents share, read once for all of them."""
        return {}

    def build(self, row, context: dict) -> SearchData:
        raise NotImplementedError

    def iter_data(self, queryset: QuerySet | None = None) -> Iterator[SearchData]:
        """The documents of ``queryset`` (a part of ``queryset()``), or of everything."""
        if queryset is None:
            for chunk in self.chunks():
                yield from chunk
            return
        yield from self._documents(self.rows(queryset))

    def _documents(self, rows: list) -> list[SearchData]:
        """The documents of these rows, their shared context read once; a source leaves out
        what it finds no longer public (``build`` gives ``None``)."""
        if not rows:
            return []
        context = self.context(rows)
        return [data for row in rows if (data := self.build(row, context)) is not None]

    def chunks(self, *, size: int = CHUNK_SIZE) -> Iterator[list[SearchData]]:
        """Everything the public may find, ``size`` objects at a time in id order: each chunk
        costs the same queries (the rows, their related rows, their context), never one per
        document, and memory stays flat however large the archive."""
        after = None
        while True:
            queryset = self.queryset().order_by("pk")
            if after is not None:
                queryset = queryset.filter(pk__gt=after)
            rows = self.rows(queryset[:size])
            if rows:
                yield self._documents(rows)
            if len(rows) < size:
                return
            after = self.row_id(rows[-1])

    def for_parent(self, parent_id: int) -> QuerySet:
        raise NotImplementedError


# An item's own columns its document reads (``ArchiveItemSource.rows``).
ITEM_COLUMNS = (
    "pk",
    "title",
    "summary",
    "kind",
    "date_start",
    "date_end",
    "year_start",
    "year_end",
    "date_label",
    "people_named",
    "url_path",
    "collection__name",
    "cover_image_id",
    "cover_image__description",
)


STORY_BLOCK = ArchiveItemPage._meta.get_field("story").stream_block


class ArchiveItemSource(Source):
    """Items are read as plain rows, their places, themes and captions as rows too, and their
    addresses made from the site's root (``PageUrls``): building a page object per item was
    most of a rebuild's time."""

    doc_type = "archive_item"
    label = "Éléments d'archive"

    def model(self):
        return ArchiveItemPage

    def queryset(self):
        return public_items().order_by("pk")

    def rows(self, queryset) -> list[dict]:
        # The story as its JSON: Wagtail's StreamField makes a field object per value read.
        rows = list(queryset.values(*ITEM_COLUMNS, story_data=Cast("story", JSONField())))
        ids = [row["pk"] for row in rows]
        for row in rows:
            row["places"], row["themes"], row["captions"] = [], [], []
        by_id = {row["pk"]: row for row in rows}
        if not ids:
            return rows
        places = (
            ArchiveItemPage.places.through.objects.filter(archiveitempage_id__in=ids)
            .order_by("place__name", "place_id")
            .values_list("archiveitempage_id", "place__name", "place__latitude", "place__longitude")
        )
        for item_id, *place in places:
            by_id[item_id]["places"].append(place)
        themes = (
            ArchiveItemPage.themes.through.objects.filter(archiveitempage_id__in=ids)
            .order_by("theme__name", "theme_id")
            .values_list("archiveitempage_id", "theme__name")
        )
        for item_id, name in themes:
            by_id[item_id]["themes"].append(name)
        captions = (
            ArchiveItemImage.objects.filter(page_id__in=ids)
            .order_by("sort_order", "pk")
            .values_list("page_id", "caption")
        )
        for item_id, caption in captions:
            by_id[item_id]["captions"].append(caption)
        return rows

    @staticmethod
    def row_id(row) -> int:
        return row["pk"]

    def context(self, rows):
        return {
            "urls": PageUrls(),
            "thumbnails": thumbnail_urls(row["cover_image_id"] for row in rows),
        }

    def build(self, item: dict, context) -> SearchData:
        # Names of people who agreed to be named are part of the published item.
        body = " ".join(
            filter(
                None,
                [
                    item["summary"],
                    story_text(STORY_BLOCK.to_python(item["story_data"])),
                    item["cover_image__description"],
                    *item["captions"],
                    item["people_named"],
                ],
            )
        )
        start, end = item["date_start"], item["date_end"]
        if start is None and item["year_start"]:
            start = datetime.date(item["year_start"], 1, 1)
        first_year = start.year if start else item["year_start"]
        last_year = end.year if end else item["year_end"]
        collection = item["collection__name"]
        places = item["places"]
        located = next((place for place in places if place[1] is not None), None)
        return SearchData(
            doc_type=self.doc_type,
            object_id=item["pk"],
            title=item["title"],
            body=body,
            kind=item["kind"],
            themes=item["themes"],
            places=[name for name, _latitude, _longitude in places],
            collections=[collection] if collection else [],
            decades=decades_between(first_year, last_year),
            date=start,
            date_label=item["date_label"],
            url=context["urls"](item["url_path"]),
            thumbnail=context["thumbnails"].get(item["cover_image_id"], ""),
            latitude=float(located[1]) if located else None,
            longitude=float(located[2]) if located and located[2] else None,
        )


class EventSource(Source):
    doc_type = "event"
    label = "Événements du festival"

    def model(self):
        return EventPage

    def queryset(self):
        return (
            public_pages(EventPage.objects.live())
            .select_related("venue")
            .prefetch_related("occurrences")
            .order_by("pk")
        )

    def context(self, rows):
        parents = {event.path[: -Page.steplen] for event in rows if event.depth > 1}
        return {
            "urls": PageUrls(),
            "editions": {
                edition.path: edition for edition in EditionPage.objects.filter(path__in=parents)
            },
            "thumbnails": thumbnail_urls(event.image_id for event in rows),
        }

    def build(self, event, context) -> SearchData:
        edition = context["editions"].get(event.path[: -Page.steplen])
        occurrences = sorted(occurrence.start for occurrence in event.occurrences.all())
        first = occurrences[0].date() if occurrences else None
        venue = event.venue
        year = edition.year if edition else (first.year if first else None)
        return SearchData(
            doc_type=self.doc_type,
            object_id=event.pk,
            title=event.title,
            body=" ".join(filter(None, [event.summary, plain_text(event.body)])),
            kind=EVENT_KIND,
            themes=[edition.theme] if edition and edition.theme else [],
            places=[venue.name] if venue else [],
            edition=str(year) if year else "",
            decades=decades_between(year, year),
            date=first,
            date_label=first.strftime("%d/%m/%Y") if first else "",
            url=context["urls"](event.url_path),
            thumbnail=context["thumbnails"].get(event.image_id, ""),
            latitude=float(venue.latitude) if venue and venue.latitude is not None else None,
            longitude=float(venue.longitude) if venue and venue.longitude is not None else None,
        )


class SegmentSource(Source):
    """A passage of an interview, so that a hit opens the player at the second it was said.

    It carries its item's facets (themes, places, decades…): filtering the search by a place
    keeps the passages of interviews about that place."""

    doc_type = "segment"
    label = "Passages d'entretiens"
    parent_doc_type = "archive_item"

    def model(self):
        return Segment

    def queryset(self):
        # A passage needs its item's id, not the item's page (its document reads the item's).
        return (
            public_segment_queryset().select_related(None).annotate(item_id=F("interview__page_id"))
        )

    def rows(self, queryset) -> list[dict]:
        return list(queryset.values("pk", "item_id", "interview_id", "start", "speaker", "text"))

    @staticmethod
    def row_id(row) -> int:
        return row["pk"]

    def for_parent(self, parent_id: int):
        return self.queryset().filter(interview__page_id=parent_id)

    def context(self, rows):
        """Each interview's item as the archive indexes it, and its chapters: a passage
        carries its item's facets and is titled by its chapter when no speaker is named."""
        page_ids = {segment["item_id"] for segment in rows}
        item_source = SOURCES["archive_item"]
        items = {
            item.object_id: item
            for item in item_source.iter_data(item_source.queryset().filter(pk__in=page_ids))
        }
        chapters: dict[int, list] = {}
        rows = (
            IndexSegment.objects.filter(interview_id__in={s["interview_id"] for s in rows})
            .order_by("start", "pk")
            .values_list("interview_id", "start", "end", "title")
        )
        for interview_id, start, end, title in rows:
            chapters.setdefault(interview_id, []).append((start, end, title))
        return {"items": items, "chapters": chapters}

    def build(self, segment, context) -> SearchData | None:
        # Passages of items the public may no longer see are left out.
        item = context["items"].get(segment["item_id"])
        if item is None:
            return None
        return self._build(segment, item, context["chapters"].get(segment["interview_id"], []))

    def _build(self, segment: dict, item: SearchData, chapters: list) -> SearchData:
        start = segment["start"]
        at = short_timecode(start)
        chapter = next(
            (
                title
                for begins, end, title in reversed(chapters)
                if begins <= start and (end is None or start < end)
            ),
            "",
        )
        who = segment["speaker"] or chapter
        return SearchData(
            doc_type=self.doc_type,
            object_id=segment["pk"],
            title=f"{who}, {at}" if who else gettext("Passage à %(time)s") % {"time": at},
            body=segment["text"],
            kind=item.kind,
            themes=item.themes,
            places=item.places,
            collections=item.collections,
            decades=item.decades,
            date=item.date,
            date_label=item.date_label,
            url=item.url,
            thumbnail=item.thumbnail,
            latitude=item.latitude,
            longitude=item.longitude,
            timecode=start / 1000,
            parent_title=item.title,
            parent_id=item.object_id,
        )


class ProjectSource(Source):
    """A fifty-fifty project, under its own kind « Projet fifty-fifty ».

    Only what its public page shows: the title, the need, what the residents commit, the
    carriers' displayed name, the place, its nature, state and dates. Never the proposer's
    contact, the team's internal notes, requests under review or progress not yet approved."""

    doc_type = "project"
    label = "Projets fifty-fifty"

    def model(self):
        return Project

    def queryset(self):
        # The proposal's own photos (not a progress update's, which may await review).
        photos = ProjectPhoto.objects.filter(update__isnull=True, image__isnull=False)
        return (
            Project.objects.for_the_public()
            .select_related("place")
            .prefetch_related(Prefetch("photos", queryset=photos))
            .order_by("pk")
        )

    @staticmethod
    def _first_photo(project) -> ProjectPhoto | None:
        """The photo a project's result shows (its proposal's first)."""
        return next(iter(project.photos.all()), None)

    def context(self, rows):
        first_photos = (self._first_photo(project) for project in rows)
        return {"thumbnails": thumbnail_urls(photo.image_id for photo in first_photos if photo)}

    def build(self, project, context) -> SearchData:
        place = project.place
        latitude, longitude = project.position or (None, None)
        start = project.start_on or timezone.localdate(project.confirmed_at or project.created_at)
        end = project.end_on if project.end_on and project.end_on >= start else None
        when = start.strftime("%d/%m/%Y")
        if end is not None and end != start:
            when = f"{when} – {end:%d/%m/%Y}"
        photo = self._first_photo(project)
        return SearchData(
            doc_type=self.doc_type,
            object_id=project.pk,
            title=project.title,
            body=" ".join(
                filter(
                    None,
                    [
                        project.need,
                        project.commitment,
                        project.carrier_name,
                        str(project.get_kind_display()),
                        # Where it happens is how neighbours name a project.
                        place.name if place is not None else "",
                        project.address,
                    ],
                )
            ),
            kind=PROJECT_KIND,
            places=[place.name] if place is not None else [],
            decades=decades_between(start.year, end.year if end else start.year),
            date=start,
            date_label=f"{project.get_status_display()} · {when}"[:64],
            url=project.get_absolute_url(),
            thumbnail=context["thumbnails"].get(photo.image_id, "") if photo else "",
            latitude=latitude,
            longitude=longitude,
        )


SOURCES: dict[str, Source] = {
    source.doc_type: source
    for source in (ArchiveItemSource(), EventSource(), SegmentSource(), ProjectSource())
}


def children_of(doc_type: str) -> list[Source]:
    """The sources synced with ``doc_type`` (an item's transcript segments)."""
    return [source for source in SOURCES.values() if source.parent_doc_type == doc_type]


def source_for_instance(obj) -> Source | None:
    for source in SOURCES.values():
        if isinstance(obj, source.model()):
            return source
    return None
