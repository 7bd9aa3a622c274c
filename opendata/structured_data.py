"""What search engines and social networks read of a public page: schema.org JSON-LD for
archive items and collections, a meta description and Open Graph for every public page.

Archive items are described from ``opendata.dublin_core`` (the one mapping): the creator is
the name the contributor chose to show, never a full name or a contact. Festival pages keep
their own (``festival.structured_data``)."""

from __future__ import annotations

from django.utils.html import strip_tags
from django.utils.text import Truncator

from archive.models import ArchiveCollection, ArchiveItemPage, ItemKind
from archive.transcripts.selectors import public_transcript_text
from core.links import site_root
from media.models import MediaKind
from opendata.api.links import public_url
from opendata.dublin_core import LANGUAGE, PUBLISHER, item_dublin_core

SHARE_IMAGE_SPEC = "fill-1200x630"
SITE_NAME = "Gohelliades — Loos-en-Gohelle"


def page_description(page) -> str:
    """The page's summary in one or two sentences: its own, else its summary or intro."""
    for attribute in ("search_description", "summary", "theme", "intro", "description"):
        text = short_description(str(getattr(page, attribute, "") or ""))
        if text:
            return text
    return ""


def _share_image(page):
    return getattr(page, "cover_image", None) or getattr(page, "image", None)


def short_description(text: str) -> str:
    """A description for a page's head: plain text on one line, 300 characters at most."""
    return Truncator(" ".join(strip_tags(text).split())).chars(300)


def open_graph_of(*, title: str, description: str, path: str, kind: str = "website") -> dict:
    """The Open Graph properties every public page has, Wagtail's or not (a project, a talk)."""
    return {
        "og:type": kind,
        "og:site_name": SITE_NAME,
        "og:locale": "fr_FR",
        "og:title": title,
        "og:description": description,
        "og:url": public_url(path),
    }


def open_graph(*, page) -> dict[str, str]:
    """Open Graph properties of a public page (``og:title``, ``og:image``…)."""
    data = open_graph_of(
        title=page.seo_title or page.title,
        description=page_description(page),
        path=page.url,
        kind="article" if isinstance(page, ArchiveItemPage) else "website",
    )
    image = _share_image(page)
    if image is not None:
        rendition = image.get_rendition(SHARE_IMAGE_SPEC)
        data["og:image"] = public_url(rendition.url)
        data["og:image:width"] = str(rendition.width)
        data["og:image:height"] = str(rendition.height)
        data["og:image:alt"] = image.description or image.title
    return data


def _schema_type(item: ArchiveItemPage) -> str:
    if item.kind == ItemKind.PHOTO:
        return "Photograph"
    if item.kind == ItemKind.ORAL_HISTORY:
        video = item.media_file_id and item.media_file.kind == MediaKind.VIDEO
        return "VideoObject" if video else "AudioObject"
    return "CreativeWork"


def item_json_ld(*, item: ArchiveItemPage) -> dict:
    """The item as a schema.org ``CreativeWork`` (``Photograph``, ``AudioObject`` or
    ``VideoObject`` with its transcript), from its Dublin Core record."""
    root = site_root()
    record = item_dublin_core(item=item, root=root)
    data: dict = {
        "@context": "https://schema.org",
        "@type": _schema_type(item),
        "@id": record.identifier,
        "url": record.identifier,
        "name": record.title[0],
        "inLanguage": LANGUAGE,
        "publisher": {"@type": "Organization", "name": PUBLISHER, "url": f"{root}/"},
        "genre": record.type[1] if len(record.type) > 1 else record.type[0],
    }
    if item.summary:
        data["description"] = item.summary
    if record.creator:
        data["creator"] = [{"@type": "Person", "name": name} for name in record.creator]
    if record.date:
        data["temporalCoverage"] = record.date[0]
    if record.subject:
        data["keywords"] = record.subject
    places = [place.name for place in item.places.all()]
    if places:
        data["contentLocation"] = [{"@type": "Place", "name": name} for name in places]
    licences = [right for right in record.rights if right.startswith("http")]
    data["license"] = licences[0] if licences else record.rights[0]
    if item.collection_id:
        data["isPartOf"] = {
            "@type": "Collection",
            "name": item.collection.name,
            "url": collection_url(collection=item.collection, item=item),
        }
    image = item.cover_image
    if image is not None:
        data["image"] = public_url(image.get_rendition(SHARE_IMAGE_SPEC).url)
    if item.media_file_id:
        data["contentUrl"] = public_url(item.media_file.file.url)
        data["encodingFormat"] = item.media_file.mime_type
        if item.media_file.duration:
            data["duration"] = f"PT{int(item.media_file.duration)}S"
    if item.kind == ItemKind.ORAL_HISTORY:
        transcript = public_transcript_text(item=item)
        if transcript:
            data["transcript"] = transcript
    if item.first_published_at:
        data["datePublished"] = item.first_published_at.date().isoformat()
    if record.modified:
        data["dateModified"] = record.modified.isoformat()
    return data


def collection_url(*, collection: ArchiveCollection, item: ArchiveItemPage) -> str:
    """The collection's page under the archive's index the item belongs to."""
    return public_url(f"{item.get_parent().url}collections/{collection.slug}/")


def collection_json_ld(*, collection: ArchiveCollection, url: str, items) -> dict:
    """A collection as a schema.org ``Collection`` listing its public items."""
    data = {
        "@context": "https://schema.org",
        "@type": "Collection",
        "name": collection.name,
        "url": public_url(url),
        "inLanguage": LANGUAGE,
        "hasPart": [
            {"@type": "CreativeWork", "name": item.title, "url": public_url(item.url)}
            for item in items
        ],
    }
    if collection.description:
        data["description"] = collection.description
    return data
