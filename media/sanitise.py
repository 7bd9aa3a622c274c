"""Uploaded files checked by what they contain, never by their name or declared type.

Images are decoded within size and pixel limits, turned upright, then re-encoded without
any metadata (EXIF with GPS, XMP, IPTC, comments): the stored original is clean, so every
rendition made from it is clean too. Audio and video are recognised by their first bytes,
limited in size, stripped of their tags where the format allows, and named by us.
"""

from __future__ import annotations

import atexit
import io
import json
import logging
import os
import select
import subprocess
import sys
import tempfile
import threading
import uuid
from dataclasses import dataclass

import filetype
import mutagen
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from media import image_decode

logger = logging.getLogger(__name__)

EXTENSION = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}

# What a browser can play, by the MIME type the content reveals.
AUDIO_VIDEO_TYPES = {
    "audio/mpeg": ("audio", "mp3"),
    "audio/mp4": ("audio", "m4a"),
    "audio/x-m4a": ("audio", "m4a"),
    "audio/ogg": ("audio", "ogg"),
    "audio/x-wav": ("audio", "wav"),
    "audio/x-flac": ("audio", "flac"),
    "audio/aac": ("audio", "aac"),
    "video/mp4": ("video", "mp4"),
    "video/quicktime": ("video", "mov"),
    "video/webm": ("video", "webm"),
    "video/3gpp": ("video", "3gp"),
}


def image_max_bytes() -> int:
    return settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE


def image_max_pixels() -> int:
    """Pixels a photo may have (header), from ``MEDIA_IMAGE_MAX_MEGAPIXELS``."""
    return int(settings.MEDIA_IMAGE_MAX_MEGAPIXELS * 1_000_000)


def image_decode_max_pixels() -> int:
    """Pixels decoded at full size at most; also the limit for formats libjpeg cannot reduce."""
    return int(settings.MEDIA_IMAGE_DECODE_MAX_MEGAPIXELS * 1_000_000)


def audio_video_max_bytes() -> int:
    return settings.MEDIA_AUDIO_VIDEO_MAX_UPLOAD_SIZE


@dataclass(frozen=True)
class CleanImage:
    content: ContentFile
    format: str
    width: int
    height: int


@dataclass(frozen=True)
class CleanAudioVideo:
    content: ContentFile
    kind: str  # "audio" or "video"
    mime_type: str
    duration: float | None


def _read(upload, *, limit: int, what: str) -> bytes:
    _check_size(upload, limit=limit, what=what)
    if hasattr(upload, "seek"):
        upload.seek(0)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise ValidationError(
            _("Ce fichier dépasse %(limit)s, la taille permise pour %(what)s.")
            % {"limit": filesizeformat(limit), "what": what},
            code="file_too_large",
        )
    if not data:
        raise ValidationError(_("Ce fichier est vide."), code="empty")
    return data


def _check_size(upload, *, limit: int, what: str) -> None:
    size = getattr(upload, "size", None)
    if size is not None and size > limit:
        raise ValidationError(
            _("Ce fichier pèse %(size)s : %(what)s ne doit pas dépasser %(limit)s.")
            % {"size": filesizeformat(size), "what": what, "limit": filesizeformat(limit)},
            code="file_too_large",
        )
    if size == 0:
        raise ValidationError(_("Ce fichier est vide."), code="empty")


def _pixel_limits_text() -> str:
    return _(
        "au plus %(jpeg)s millions de pixels pour une photo JPEG, %(other)s millions pour "
        "les autres formats"
    ) % {
        "jpeg": f"{settings.MEDIA_IMAGE_MAX_MEGAPIXELS:g}",
        "other": f"{settings.MEDIA_IMAGE_DECODE_MAX_MEGAPIXELS:g}",
    }


def image_pixel_limits_sentence() -> str:
    """The pixel limits as a sentence for a form's help text."""
    return _(
        "Au plus %(jpeg)s millions de pixels pour une photo JPEG, %(other)s millions pour les "
        "autres formats."
    ) % {
        "jpeg": f"{settings.MEDIA_IMAGE_MAX_MEGAPIXELS:g}",
        "other": f"{settings.MEDIA_IMAGE_DECODE_MAX_MEGAPIXELS:g}",
    }


