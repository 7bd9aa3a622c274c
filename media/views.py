"""Uploaded files served by Django itself, for the embedded default only; and the check nginx
makes before it hands out a file of the bucket in production (``media_check``): both answer
through ``media.visibility``, so a hidden item's photo is refused by both.

Django's ``static.serve`` ignores ``Range`` requests, and without them a browser cannot seek
in a recording it has not downloaded whole: a link to 1:02:10 of an interview would start at
zero. nginx and S3 answer ranges in production; this does the same on ``make run``."""

import mimetypes
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.utils._os import safe_join
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from media.visibility import file_audience

RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
# Longest part sent for one range: a player asks for "bytes=0-" and then for what it lacks,
# so a 500 MB video never sits in memory whole.
MAX_PART = 8 * 1024 * 1024


def _byte_range(header: str, size: int) -> tuple[int, int] | None:
    """``(first, last)`` of a single ``bytes=`` range, inclusive; ``None`` if unusable."""
    match = RANGE.match(header.strip())
    if not match or match.groups() == ("", ""):
        return None
    first, last = match.groups()
    if first == "":  # the last N bytes
        length = int(last)
        return (max(0, size - length), size - 1) if length else None
    start = int(first)
    end = min(int(last), size - 1) if last else size - 1
    return (start, end) if start <= end else None


@require_safe
def serve_media(request: HttpRequest, path: str) -> HttpResponse:
    try:
        full_path = Path(safe_join(settings.MEDIA_ROOT, path))
    except SuspiciousFileOperation as error:  # outside MEDIA_ROOT
        raise Http404 from error
    audience = file_audience(path, user=request.user) if full_path.is_file() else None
    if audience is None:
        raise Http404
    size = full_path.stat().st_size
    content_type = mimetypes.guess_type(full_path.name)[0] or "application/octet-stream"
    header = request.headers.get("Range", "")
    byte_range = _byte_range(header, size) if header else None
    if header and byte_range is None:
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
        return response
    if byte_range is None:
        response = FileResponse(full_path.open("rb"), content_type=content_type)
    else:
        first, last = byte_range
        last = min(last, first + MAX_PART - 1)
        with full_path.open("rb") as handle:
            handle.seek(first)
            part = handle.read(last - first + 1)
        response = HttpResponse(part, status=206, content_type=content_type)
        response["Content-Range"] = f"bytes {first}-{last}/{size}"
    response["Accept-Ranges"] = "bytes"
    if audience == "private":
        patch_cache_control(response, private=True, no_store=True)
    return response


@require_safe
def media_check(request: HttpRequest) -> HttpResponse:
    """nginx's ``auth_request`` for ``/media/…`` (deploy/nginx): 204 serves the file, 403 (which
    nginx turns into its plain 404) refuses it. The file asked for is in ``X-Original-URI``."""
    original = urlsplit(request.headers.get("X-Original-URI", "")).path
    prefix = urlsplit(settings.MEDIA_URL).path or "/media/"
    if not original.startswith(prefix):
        return HttpResponse(status=403)
    path = unquote(original.removeprefix(prefix))
    audience = None if ".." in path.split("/") else file_audience(path, user=request.user)
    if audience is None:
        return HttpResponse(status=403)
    response = HttpResponse(status=204)
    if audience == "private":
        # nginx copies it onto the file (``auth_request_set``): a file only the team may see
        # is never kept by a cache for the next visitor.
        response["X-Media-Cache-Control"] = "private, no-store"
    return response
