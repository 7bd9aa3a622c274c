"""Atom and RSS feeds a reader or a portal follows: new items of the archive, of each
collection, and the programme of the current festival edition.

Archive entries are read from ``opendata.dublin_core`` (the one mapping), so a feed says of an
item exactly what OAI-PMH and the JSON-LD say; only public items go in (``public_items``)."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils.feedgenerator import Atom1Feed
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from archive.models import ArchiveCollection, ArchiveIndexPage
from archive.selectors import collection_by_slug, public_items
from core.links import site_root
from core.page_privacy import public_pages
from festival.models import EditionPage, EventOccurrence, EventPage
from festival.selectors import current_edition, edition_events
from opendata.api.links import public_url
from opendata.dublin_core import DublinCore, dublin_core_items, items_dublin_core

LATEST = 30  # entries per feed: what a reader fetches often without a heavy answer


def _archive_url() -> str:
    index = public_pages(ArchiveIndexPage.objects.live()).first()
    return public_url(index.url if index else "/")


class ArchiveFeed(Feed):
    """The archive's newest public items, newest first (RSS 2.0)."""

    title = _("Gohelliades — nouveautés de l'archive des mémoires")
    description = _("Les derniers souvenirs, photos et témoignages publiés dans l'archive.")

    def link(self) -> str:
        return _archive_url()

    def public_items(self, obj):
        return public_items()

    def items(self, obj) -> list[DublinCore]:
        newest = dublin_core_items(self.public_items(obj)).order_by("-first_published_at")
        return list(items_dublin_core(items=newest[:LATEST], site_url=site_root()))

    def item_title(self, record: DublinCore) -> str:
        return record.title[0]

    def item_description(self, record: DublinCore) -> str:
        return record.description[0] if record.description else ""

    def item_link(self, record: DublinCore) -> str:
        return record.identifier

    def item_guid(self, record: DublinCore) -> str:
        return record.identifier

    def item_author_name(self, record: DublinCore) -> str:
        return ", ".join(record.creator)

    def item_categories(self, record: DublinCore) -> list[str]:
        return record.subject

    def item_pubdate(self, record: DublinCore):
        return record.modified

    def item_updateddate(self, record: DublinCore):
        return record.modified


class ArchiveAtomFeed(ArchiveFeed):
    feed_type = Atom1Feed
    subtitle = ArchiveFeed.description


class CollectionFeed(ArchiveFeed):
    """One collection's public items, newest first."""

    def get_object(self, request, slug: str) -> ArchiveCollection:
        return collection_by_slug(slug=slug)

    def title(self, collection: ArchiveCollection) -> str:
        return _("Gohelliades — collection « %(name)s »") % {"name": collection.name}

    def description(self, collection: ArchiveCollection) -> str:
        return collection.description or _("Les derniers éléments publiés dans cette collection.")

    def link(self, collection: ArchiveCollection) -> str:
        return _archive_url().rstrip("/") + f"/collections/{collection.slug}/"

    def public_items(self, collection: ArchiveCollection):
        return public_items().filter(collection=collection)


class CollectionAtomFeed(CollectionFeed):
    feed_type = Atom1Feed

    def subtitle(self, collection: ArchiveCollection) -> str:
        return self.description(collection)


class ProgrammeFeed(Feed):
    """The events of the current (or next) edition, in the order they are held."""

    def get_object(self, request) -> EditionPage:
        edition = current_edition()
        if edition is None:
            raise Http404(_("Aucune édition du festival n'est publiée."))
        return edition

    def title(self, edition: EditionPage) -> str:
        return _("Programme des %(title)s") % {"title": edition.title}

    def description(self, edition: EditionPage) -> str:
        return edition.theme or _("Le programme du festival des Gohelliades.")

    def link(self, edition: EditionPage) -> str:
        return public_url(f"{edition.url}programme/")

    def items(self, edition: EditionPage) -> list[EventPage]:
        events = edition_events(edition=edition).prefetch_related("occurrences")
        return sorted(events, key=self._first_start)

    @staticmethod
    def _first_start(event: EventPage):
        starts = [occurrence.start for occurrence in event.occurrences.all()]
        return (not starts, min(starts) if starts else None, event.title)

    def item_title(self, event: EventPage) -> str:
        return event.title

    def item_description(self, event: EventPage) -> str:
        occurrences: list[EventOccurrence] = sorted(
            event.occurrences.all(), key=lambda occurrence: occurrence.start
        )
        dates = ", ".join(
            date_format(localtime(occurrence.start), "SHORT_DATETIME_FORMAT")
            for occurrence in occurrences
        )
        return f"{event.summary} {dates}".strip() if dates else event.summary

    def item_link(self, event: EventPage) -> str:
        return public_url(event.url)

    def item_pubdate(self, event: EventPage):
        return event.first_published_at

    def item_updateddate(self, event: EventPage):
        return event.last_published_at


class ProgrammeAtomFeed(ProgrammeFeed):
    feed_type = Atom1Feed

    def subtitle(self, edition: EditionPage) -> str:
        return self.description(edition)
