"""Writes of uploaded files: everything goes through the content checks of ``sanitise``."""

import logging

from media.models import CustomImage, Licence, MediaFile
from media.sanitise import sanitise_audio_video, sanitise_image

logger = logging.getLogger(__name__)


def image_create(
    *,
    upload,
    title: str,
    alt_text: str = "",
    credit: str = "",
    licence: str = Licence.CC_BY,
    date_taken: str = "",
) -> CustomImage:
    """Store a clean copy of ``upload`` (no GPS, no EXIF, upright) in the image library."""
    clean = sanitise_image(upload)
    image = CustomImage(
        title=title[:255],
        description=alt_text,
        credit=credit,
        licence=licence,
        date_taken=date_taken,
    )
    image.file = clean.content
    # Already clean: the model must not re-encode it a second time.
    image._clean_file_name = clean.content.name
    image.width, image.height = clean.width, clean.height
    image._set_image_file_metadata()
    image.save()
    return image


def media_file_create(
    *, upload, title: str, credit: str = "", licence: str = Licence.CC_BY
) -> MediaFile:
    """Store a sound or video recognised by its content, under a generated name."""
    clean = sanitise_audio_video(upload)
    media_file = MediaFile(
        title=title[:255],
        kind=clean.kind,
        mime_type=clean.mime_type,
        duration=clean.duration,
        credit=credit,
        licence=licence,
        file_size=clean.content.size,
    )
    media_file.file.save(clean.content.name, clean.content, save=False)
    media_file.save()
    return media_file


def media_file_stored_files(*, media_file: MediaFile) -> list[tuple]:
    """``(storage, name)`` of everything a recording keeps in storage: itself, its captions."""
    files = [(media_file.file.storage, media_file.file.name)] if media_file.file else []
    files.extend(
        (track.file.storage, track.file.name)
        for track in media_file.caption_tracks.all()
        if track.file
    )
    return files


def image_stored_files(*, image: CustomImage) -> list[tuple]:
    """``(storage, name)`` of an image's original and of every rendition made from it."""
    files = [(image.file.storage, image.file.name)] if image.file else []
    files.extend((r.file.storage, r.file.name) for r in image.renditions.all() if r.file)
    return files


def stored_files_delete(files: list[tuple]) -> list[str]:
    """Delete ``(storage, name)`` pairs; returns the names that could not be deleted."""
    failed = []
    for storage, name in files:
        try:
            storage.delete(name)
        except Exception:
            logger.exception("Fichier %s non supprimé", name)
            failed.append(name)
    return failed


def media_file_delete(*, media_file: MediaFile) -> None:
    """Remove the recording, its caption tracks and their files from storage."""
    files = media_file_stored_files(media_file=media_file)
    media_file.delete()
    stored_files_delete(files)
