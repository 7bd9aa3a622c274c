"""Which uploaded files the public may download: one answer for the embedded server
(``media.views.serve_media``) and for nginx in production, which asks ``media.views.media_check``
before handing out a file of the bucket (``auth_request``).

Never served: a photo (its original or any rendition) in a private collection — awaiting
moderation or research only —, and a photo or recording that the apps above say is held back
(the archive: used only by items the public may not see: a draft, an embargo, a private page, a
refused consent…). Everything else — the site's own images, posters, files no row owns — is
served as it is. The apps register what they hold back from their ``ready()``
(``held_back_provider``): media imports none of them, as ``core.links`` does for links."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Literal

from media.collections import PENDING, RESEARCH_ONLY
from media.models import CaptionTrack, CustomImage, CustomRendition, MediaFile

Owner = Literal["image", "media_file"]
# ``provider(*, kind, ids) -> the ids among them the public may not download``
HeldBackProvider = Callable[..., set[int]]

PRIVATE_COLLECTIONS = (PENDING, RESEARCH_ONLY)
_providers: list[HeldBackProvider] = []


def held_back_provider(provider: HeldBackProvider) -> HeldBackProvider:
    """Register ``provider(*, kind, ids)``, asked for images (``kind="image"``) and recordings
    (``kind="media_file"``); it answers for the ones it knows and ignores the rest."""
    if provider not in _providers:
        _providers.append(provider)
    return provider


def _owner(path: str) -> tuple[Owner, int] | None:
    """The image or recording a stored file belongs to, by the folder its kind uploads to."""
    folder = path.split("/", 1)[0]
    if folder == "original_images":
        rows = CustomImage.objects.filter(file=path).values_list("pk", flat=True)
        kind: Owner = "image"
    elif folder == "images":
        rows = CustomRendition.objects.filter(file=path).values_list("image_id", flat=True)
        kind = "image"
    elif folder == "audio_video":
        rows = MediaFile.objects.filter(file=path).values_list("pk", flat=True)
        kind = "media_file"
    elif folder == "captions":
        rows = CaptionTrack.objects.filter(file=path).values_list("media_file_id", flat=True)
        kind = "media_file"
    else:
        return None
    owner_id = rows.first()
    return (kind, owner_id) if owner_id is not None else None


def held_back(*, kind: Owner, ids: Iterable[int]) -> set[int]:
    """The images or recordings among ``ids`` the public may not download."""
    ids = set(ids)
    hidden: set[int] = set()
    if kind == "image":
        hidden |= set(
            CustomImage.objects.filter(
                pk__in=ids, collection__name__in=PRIVATE_COLLECTIONS
            ).values_list("pk", flat=True)
        )
    for provider in _providers:
        hidden |= provider(kind=kind, ids=ids - hidden)
    return hidden


def file_may_be_served(path: str) -> bool:
    """May the public download the stored file ``path`` (relative to the media root)?"""
    owner = _owner(path)
    if owner is None:
        return True
    kind, owner_id = owner
    return owner_id not in held_back(kind=kind, ids=[owner_id])