def _refusal(code: str, details: dict | None = None) -> ValidationError:
    """The French sentence for a refusal of ``image_decode``, next to the field."""
    details = details or {}
    if code == "too_many_pixels" and details.get("width"):
        message = _(
            "Cette image fait %(width)s × %(height)s pixels, trop pour être traitée "
            "(%(limits)s). Réduisez-la avant de l'envoyer."
        ) % {"width": details["width"], "height": details["height"], "limits": _pixel_limits_text()}
    elif code == "too_many_pixels":
        message = _(
            "Cette image est trop grande une fois décompressée (%(limits)s). Réduisez-la "
            "avant de l'envoyer."
        ) % {"limits": _pixel_limits_text()}
    elif code == "too_heavy":
        message = _(
            "Cette image demande trop de mémoire ou de temps pour être traitée. Réduisez-la "
            "ou enregistrez-la en JPEG avant de l'envoyer."
        )
    elif code == "damaged_image":
        message = _(
            "Cette photo est incomplète ou abîmée (envoi interrompu, fichier endommagé). "
            "Choisissez-la à nouveau ou envoyez-en une autre."
        )
    else:
        code = "invalid_image"
        message = _(
            "Ce fichier n'est pas une photo lisible. Formats acceptés : JPEG, PNG, WebP "
            "ou HEIC (photos d'iPhone)."
        )
    return ValidationError(message, code=code)


def inspect_image(upload) -> tuple[str, int, int]:
    """Check a photo at the field: header limits, then all its compressed data, cheaply.

    Returns ``(format, width, height)``. A JPEG is read through at 1/8 of its size (1/64 of
    the memory), so a truncated or corrupt photo is refused here, never accepted and then
    failing in the background; the full cleaning happens later, one photo at a time."""
    _check_size(upload, limit=image_max_bytes(), what=_("une photo"))
    if hasattr(upload, "seek"):
        upload.seek(0)
    try:
        return image_decode.inspect(
            upload, max_pixels=image_max_pixels(), decode_max_pixels=image_decode_max_pixels()
        )
    except image_decode.Refused as refusal:
        raise _refusal(refusal.code, refusal.details) from refusal
    finally:
        if hasattr(upload, "seek"):
            upload.seek(0)


def sanitise_image(upload) -> CleanImage:
    """Return the upload as a clean, upright image file under a generated name.

    The decoding runs in a separate, short-lived process under a memory ceiling
    (``MEDIA_IMAGE_DECODE_MEMORY``) and a time limit, forked for this photo by the process's
    decoder (``_Decoder``): one photo at a time, and a photo that would cost too much fails
    there, not in the worker or the web process. Raises
    ``ValidationError`` (French message) for anything that is not an allowed image, too
    heavy, damaged, or too large once decoded (decompression bombs)."""
    _check_size(upload, limit=image_max_bytes(), what=_("une photo"))
    with tempfile.TemporaryDirectory(prefix="gohelliades-photo-") as work:
        source, dest = os.path.join(work, "source"), os.path.join(work, "clean")
        _copy_upload(upload, source)
        facts = _decoder.clean(source, dest)
        if "refused" in facts:
            raise _refusal(facts["refused"], facts)
        with open(dest, "rb") as clean:
            data = clean.read()
    name = f"{uuid.uuid4().hex}.{EXTENSION[facts['format']]}"
    return CleanImage(
        content=ContentFile(data, name=name),
        format=facts["format"],
        width=facts["width"],
        height=facts["height"],
    )


def _copy_upload(upload, path: str) -> None:
    """Copy in chunks, never more than the size limit: the upload is not held in memory."""
    limit = image_max_bytes()
    if hasattr(upload, "seek"):
        upload.seek(0)
    written = 0
    with open(path, "wb") as out:
        while chunk := upload.read(1024 * 1024):
            written += len(chunk)
            if written > limit:
                raise ValidationError(
                    _("Ce fichier dépasse %(limit)s, la taille permise pour %(what)s.")
                    % {"limit": filesizeformat(limit), "what": _("une photo")},
                    code="file_too_large",
                )
            out.write(chunk)
    if hasattr(upload, "seek"):
        upload.seek(0)
    if not written:
        raise ValidationError(_("Ce fichier est vide."), code="empty")


# Beyond the photo's own time limit, which the decoder enforces on its child.
DECODER_GRACE = 10


class _DecoderGone(OSError):
    """The decoder process had stopped before it could answer."""


