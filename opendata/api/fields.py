"""The fields each model shows in the API, declared here rather than as ``api_fields`` on the
models: the archive and the festival (lower floors) then know nothing of the API, and what is
public is decided in one file a reviewer can read. Never a contributor's contact, consent or
full name, nor a page's history: only what the public page already shows."""

from __future__ import annotations

from rest_framework import serializers
from wagtail.api import APIField
from wagtail.api.v2.utils import get_full_url

from archive.models import ArchiveItemPage
from core.links import site_root
from festival.models import EditionPage, EventPage
from opendata.api.links import public_url
from opendata.dublin_core import item_dublin_core


class PublicURLField(serializers.Field):
    """A page's address on the configured site (``SITE_URL``), not the Wagtail site's own
    host name, which may still be ``localhost``."""

    def to_representation(self, page):
        return public_url(page.get_url(self.context["request"]))


class FileURLField(serializers.Field):
    """A stored file's address on the configured site (an image's original, GPS stripped)."""

    def to_representation(self, file):
        return public_url(file.url)


class NamedListField(serializers.Field):
    """A many-to-many (themes, places) as ``[{"id", "name", "slug"}]``, from the prefetch."""

    def to_representation(self, manager):
        return [{"id": obj.pk, "name": obj.name, "slug": obj.slug} for obj in manager.all()]


class RecordingField(serializers.Field):
    """The item's sound or video: what a player needs, no upload history."""

    def to_representation(self, media_file):
        if media_file is None:
            return None
        return {
            "title": media_file.title,
            "kind": media_file.kind,
            "mime_type": media_file.mime_type,
            "duration": media_file.duration,
            "url": get_full_url(self.context["request"], media_file.file.url),
        }


class OccurrencesField(serializers.Field):
    """An event's dates, in order, as ISO 8601 (UTC)."""

    def to_representation(self, manager):
        return [{"start": o.start.isoformat(), "end": o.end.isoformat()} for o in manager.all()]


class VenueField(serializers.Field):
    def to_representation(self, venue):
        if venue is None:
            return None
        return {"name": venue.name, "address": venue.address, "town": venue.town}


class DublinCoreField(serializers.Field):
    """The item in Dublin Core, from ``opendata.dublin_core`` (the one mapping)."""

    def to_representation(self, item):
        record = item_dublin_core(item=item, root=site_root())
        return {name: getattr(record, name) for name in record.ELEMENTS if name != "identifier"} | {
            "identifier": record.identifier
        }


PAGE_FIELDS: dict[type, list[APIField]] = {
    ArchiveItemPage: [
        APIField("kind"),
        APIField("summary"),
        APIField("story"),
        APIField("date_label"),
        APIField("date_start"),
        APIField("date_end"),
        APIField("year_start"),
        APIField("year_end"),
        APIField("credit"),
        APIField("licence"),
        APIField("cover_image"),
        APIField("media_file", serializer=RecordingField()),
        APIField("collection"),
        APIField("themes", serializer=NamedListField()),
        APIField("places", serializer=NamedListField()),
        APIField("dublin_core", serializer=DublinCoreField(source="*")),
    ],
    EditionPage: [
        APIField("year"),
        APIField("start_date"),
        APIField("end_date"),
        APIField("theme"),
        APIField("intro"),
        APIField("image"),
    ],
    EventPage: [
        APIField("category"),
        APIField("summary"),
        APIField("body"),
        APIField("venue", serializer=VenueField()),
        APIField("audience"),
        APIField("is_free"),
        APIField("price"),
        APIField("booking_required"),
        APIField("booking_url"),
        APIField("wheelchair_access"),
        APIField("sign_language"),
        APIField("audio_description"),
        APIField("quiet_space"),
        APIField("accessibility_notes"),
        APIField("image"),
        APIField("occurrences", serializer=OccurrencesField()),
    ],
}

# What a listing of one type shows besides the id, title and addresses (``?type=…``).
PAGE_LISTING_FIELDS: dict[type, list[str]] = {
    ArchiveItemPage: ["kind", "summary", "date_label", "licence"],
    EditionPage: ["year", "start_date", "end_date", "theme"],
    EventPage: ["category", "summary"],
}

# Read only one item at a time: the mapping reads the item's contributors and events.
PAGE_DETAIL_ONLY_FIELDS = ["dublin_core", "story", "body"]
