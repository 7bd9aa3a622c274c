"""Uploaded files checked by what they contain, never by their name or declared type.

Images are decoded within size and pixel limits, turned upright, then re-encoded without
any metadata (EXIF with GPS, XMP, IPTC, comments): the stored original is clean, so every
rendition made from it is clean too. Audio and video are recognised by their first bytes,
limited in size, stripped of their tags where the format allows, and named by us.
"""

from __future__ import annotations

import io
import uuid
import warnings
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError
from pillow_heif import register_heif_opener

register_heif_opener()

# Pillow's own names for the formats we take; HEIC phones' photos are stored as JPEG,
# which every browser shows.
IMAGE_FORMATS = ("JPEG", "PNG", "WEBP", "HEIF")
STORED_FORMAT = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WEBP", "HEIF": "JPEG"}
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
    return settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS


def audio_video_max_bytes() -> int:
    return getattr(settings, "MEDIA_AUDIO_VIDEO_MAX_UPLOAD_SIZE", 500 * 1024 * 1024)


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
    size = getattr(upload, "size", None)
    if size is not None and size > limit:
        raise ValidationError(
            _("Ce fichier pèse %(size)s : %(what)s ne doit pas dépasser %(limit)s.")
            % {"size": filesizeformat(size), "what": what, "limit": filesizeformat(limit)},
            code="file_too_large",
        )
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


def _not_an_image() -> ValidationError:
    return ValidationError(
        _(
            "Ce fichier n'est pas une photo lisible. Formats acceptés : JPEG, PNG, WebP "
            "ou HEIC (photos d'iPhone)."
        ),
        code="invalid_image",
    )


def _too_many_pixels(width: int, height: int) -> ValidationError:
    return ValidationError(
        _(
            "Cette image fait %(width)s × %(height)s pixels, trop pour être traitée "
            "(au plus %(limit)s millions de pixels). Réduisez-la avant de l'envoyer."
        )
        % {"width": width, "height": height, "limit": image_max_pixels() // 1_000_000},
        code="too_many_pixels",
    )


def sanitise_image(upload) -> CleanImage:
    """Return the upload as a clean, upright image file under a generated name.

    Raises ``ValidationError`` (French message) for anything that is not an allowed image,
    too heavy, or too large once decoded (decompression bombs)."""
    data = _read(upload, limit=image_max_bytes(), what=_("une photo"))
    max_pixels = image_max_pixels()
    with warnings.catch_warnings():
        # Pillow only warns between its limit and twice its limit: make it an error too.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        previous_limit = Image.MAX_IMAGE_PIXELS
        Image.MAX_IMAGE_PIXELS = max_pixels
        try:
            image = Image.open(io.BytesIO(data), formats=IMAGE_FORMATS)
            width, height = image.size
            # Checked on the header, before a single pixel is decoded.
            if width * height > max_pixels:
                raise _too_many_pixels(width, height)
            source_format = image.format
            image.load()
            upright = ImageOps.exif_transpose(image)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
            raise _too_many_pixels_unknown() from error
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
            raise _not_an_image() from error
        finally:
            Image.MAX_IMAGE_PIXELS = previous_limit
    return _reencode(upright, source_format)


def _too_many_pixels_unknown() -> ValidationError:
    return ValidationError(
        _(
            "Cette image est trop grande une fois décompressée (au plus %(limit)s millions de "
            "pixels). Réduisez-la avant de l'envoyer."
        )
        % {"limit": image_max_pixels() // 1_000_000},
        code="too_many_pixels",
    )


def inspect_image(upload) -> tuple[str, int, int]:
    """Check an upload's header only (format, size, pixels) for a quick answer in a form.

    Returns ``(format, width, height)``; the full cleaning happens later, in a task."""
    data = _read(upload, limit=image_max_bytes(), what=_("une photo"))
    if hasattr(upload, "seek"):
        upload.seek(0)
    max_pixels = image_max_pixels()
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data), formats=IMAGE_FORMATS)
            width, height = image.size
            if width * height > max_pixels:
                raise _too_many_pixels(width, height)
            image.verify()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
            raise _too_many_pixels_unknown() from error
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
            raise _not_an_image() from error
    return image.format, width, height


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


def _reencode(image: Image.Image, source_format: str) -> CleanImage:
    target = STORED_FORMAT[source_format]
    icc_profile = image.info.get("icc_profile")
    if target == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    elif image.mode not in ("RGB", "RGBA", "L", "LA"):
        image = image.convert("RGBA")
    # A fresh image carries pixels only: no EXIF, XMP, IPTC, comments or text chunks.
    clean = Image.new(image.mode, image.size)
    clean.paste(image)
    options: dict = {}
    if icc_profile:
        options["icc_profile"] = icc_profile  # colours, not identity
    if target == "JPEG":
        options.update(quality=92, optimize=True)
    elif target == "WEBP":
        options.update(quality=90)
    else:
        options.update(optimize=True)
    buffer = io.BytesIO()
    clean.save(buffer, target, **options)
    name = f"{uuid.uuid4().hex}.{EXTENSION[target]}"
    return CleanImage(
        content=ContentFile(buffer.getvalue(), name=name),
        format=target,
        width=clean.width,
        height=clean.height,
    )


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
    import mutagen

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
