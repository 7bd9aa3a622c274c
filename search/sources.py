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

from django.db.models import F, Model, Prefetch, QuerySet
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import normalize_newlines
from django.utils.translation import gettext
from wagtail.images import get_image_model
from wagtail.images.models import Filter
from wagtail.models import Page, Site

from archive.models import ArchiveItemPage, IndexSegment, Segment
from archive.selectors import public_items
from archive.transcripts.selectors import public_segment_queryset
from core.page_privacy import public_pages
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


def thumbnail_url(image) -> str:
    """The thumbnail's address: found among the image's prefetched renditions (``thumbnails``)
    without touching the renditions' cache, made only when missing."""
    if image is None:
        return ""
    try:
        try:
            return image.find_existing_rendition(THUMBNAIL_FILTER).url
        except image.get_rendition_model().DoesNotExist:
            return image.get_rendition(THUMBNAIL_FILTER).url
    except Exception:  # noqa: BLE001 - a missing or broken file must not stop indexing
        logger.warning("Vignette impossible pour l'image %s", image.pk)
        return ""


def thumbnails(relation: str) -> Prefetch:
    """The thumbnails of the images behind ``relation``, read with the objects: a thumbnail
    otherwise costs a lookup per document (database or cache)."""
    renditions = get_image_model().get_rendition_model().objects.filter(filter_spec=THUMBNAIL_SPEC)
    return Prefetch(f"{relation}__renditions", queryset=renditions)


def page_url(page, root_paths=None) -> str:
    if root_paths is not None:
        # Wagtail reads the sites' root paths from the object it is given, else per page.
        page._wagtail_cached_site_root_paths = root_paths
    return page.get_url() or page.url_path


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

    def context(self, objects: list) -> dict:
        """What these objects' documents share, read once for all of them."""
        return {}

    def build(self, obj, context: dict) -> SearchData:
        raise NotImplementedError

    def iter_data(self, objects: Iterable | None = None) -> Iterator[SearchData]:
        if objects is None:
            for chunk in self.chunks():
                yield from chunk
            return
        objects = list(objects)
        if not objects:
            return
        context = self.context(objects)
        for obj in objects:
            yield self.build(obj, context)

    def chunks(self, *, size: int = CHUNK_SIZE) -> Iterator[list[SearchData]]:
        """Everything the public may find, ``size`` objects at a time in id order: each chunk
        costs the same queries (the objects, their prefetched rows, their context), never one
        per document, and memory stays flat however large the archive."""
        after = None
        while True:
            queryset = self.queryset().order_by("pk")
            if after is not None:
                queryset = queryset.filter(pk__gt=after)
            objects = list(queryset[:size])
            if objects:
                yield list(self.iter_data(objects))
            if len(objects) < size:
                return
            after = objects[-1].pk

    def for_parent(self, parent_id: int) -> QuerySet:
        raise NotImplementedError


class ArchiveItemSource(Source):
    doc_type = "archive_item"
    label = "Éléments d'archive"

    def model(self):
        return ArchiveItemPage

    def queryset(self):
        return (
            public_items()
            .order_by("pk")
            .select_related("collection")
            # Read as plain lists (``to_attr``): a prefetched relation read through its manager
            # costs more than the query did, for each item.
            .prefetch_related(
                Prefetch("places", to_attr="search_places"),
                Prefetch("themes", to_attr="search_themes"),
                Prefetch("gallery_images", to_attr="search_gallery"),
                thumbnails("cover_image"),
            )
        )

    def context(self, objects):
        return {"root_paths": Site.get_site_root_paths()}

    def build(self, item, context) -> SearchData:
        story = []
        for child in item.story:
            story.extend(str(text) for text in child.block.get_searchable_content(child.value))
        captions = [item.cover_image.description if item.cover_image else ""]
        captions += [image.caption for image in item.search_gallery]
        # Names of people who agreed to be named are part of the published item.
        body = " ".join(
            filter(None, [item.summary, plain_text(" ".join(story)), *captions, item.people_named])
        )
        start, end = item.date_start, item.date_end
        if start is None and item.year_start:
            start = datetime.date(item.year_start, 1, 1)
        first_year = start.year if start else item.year_start
        last_year = end.year if end else item.year_end
        collection = item.collection
        places = item.search_places
        located = next((p for p in places if p.latitude is not None), None)
        return SearchData(
            doc_type=self.doc_type,
            object_id=item.pk,
            title=item.title,
            body=body,
            kind=item.kind,
            themes=[theme.name for theme in item.search_themes],
            places=[place.name for place in places],
            collections=[collection.name] if collection else [],
            decades=decades_between(first_year, last_year),
            date=start,
            date_label=item.date_label,
            url=page_url(item, context.get("root_paths")),
            thumbnail=thumbnail_url(item.cover_image),
            latitude=float(located.latitude) if located else None,
            longitude=float(located.longitude) if located and located.longitude else None,
        )


