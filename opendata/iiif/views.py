"""IIIF endpoints: JSON for any viewer, on any site (CORS open), 404 for what is not public."""

from __future__ import annotations

from django.http import (
    FileResponse,
    Http404,
    HttpResponseBadRequest,
    HttpResponseRedirect,
    JsonResponse,
)
from django.views.decorators.http import require_GET

from core.links import site_root
from opendata.iiif.images import (
    CONTEXT,
    PROFILE_LINK,
    ImageRequestError,
    image_info,
    image_request_parse,
)
from opendata.iiif.manifests import (
    PRESENTATION_CONTEXT,
    collection_manifest,
    image_service_url,
    item_manifest,
    item_rights,
)
from opendata.iiif.selectors import collection_with_items, manifest_item, public_image

# Viewers are web pages of other sites: every IIIF answer may be read from anywhere.
CORS_HEADER = "Access-Control-Allow-Origin"
MAX_AGE = "public, max-age=3600"


def _root(request) -> str:
    return site_root(request.build_absolute_uri("/"))


def _json(data: dict, *, context: str) -> JsonResponse:
    response = JsonResponse(
        data,
        content_type=f'application/ld+json;profile="{context}"',
        json_dumps_params={"ensure_ascii": False},
    )
    response[CORS_HEADER] = "*"
    return response


@require_GET
def manifest(request, item_id: int):
    item = manifest_item(pk=item_id)
    data = item_manifest(item=item, root=_root(request))
    if data is None:
        raise Http404
    return _json(data, context=PRESENTATION_CONTEXT)


@require_GET
def collection(request, slug: str):
    archive_collection, items = collection_with_items(slug=slug)
    data = collection_manifest(collection=archive_collection, items=items, root=_root(request))
    return _json(data, context=PRESENTATION_CONTEXT)


@require_GET
def image_base(request, image_id: int):
    """The service's own address leads to its description, as the Image API asks (an image
    the public may not have: 404, like its description)."""
    public_image(pk=image_id)
    response = HttpResponseRedirect(f"{request.path}/info.json", status=303)
    response[CORS_HEADER] = "*"
    return response


@require_GET
def info(request, image_id: int):
    picture = public_image(pk=image_id)
    data = image_info(
        service_id=image_service_url(image=picture.image, root=_root(request)),
        width=picture.width,
        height=picture.height,
        rights=item_rights(picture.licence),
    )
    response = _json(data, context=CONTEXT)
    response["Link"] = PROFILE_LINK
    return response


@require_GET
def image(request, image_id: int, region: str, size: str, rotation: str, quality: str, fmt: str):
    picture = public_image(pk=image_id)
    try:
        wanted = image_request_parse(
            width=picture.width,
            height=picture.height,
            region=region,
            size=size,
            rotation=rotation,
            quality=quality,
            format=fmt,
        )
    except ImageRequestError as error:
        response = HttpResponseBadRequest(
            f"Requête IIIF non prise en charge ({error}).", content_type="text/plain; charset=utf-8"
        )
        response[CORS_HEADER] = "*"
        return response
    rendition = picture.image.get_rendition(wanted.filter_spec)
    response = FileResponse(rendition.file.open("rb"), content_type="image/jpeg")
    response[CORS_HEADER] = "*"
    response["Link"] = PROFILE_LINK
    response["Cache-Control"] = MAX_AGE
    return response
