"""Renditions and the admin preview made at a bounded cost.

A rendition much smaller than its JPEG original is made from a copy that libjpeg decodes
directly at 1/2, 1/4 or 1/8 of the size (draft mode): a 320-pixel thumbnail of a 24-million
pixel photo decodes 0.4 million pixels, not 24. The admin's preview (the URL generator,
``/admin/images/<id>/preview/<spec>/``) takes only what that generator builds: one
operation, sides of at most ``PREVIEW_MAX_SIDE`` pixels.
"""

from __future__ import annotations

import copy
import io
import math
from tempfile import SpooledTemporaryFile

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.http import FileResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.images.exceptions import InvalidFilterSpecError
from wagtail.images.forms import URLGeneratorForm
from wagtail.images.models import Filter
from wagtail.permissions import policy_registry

from media.image_decode import DRAFT_SCALES

# The preview is looked at in the admin page, never used as a file: this is enough.
PREVIEW_MAX_SIDE = 2000
PREVIEW_SPEC_MAX_LENGTH = 64
FOCAL_POINT_FIELDS = ("focal_point_x", "focal_point_y", "focal_point_width", "focal_point_height")


def reduced_source(*, image, filter: Filter) -> tuple[object, File] | None:
    """``(proxy, file)``: the JPEG original decoded at the largest reduction the rendition allows.

    ``proxy`` is a copy of ``image`` whose size and focal point are scaled to match, so
    Wagtail's operations crop the same region. ``None`` when a reduction would not help."""
    if not image.width or not image.height or image.is_svg():
        return None
    transform = filter.get_transform(image)
    rect = transform.get_rect()
    target_width, target_height = transform.size
    room = min(rect.width / max(target_width, 1), rect.height / max(target_height, 1))
    scale = max((s for s in DRAFT_SCALES if s <= room), default=1)
    if scale < 2:
        return None
    with image.open_file() as original:
        picture = PILImage.open(original)
        if picture.format != "JPEG":
            return None
        picture.draft(
            picture.mode, (math.ceil(image.width / scale), math.ceil(image.height / scale))
        )
        picture.load()
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=95)
    buffer.seek(0)
    factor = picture.width / image.width
    proxy = copy.copy(image)
    proxy.width, proxy.height = picture.size
    for field in FOCAL_POINT_FIELDS:
        value = getattr(image, field)
        if value is not None:
            setattr(proxy, field, max(1, round(value * factor)))
    return proxy, File(buffer, name=image.file.name)


def _preview_refused(message: str) -> HttpResponseBadRequest:
    return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")


def image_preview(request, image_id: int, filter_spec: str):
    """Wagtail's URL-generator preview, refusing specs it would not build and huge sizes."""
    model = get_image_model()
    image = get_object_or_404(model, id=image_id)
    policy = policy_registry.get_by_type(model)
    if not policy.user_has_permission_for_instance(request.user, "change", image):
        raise PermissionDenied
    if len(filter_spec) > PREVIEW_SPEC_MAX_LENGTH or "|" in filter_spec:
        return _preview_refused(_("Aperçu refusé : une seule opération à la fois."))
    try:
        image_filter = Filter(spec=filter_spec)
        operations = image_filter.operations
    except (InvalidFilterSpecError, ValueError):
        return _preview_refused(_("Aperçu refusé : opération inconnue."))
    if [op.method for op in operations] not in [[m] for m in URLGeneratorForm.FilterChoices.values]:
        return _preview_refused(_("Aperçu refusé : opération inconnue."))
    sides = [getattr(operations[0], name, 0) or 0 for name in ("width", "height", "size")]
    if max(sides) > PREVIEW_MAX_SIDE:
        return _preview_refused(
            _("Aperçu refusé : %(max)s pixels de côté au plus.") % {"max": PREVIEW_MAX_SIDE}
        )
    if operations[0].method == "original":
        # The original at full size is the file itself; the preview shows it within bounds.
        image_filter = Filter(spec=f"max-{PREVIEW_MAX_SIDE}x{PREVIEW_MAX_SIDE}")
    output = SpooledTemporaryFile(max_size=settings.FILE_UPLOAD_MAX_MEMORY_SIZE)  # noqa: SIM115
    reduced = reduced_source(image=image, filter=image_filter)
    if reduced is not None:
        proxy, source = reduced
        result = image_filter.run(proxy, output, source=source)
    else:
        result = image_filter.run(image, output)
    output.seek(0)
    response = FileResponse(output)
    response["Content-Type"] = "image/" + result.format_name
    return response
