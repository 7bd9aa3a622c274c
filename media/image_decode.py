"""Decoding an uploaded photo within a fixed cost; no Django here, on purpose.

Two uses:

- ``inspect`` runs inside the web request (public form, admin uploaders): it reads the
  header, refuses what is too large, then reads the whole compressed data at the smallest
  scale the format allows (JPEG at 1/8 with libjpeg's draft mode: 1/64 of the memory), so a
  truncated or corrupt photo is refused at the field instead of failing later.
- ``clean`` runs in a process of its own for each photo: a memory ceiling (``RLIMIT_DATA``)
  is set before anything is decoded, a JPEG larger than the decoding budget is decoded
  directly at 1/2, 1/4 or 1/8, the picture is turned upright and written without any
  metadata. Whatever goes wrong, only that short-lived process pays for it.

  Run as a script, ``python -I image_decode.py`` is the decoder a web or worker
  process keeps (``media.sanitise``): it has Pillow loaded once, reads one request a line on
  its standard input (JSON: the photo's path, where to write it, the limits) and forks a
  child for each photo, killed past its time limit; it answers one line of JSON each (the
  photo's facts or why it is refused, and the child's peak memory). Forking a process that
  has Pillow loaded costs a few milliseconds, starting Python and importing Pillow a
  hundred.
"""

from __future__ import annotations

import json
import math
import os
import select
import signal
import sys
import time
import warnings

from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError
from pillow_heif import register_heif_opener

register_heif_opener()

# Pillow's own names for the formats we take; HEIC phones' photos are stored as JPEG,
# which every browser shows.
IMAGE_FORMATS = ("JPEG", "PNG", "WEBP", "HEIF")
STORED_FORMAT = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WEBP", "HEIF": "JPEG"}
# Only libjpeg decodes at a reduced size; the others are decoded whole, within the budget.
REDUCIBLE_FORMATS = ("JPEG",)
DRAFT_SCALES = (1, 2, 4, 8)


class Refused(Exception):
    """The photo cannot be taken; ``code`` says why, ``details`` give the numbers."""

    def __init__(self, code: str, **details):
        super().__init__(code)
        self.code = code
        self.details = details


def draft_scale(width: int, height: int, *, budget: int) -> int:
    """The smallest JPEG reduction (1, 2, 4, 8) that brings the picture within ``budget`` pixels."""
    for scale in DRAFT_SCALES:
        if math.ceil(width / scale) * math.ceil(height / scale) <= budget:
            return scale
    return DRAFT_SCALES[-1]


def _open(fp, *, max_pixels: int, decode_max_pixels: int) -> Image.Image:
    """Open ``fp`` and check its header only: format and pixel count, nothing decoded yet."""
    # Our check below replaces Pillow's at the header: the same rule, with the numbers the
    # French message gives. Pillow's stays on for what is decoded afterwards.
    guard, Image.MAX_IMAGE_PIXELS = Image.MAX_IMAGE_PIXELS, None
    try:
        image = Image.open(fp, formats=IMAGE_FORMATS)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise Refused("invalid_image") from error
    finally:
        Image.MAX_IMAGE_PIXELS = guard
    width, height = image.size
    frames = getattr(image, "n_frames", 1) or 1
    limit = max_pixels if image.format in REDUCIBLE_FORMATS else decode_max_pixels
    if width * height * frames > limit:
        raise Refused(
            "too_many_pixels",
            width=width,
            height=height,
            reducible=image.format in REDUCIBLE_FORMATS,
        )
    return image


def _guarded(function):
    """Decompression-bomb warnings are errors, and nothing truncated is quietly accepted."""

    def wrapper(*args, **kwargs):
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            previous = Image.MAX_IMAGE_PIXELS, ImageFile.LOAD_TRUNCATED_IMAGES
            Image.MAX_IMAGE_PIXELS = kwargs["max_pixels"]
            ImageFile.LOAD_TRUNCATED_IMAGES = False
            try:
                return function(*args, **kwargs)
            except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
                raise Refused("too_many_pixels") from error
            except MemoryError as error:
                raise Refused("too_heavy") from error
            except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as error:
                # The header was read (``_open`` passed): the data after it is missing or bad.
                raise Refused("damaged_image") from error
            finally:
                Image.MAX_IMAGE_PIXELS, ImageFile.LOAD_TRUNCATED_IMAGES = previous

    return wrapper


