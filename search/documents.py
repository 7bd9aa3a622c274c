"""What the engine stores: one mapping shared by archive items, transcript segments, events
and fifty-fifty projects.

They live in one index so that a single query ranks them together and counts facets across
them; ``doc_type`` tells them apart. Each ``Document`` subclass names its type; the data comes
from ``search.sources`` so that the database fallback indexes exactly the same fields.
"""

from django.conf import settings
from elasticsearch.dsl import (
    Completion,
    Date,
    Document,
    Float,
    GeoPoint,
    Index,
    Integer,
    Keyword,
    Text,
)

from search import analysis

REFRESH_INTERVAL = "1s"
# While a rebuild fills a new index: no copies to keep in step, no segments made every second.
BUILDING_SETTINGS = {"number_of_replicas": 0, "refresh_interval": "-1"}


def live_settings() -> dict:
    """What an index answering searches runs with (and a rebuilt one is given back)."""
    return {
        "number_of_replicas": settings.ELASTICSEARCH_REPLICAS,
        "refresh_interval": REFRESH_INTERVAL,
    }


class ContentDocument(Document):
    """Fields every searchable thing has; subclasses only fix ``doc_type``."""

    doc_type = Keyword()
    object_id = Integer()
    title = Text(
        analyzer=analysis.french_index,
        search_analyzer=analysis.french_search,
        fields={
            "autocomplete": Text(
                analyzer=analysis.autocomplete_index,
                search_analyzer=analysis.autocomplete_search,
            ),
            "raw": Keyword(),
        },
        copy_to="spelling",
    )
    body = Text(
        analyzer=analysis.french_index,
        search_analyzer=analysis.french_search,
        copy_to="spelling",
    )
    # "Did you mean": the words of titles and texts as written, and their phrases, so that the
    # suggester weighs « sainte barbe » (a phrase of a title) above « saint barbe » (two words
    # the index holds apart), as the database does (``search.fallback._phrase_suggestion``).
    spelling = Text(
        analyzer=analysis.spelling,
        fields={"phrases": Text(analyzer=analysis.spelling_phrases)},
    )
    kind = Keyword()
    themes = Keyword()
    places = Keyword()
    collections = Keyword()
    edition = Keyword()
    decades = Keyword()
    date = Date()
    date_label = Keyword(index=False)
    url = Keyword(index=False)
    thumbnail = Keyword(index=False)
    location = GeoPoint()
    timecode = Float()
    parent_title = Keyword(index=False)
    parent_id = Integer()
    suggest = Completion(analyzer=analysis.autocomplete_search)


class ArchiveItemDocument(ContentDocument):
    DOC_TYPE = "archive_item"


class TranscriptSegmentDocument(ContentDocument):
    DOC_TYPE = "segment"


class EventDocument(ContentDocument):
    DOC_TYPE = "event"


class ProjectDocument(ContentDocument):
    DOC_TYPE = "project"


def content_index(name: str, *, building: bool = False) -> Index:
    """The index definition (settings, analysis, mapping) under a concrete, versioned name;
    ``building``: set up to be filled in bulk (``live_settings`` restores it)."""
    index = Index(name)
    index.settings(number_of_shards=1, **(BUILDING_SETTINGS if building else live_settings()))
    index.document(ContentDocument)
    return index
