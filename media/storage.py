"""Where files nobody may download live: raw contributions before they are cleaned."""

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages


def private_storage():
    """The ``private`` storage if configured (a private bucket in production), else a folder
    beside MEDIA_ROOT that no URL serves."""
    if "private" in settings.STORAGES:
        return storages["private"]
    media_root = Path(settings.MEDIA_ROOT)
    location = getattr(
        settings, "PRIVATE_MEDIA_ROOT", media_root.parent / f"{media_root.name}-private"
    )
    return FileSystemStorage(location=location, base_url=None)
