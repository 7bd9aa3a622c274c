"""Writes of uploaded files: everything goes through the content checks of ``sanitise``."""

from media.models import CustomImage, Licence, MediaFile
from media.sanitise import sanitise_audio_video, sanitise_image


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


def media_file_delete(*, media_file: MediaFile) -> None:
    """Remove the recording and its file from storage."""
    media_file.file.delete(save=False)
    media_file.delete()


def image_delete(*, image: CustomImage) -> None:
    """Remove the image, its original and every rendition from storage now."""
    for rendition in image.renditions.all():
        rendition.file.delete(save=False)
    image.file.delete(save=False)
    image.delete()
