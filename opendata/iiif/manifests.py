"""IIIF Presentation 3 manifests and collections of the archive, built with iiif-prezi3.

Labels and metadata come from the one Dublin Core mapping (``opendata.dublin_core``), in French
language maps. A photo item has one canvas per picture, served by the Image API
(``opendata.iiif.images``); an oral history has one audio or video canvas whose duration is the
sum of its tapes, each tape painted on its stretch of the time line (``#t=start,end``), the
transcript as supplementing annotations and the chapter index as ranges."""

from __future__ import annotations

import json

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from iiif_prezi3 import (
    Annotation,
    AnnotationPage,
    Canvas,
    Collection,
    KeyValueString,
    Manifest,
    ManifestRef,
    Range,
)

from archive.models import ArchiveCollection, ArchiveItemPage
from media.models import CustomImage, Licence, MediaKind
from opendata.dublin_core import LANGUAGE, LICENCE_URLS, PUBLISHER, item_dublin_core
from opendata.iiif.images import CONSULTATION_MAX_SIDE, MAX_SIDE, public_size
from opendata.iiif.selectors import item_interview, served_ids

PRESENTATION_CONTEXT = "http://iiif.io/api/presentation/3/context.json"
# IIIF accepts Creative Commons or RightsStatements.org addresses only.
IN_COPYRIGHT = "http://rightsstatements.org/vocab/InC/1.0/"


def _lang(*values: str) -> dict[str, list[str]]:
    return {LANGUAGE: [value for value in values if value]}


def _metadata_labels() -> dict[str, str]:
    return {
        "creator": _("Auteur"),
        "date": _("Date"),
        "subject": _("Thèmes"),
        "coverage": _("Lieux et époque"),
        "type": _("Nature"),
        "relation": _("Voir aussi"),
        "publisher": _("Éditeur"),
        "rights": _("Droits"),
    }


def item_rights(licence: str) -> str:
    return LICENCE_URLS.get(licence, IN_COPYRIGHT)


def manifest_url(*, item: ArchiveItemPage, root: str) -> str:
    return root + reverse("iiif:manifest", args=[item.pk])


def image_service_url(*, image: CustomImage, root: str) -> str:
    return root + reverse("iiif:image_base", args=[image.pk])


def _seconds(milliseconds: int) -> str:
    return f"{milliseconds / 1000:g}"


def _image_canvas(*, canvas_id: str, image: CustomImage, label: str, max_side: int, root: str):
    width, height = public_size(width=image.width, height=image.height, max_side=max_side)
    service = image_service_url(image=image, root=root)
    canvas = Canvas(id=canvas_id, label=_lang(label), width=width, height=height, items=[])
    body = {
        "id": f"{service}/full/max/0/default.jpg",
        "type": "Image",
        "format": "image/jpeg",
        "width": width,
        "height": height,
        "service": [{"id": service, "type": "ImageService3", "profile": "level1"}],
    }
    canvas.items = [
        AnnotationPage(
            id=f"{canvas_id}/page",
            items=[
                Annotation(
                    id=f"{canvas_id}/page/image",
                    motivation="painting",
                    body=body,
                    target=canvas_id,
                )
            ],
        )
    ]
    return canvas


def _pictures(item: ArchiveItemPage) -> list[tuple[CustomImage, str]]:
    """The item's pictures in page order: the cover, then the gallery, each once."""
    pictures = []
    if item.cover_image_id:
        pictures.append((item.cover_image, item.cover_image.default_alt_text or item.title))
    for entry in item.gallery_images.all():
        if all(entry.image_id != image.pk for image, _label in pictures):
            pictures.append((entry.image, entry.caption or entry.image.default_alt_text))
    served = served_ids(kind="image", ids=[image.pk for image, _label in pictures])
    return [(image, label) for image, label in pictures if image.pk in served]


def _tapes(item: ArchiveItemPage) -> list[tuple[object, int, str]]:
    """``(media file, duration in ms, title)`` of each recording the public may hear."""
    interview = item_interview(item)
    tapes = []
    if interview is not None:
        tapes = [
            (tape.media_file, tape.duration_ms, tape.title)
            for tape in interview.tapes.all()
            if tape.media_file_id and tape.duration_ms
        ]
    if not tapes and item.media_file_id and item.media_file.duration:
        tapes = [(item.media_file, round(item.media_file.duration * 1000), "")]
    served = served_ids(kind="media_file", ids=[media.pk for media, _d, _t in tapes])
    return [tape for tape in tapes if tape[0].pk in served]