class _Decoder:
    """This process's decoder (``media/image_decode.py`` run as a script): started at the
    first photo, kept for the next ones, started again if it died. One photo at a time per
    process, as the cleaning always was; a process forked from this one starts its own
    rather than share these pipes."""

    def __init__(self):
        self._lock = threading.Lock()
        self._process: subprocess.Popen | None = None
        self._owner = 0
        self.peak_kb = 0  # the largest peak a decoding child of this process reached

    def clean(self, source: str, dest: str) -> dict:
        timeout = settings.MEDIA_IMAGE_DECODE_TIMEOUT
        request = {
            "source": source,
            "dest": dest,
            "max_pixels": image_max_pixels(),
            "decode_max_pixels": image_decode_max_pixels(),
            "memory": settings.MEDIA_IMAGE_DECODE_MEMORY,
            "timeout": timeout,
        }
        with self._lock:
            try:
                try:
                    answer = self._ask(request, timeout=timeout + DECODER_GRACE)
                except _DecoderGone as gone:
                    # Stopped since the last photo (killed, machine short of memory): a new one.
                    logger.warning("Décodeur de photos relancé : %s", gone)
                    self.stop()
                    answer = self._ask(request, timeout=timeout + DECODER_GRACE)
            except (OSError, ValueError) as error:
                return self._failed(error)
        self.peak_kb = max(self.peak_kb, answer.pop("peak_kb", 0))
        if answer.pop("timed_out", False):
            logger.warning("Photo abandonnée : décodage trop long")
        elif answer.get("refused") == "too_heavy":
            logger.warning("Photo abandonnée : décodage tué ou sorti en erreur")
        return answer

    def _failed(self, error: Exception) -> dict:
        """The decoder hung or answered nonsense (not the photo's child): refused, and the
        decoder started afresh for the next photo."""
        logger.warning("Photo abandonnée : décodeur en échec (%s)", error)
        self.stop()
        return {"refused": "too_heavy"}

    def _ask(self, request: dict, *, timeout: float) -> dict:
        process = self._running()
        try:
            process.stdin.write(json.dumps(request).encode() + b"\n")
            process.stdin.flush()
        except BrokenPipeError as error:
            raise _DecoderGone(f"arrêté ({process.poll()})") from error
        if not select.select([process.stdout], [], [], timeout)[0]:
            raise OSError("pas de réponse du décodeur")
        line = process.stdout.readline()
        if not line:
            raise _DecoderGone(f"arrêté ({process.wait()})")
        return json.loads(line)

    def _running(self) -> subprocess.Popen:
        if self._owner != os.getpid():  # forked since: those pipes are the parent's
            self._process, self._owner = None, os.getpid()
        if self._process is None or self._process.poll() is not None:
            self._process = subprocess.Popen(  # noqa: S603 - our own script
                [
                    sys.executable,
                    "-I",  # nothing from the environment or the current folder on its path
                    image_decode.__file__,
                ],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
            )
        return self._process

    def stop(self) -> None:
        if self._process is not None and self._owner == os.getpid():
            self._process.kill()
            self._process.wait()
        self._process = None


_decoder = _Decoder()
atexit.register(_decoder.stop)


def decoding_peak_mb() -> float:
    """The largest resident memory a photo's decoding reached in this process's decoder."""
    return _decoder.peak_kb / 1024


def inspect_audio_video(upload) -> str:
    """Check an upload's first bytes and size; returns the kind (``audio`` or ``video``)."""
    size = getattr(upload, "size", None)
    limit = audio_video_max_bytes()
    if size is not None and size > limit:
        raise ValidationError(
            _("Ce fichier pèse %(size)s : %(what)s ne doit pas dépasser %(limit)s.")
            % {
                "size": filesizeformat(size),
                "what": _("un son ou une vidéo"),
                "limit": filesizeformat(limit),
            },
            code="file_too_large",
        )
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    guess = filetype.guess(head) if head else None
    if guess is None or guess.mime not in AUDIO_VIDEO_TYPES:
        raise _not_audio_video()
    return AUDIO_VIDEO_TYPES[guess.mime][0]


def _not_audio_video() -> ValidationError:
    return ValidationError(
        _(
            "Ce fichier n'est pas un son ou une vidéo que nous savons lire. Formats acceptés : "
            "MP3, M4A, OGG, WAV, FLAC, AAC, MP4, MOV, WebM, 3GP."
        ),
        code="invalid_audio_video",
    )


def sanitise_audio_video(upload) -> CleanAudioVideo:
    """Return the upload under a generated name, recognised by content and without tags."""
    data = _read(upload, limit=audio_video_max_bytes(), what=_("un son ou une vidéo"))
    guess = filetype.guess(data[:8192])
    if guess is None or guess.mime not in AUDIO_VIDEO_TYPES:
        raise _not_audio_video()
    kind, extension = AUDIO_VIDEO_TYPES[guess.mime]
    data, duration = _strip_tags(data, extension)
    name = f"{uuid.uuid4().hex}.{extension}"
    return CleanAudioVideo(
        content=ContentFile(data, name=name),
        kind=kind,
        mime_type=guess.mime,
        duration=duration,
    )


def _strip_tags(data: bytes, extension: str) -> tuple[bytes, float | None]:
    """Remove the tags mutagen knows (ID3, Vorbis comments, MP4 ``ilst``) and read the length.

    A file mutagen cannot parse is kept as it is: its header matched an allowed format."""
    buffer = io.BytesIO(data)
    try:
        parsed = mutagen.File(buffer)
    except Exception:  # noqa: BLE001 - mutagen raises many kinds; the file stays as sent
        return data, None
    if parsed is None:
        return data, None
    duration = getattr(getattr(parsed, "info", None), "length", None)
    try:
        buffer.seek(0)
        parsed.delete(buffer)
        data = buffer.getvalue()
    except Exception:  # noqa: BLE001, S110 - some containers cannot be rewritten; keep them
        pass
    return data, duration