@_guarded
def inspect(fp, *, max_pixels: int, decode_max_pixels: int) -> tuple[str, int, int]:
    """Check a photo at the field, at a bounded cost; returns ``(format, width, height)``."""
    image = _open(fp, max_pixels=max_pixels, decode_max_pixels=decode_max_pixels)
    source_format, (width, height) = image.format, image.size
    if source_format == "JPEG":
        # Every byte of compressed data is read, but only 1/64 of the pixels are made.
        image.draft("RGB", (max(1, width // 8), max(1, height // 8)))
        image.load()
    else:
        # Chunk checksums and the final chunk (PNG), container structure (WebP, HEIF).
        image.verify()
    return source_format, width, height


@_guarded
def clean(source: str, dest: str, *, max_pixels: int, decode_max_pixels: int) -> dict:
    """Write the photo at ``source`` upright, without metadata, to ``dest``; returns its facts."""
    with open(source, "rb") as fp:
        image = _open(fp, max_pixels=max_pixels, decode_max_pixels=decode_max_pixels)
        source_format = image.format
        width, height = image.size
        if source_format == "JPEG":
            scale = draft_scale(width, height, budget=decode_max_pixels)
            if scale > 1:
                image.draft(image.mode, (math.ceil(width / scale), math.ceil(height / scale)))
        image.load()
    icc_profile = image.info.get("icc_profile")
    # In place: no copy unless it must turn; each later step frees the picture before it,
    # so at most two copies live at once.
    ImageOps.exif_transpose(image, in_place=True)
    target = STORED_FORMAT[source_format]
    if target == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    elif image.mode not in ("RGB", "RGBA", "L", "LA"):
        image = image.convert("RGBA")
    # Pixels only: no EXIF, XMP, IPTC, comments or text chunks reach the saved file.
    image.info = {}
    options: dict = {}
    if icc_profile:
        options["icc_profile"] = icc_profile  # colours, not identity
    if target == "JPEG":
        options.update(quality=92, optimize=True)
    elif target == "WEBP":
        options.update(quality=90)
    else:
        options.update(optimize=True)
    image.save(dest, target, **options)
    return {"format": target, "width": image.width, "height": image.height}


def _set_memory_ceiling(limit: int) -> None:
    import resource  # noqa: PLC0415 -- Unix only; only the decoding child sets a ceiling

    resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))


def _cleaned(source: str, dest: str, *, max_pixels: int, decode_max_pixels: int) -> dict:
    try:
        return clean(source, dest, max_pixels=max_pixels, decode_max_pixels=decode_max_pixels)
    except Refused as refusal:
        return {"refused": refusal.code, **refusal.details}


def clean_in_child(
    source: str, dest: str, *, max_pixels: int, decode_max_pixels: int, memory: int, timeout: float
) -> dict:
    """``clean`` in a child forked for this photo, under ``memory`` bytes and ``timeout``
    seconds; its facts, « too_heavy » when it was killed, crashed or ran out of time, and its
    peak resident memory (``peak_kb``)."""
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: decode, answer through the pipe, leave without cleanup
        status = 1
        try:
            os.close(reader)
            _set_memory_ceiling(memory)
            facts = _cleaned(
                source, dest, max_pixels=max_pixels, decode_max_pixels=decode_max_pixels
            )
            os.write(writer, json.dumps(facts).encode())
            status = 0
        finally:
            os._exit(status)
    os.close(writer)
    answer, timed_out = _read_until_closed(reader, deadline=time.monotonic() + timeout)
    if timed_out:
        os.kill(pid, signal.SIGKILL)
    _pid, status, usage = os.wait4(pid, 0)
    peak = {"peak_kb": usage.ru_maxrss}
    if timed_out or status != 0 or not answer:
        return {"refused": "too_heavy", "timed_out": timed_out, **peak}
    return {**json.loads(answer), **peak}


def _read_until_closed(fd: int, *, deadline: float) -> tuple[bytes, bool]:
    """What the child writes until it closes its end (by exiting); and whether time ran out."""
    parts = []
    try:
        while (left := deadline - time.monotonic()) > 0:
            if not select.select([fd], [], [], left)[0]:
                continue
            if not (part := os.read(fd, 65536)):
                return b"".join(parts), False
            parts.append(part)
        return b"".join(parts), True
    finally:
        os.close(fd)


def serve(requests, answers) -> None:
    """One photo a line of ``requests``, each cleaned in a child; one answer a line."""
    for line in requests:
        request = json.loads(line)
        answers.write(json.dumps(clean_in_child(**request)) + "\n")
        answers.flush()


if __name__ == "__main__":
    serve(sys.stdin, sys.stdout)