def _av_canvas(*, item: ArchiveItemPage, manifest_id: str, root: str):
    """One time line for all the tapes, the transcript and the chapter index on it."""
    tapes = _tapes(item)
    if not tapes:
        return None, []
    canvas_id = f"{manifest_id.removesuffix('/manifest.json')}/canvas/recording"
    duration = sum(length for _media, length, _title in tapes)
    canvas = Canvas(id=canvas_id, label=_lang(item.title), duration=duration / 1000, items=[])
    paintings, start = [], 0
    for number, (media, length, _title) in enumerate(tapes, start=1):
        end = start + length
        body = {
            "id": root + media.file.url,
            "type": "Video" if media.kind == MediaKind.VIDEO else "Sound",
            "format": media.mime_type,
            "duration": length / 1000,
        }
        paintings.append(
            Annotation(
                id=f"{canvas_id}/page/tape-{number}",
                motivation="painting",
                body=body,
                target=f"{canvas_id}#t={_seconds(start)},{_seconds(end)}",
            )
        )
        start = end
    canvas.items = [AnnotationPage(id=f"{canvas_id}/page", items=paintings)]
    interview = item_interview(item)
    ranges = []
    if interview is not None:
        segments = [
            Annotation(
                id=f"{canvas_id}/transcript/{segment.pk}",
                motivation="supplementing",
                body={
                    "type": "TextualBody",
                    "value": segment.text,
                    "format": "text/plain",
                    "language": interview.language or LANGUAGE,
                },
                target=f"{canvas_id}#t={_seconds(segment.start)},{_seconds(segment.end)}",
            )
            for segment in interview.segments.all()
        ]
        if segments:
            canvas.annotations = [
                AnnotationPage(
                    id=f"{canvas_id}/transcript",
                    label=_lang(_("Transcription")),
                    items=segments,
                )
            ]
        for chapter in interview.index_segments.all():
            end = chapter.end if chapter.end is not None else duration
            ranges.append(
                Range(
                    id=f"{manifest_id.removesuffix('/manifest.json')}/range/{chapter.pk}",
                    label=_lang(chapter.title),
                    items=[
                        {
                            "id": f"{canvas_id}#t={_seconds(chapter.start)},{_seconds(end)}",
                            "type": "Canvas",
                        }
                    ],
                )
            )
    return canvas, ranges


def item_manifest(*, item: ArchiveItemPage, root: str) -> dict | None:
    """The manifest of a public item (``selectors.manifest_item``); ``None`` when it has no
    picture nor recording the public may see."""
    with translation.override(LANGUAGE):
        return _item_manifest(item=item, root=root)


def _item_manifest(*, item: ArchiveItemPage, root: str) -> dict | None:
    record = item_dublin_core(item=item, root=root)
    manifest_id = manifest_url(item=item, root=root)
    base = manifest_id.removesuffix("/manifest.json")
    max_side = CONSULTATION_MAX_SIDE if item.licence == Licence.ALL_RIGHTS_RESERVED else MAX_SIDE
    canvases, ranges = [], []
    recording, ranges = _av_canvas(item=item, manifest_id=manifest_id, root=root)
    if recording is not None:
        canvases.append(recording)
    canvases.extend(
        _image_canvas(
            canvas_id=f"{base}/canvas/{image.pk}",
            image=image,
            label=label,
            max_side=max_side,
            root=root,
        )
        for image, label in _pictures(item)
    )
    if not canvases:
        return None
    labels = _metadata_labels()
    metadata = []
    for element, label in labels.items():
        values = [value for name, value in record.elements() if name == element]
        if values:
            metadata.append(KeyValueString(label=_lang(label), value=_lang(*values)))
    credit = ", ".join(record.creator) or PUBLISHER
    manifest = Manifest(
        id=manifest_id,
        label=_lang(*record.title),
        summary=_lang(*record.description) if any(record.description) else None,
        metadata=metadata,
        requiredStatement=KeyValueString(label=_lang(_("Crédit")), value=_lang(credit)),
        rights=item_rights(item.licence),
        homepage=[
            {
                "id": record.identifier,
                "type": "Text",
                "label": _lang(item.title),
                "format": "text/html",
                "language": [LANGUAGE],
            }
        ],
        provider=[
            {
                "id": root + "/",
                "type": "Agent",
                "label": _lang(PUBLISHER),
                "homepage": [{"id": root + "/", "type": "Text", "label": _lang(PUBLISHER)}],
            }
        ],
        items=canvases,
        structures=ranges or None,
    )
    return _jsonld(manifest)


def collection_manifest(
    *, collection: ArchiveCollection, items: list[ArchiveItemPage], root: str
) -> dict:
    """An archive collection as a IIIF collection of its items' manifests."""
    with translation.override(LANGUAGE):
        iiif_collection = Collection(
            id=root + reverse("iiif:collection", args=[collection.slug]),
            label=_lang(collection.name),
            summary=_lang(collection.description) if collection.description else None,
            requiredStatement=KeyValueString(label=_lang(_("Éditeur")), value=_lang(PUBLISHER)),
            items=[
                ManifestRef(
                    id=manifest_url(item=item, root=root), type="Manifest", label=_lang(item.title)
                )
                for item in items
            ],
        )
        return _jsonld(iiif_collection)


def _jsonld(resource) -> dict:
    """The resource as JSON-LD, the Presentation 3 context first."""
    data = json.loads(resource.json(exclude_none=True))
    return {"@context": PRESENTATION_CONTEXT, **data}