class EventSource(Source):
    doc_type = "event"
    label = "Événements du festival"

    def model(self):
        return EventPage

    def queryset(self):
        return (
            public_pages(EventPage.objects.live())
            .select_related("venue", "image")
            .prefetch_related("occurrences", thumbnails("image"))
            .order_by("pk")
        )

    def context(self, objects):
        parents = {event.path[: -Page.steplen] for event in objects if event.depth > 1}
        return {
            "root_paths": Site.get_site_root_paths(),
            "editions": {
                edition.path: edition for edition in EditionPage.objects.filter(path__in=parents)
            },
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
            url=page_url(event, context["root_paths"]),
            thumbnail=thumbnail_url(event.image),
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

    def for_parent(self, parent_id: int):
        return self.queryset().filter(interview__page_id=parent_id)

    def context(self, objects):
        """Each interview's item as the archive indexes it, and its chapters: a passage
        carries its item's facets and is titled by its chapter when no speaker is named."""
        page_ids = {segment.item_id for segment in objects}
        item_source = SOURCES["archive_item"]
        items = {
            item.object_id: item
            for item in item_source.iter_data(item_source.queryset().filter(pk__in=page_ids))
        }
        chapters: dict[int, list] = {}
        rows = (
            IndexSegment.objects.filter(interview_id__in={s.interview_id for s in objects})
            .order_by("start", "pk")
            .values_list("interview_id", "start", "end", "title")
        )
        for interview_id, start, end, title in rows:
            chapters.setdefault(interview_id, []).append((start, end, title))
        return {"items": items, "chapters": chapters}

    def iter_data(self, objects: Iterable | None = None) -> Iterator[SearchData]:
        # Passages of items the public may no longer see are left out.
        return (data for data in super().iter_data(objects) if data is not None)

    def build(self, segment, context) -> SearchData | None:
        item = context["items"].get(segment.item_id)
        if item is None:
            return None
        return self._build(segment, item, context["chapters"].get(segment.interview_id, []))

    def _build(self, segment, item: SearchData, chapters: list) -> SearchData:
        at = short_timecode(segment.start)
        chapter = next(
            (
                title
                for start, end, title in reversed(chapters)
                if start <= segment.start and (end is None or segment.start < end)
            ),
            "",
        )
        who = segment.speaker or chapter
        return SearchData(
            doc_type=self.doc_type,
            object_id=segment.pk,
            title=f"{who}, {at}" if who else gettext("Passage à %(time)s") % {"time": at},
            body=segment.text,
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
            timecode=segment.start / 1000,
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
            .prefetch_related(
                Prefetch(
                    "photos",
                    queryset=photos.select_related("image").prefetch_related(thumbnails("image")),
                )
            )
            .order_by("pk")
        )

    def build(self, project, context) -> SearchData:
        place = project.place
        latitude, longitude = project.position or (None, None)
        start = project.start_on or timezone.localdate(project.confirmed_at or project.created_at)
        end = project.end_on if project.end_on and project.end_on >= start else None
        when = start.strftime("%d/%m/%Y")
        if end is not None and end != start:
            when = f"{when} – {end:%d/%m/%Y}"
        photos = list(project.photos.all())
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
            thumbnail=thumbnail_url(photos[0].image) if photos else "",
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
