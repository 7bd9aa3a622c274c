"""Which uploaded files the public may download: one answer for the embedded server
(``media.views.serve_media``) and for nginx in production, which asks ``media.views.media_check``
before handing out a file of the bucket (``auth_request``).

Never served: a photo (its original or any rendition) in a private collection — awaiting
moderation or research only —, and a photo or recording that the apps above say is held back
(the archive: used only by items the public may not see: a draft, an embargo, a private page, a
refused consent…, and a resident's file until a public item shows it; the fifty-fifty: a
project's photo no public page shows). The apps judge by what owns the file, not by its
collection: a held-back photo moved into the root or the public collection, by hand or with the
admin's bulk « Ajouter à la collection », stays held back. Everything else — the site's own
images (a superuser's upload into the root collection too), posters, files no row owns — is
served as it is. The apps register what they hold back from their ``ready()``
(``held_back_provider``), what they show although it waits in a private collection (a public
project's photos: ``shown_provider``) and which of the town's team may see a held-back file in
the admin (``admin_viewer_provider``): media imports none of them, as ``core.links`` does for
links.

The admin's people see what their work needs, nothing more: a moderator the photos awaiting
moderation (Wagtail's collection permissions), an editor the photos of the drafts they may
choose, the fifty-fifty team its projects' photos. Such a file is sent ``private``, never cached
for others."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Literal

from wagtail.permissions import policy_registry

from media.collections import PENDING, RESEARCH_ONLY
from media.models import CaptionTrack, CustomImage, CustomRendition, MediaFile

Owner = Literal["image", "media_file"]
# ``provider(*, kind, ids) -> the ids among them the public may not download``
HeldBackProvider = Callable[..., set[int]]
# ``provider(*, kind, ids) -> the ids among them a public page shows``
ShownProvider = Callable[..., set[int]]
# ``provider(*, user, kind, ids) -> the ids among them ``user`` may see in the admin``
AdminViewerProvider = Callable[..., set[int]]

PRIVATE_COLLECTIONS = (PENDING, RESEARCH_ONLY)
_providers: list[HeldBackProvider] = []
_shown_providers: list[ShownProvider] = []
_admin_viewer_providers: list[AdminViewerProvider] = []


def held_back_provider(provider: HeldBackProvider) -> HeldBackProvider:
    """Register ``provider(*, kind, ids)``, asked for images (``kind="image"``) and recordings
    (``kind="media_file"``); it answers for the ones it knows and ignores the rest."""
    if provider not in _providers:
        _providers.append(provider)
    return provider


def shown_provider(provider: ShownProvider) -> ShownProvider:
    """Register ``provider(*, kind, ids)``: the photos among ``ids`` that a public page shows
    although they wait in a private collection (a public project's photos)."""
    if provider not in _shown_providers:
        _shown_providers.append(provider)
    return provider


def admin_viewer_provider(provider: AdminViewerProvider) -> AdminViewerProvider:
    """Register ``provider(*, user, kind, ids)``: the held-back files among ``ids`` that
    ``user``, one of the town's team, sees in the admin for the work the app gives them."""
    if provider not in _admin_viewer_providers:
        _admin_viewer_providers.append(provider)
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
        private = set(
            CustomImage.objects.filter(
                pk__in=ids, collection__name__in=PRIVATE_COLLECTIONS
            ).values_list("pk", flat=True)
        )
        shown: set[int] = set()
        for provider in _shown_providers:
            shown |= provider(kind=kind, ids=private - shown)
        hidden |= private - shown
    for provider in _providers:
        hidden |= provider(kind=kind, ids=ids - hidden)
    return hidden


def seen_in_admin(*, user, kind: Owner, owner_id: int) -> bool:
    """May ``user``, signed in to the admin, see this held-back photo or recording?"""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if not user.has_perm("wagtailadmin.access_admin"):
        return False
    if kind == "image":
        image = CustomImage.objects.filter(pk=owner_id).first()
        if image is not None and policy_registry.get_by_type(
            CustomImage
        ).user_has_any_permission_for_instance(user, ["change", "choose"], image):
            return True
    return any(
        owner_id in provider(user=user, kind=kind, ids={owner_id})
        for provider in _admin_viewer_providers
    )


def file_may_be_served(path: str, *, user=None) -> bool:
    """May the stored file ``path`` (relative to the media root) be sent: to anyone, or to
    ``user``, one of the town's team who sees it in the admin?"""
    return file_audience(path, user=user) is not None


def file_audience(path: str, *, user=None) -> Literal["public", "private"] | None:
    """Who the stored file ``path`` may be sent to: ``"public"`` (anyone, cacheable),
    ``"private"`` (only to ``user``, who sees it in the admin) or ``None`` (refused)."""
    owner = _owner(path)
    if owner is None:
        return "public"
    kind, owner_id = owner
    if owner_id not in held_back(kind=kind, ids=[owner_id]):
        return "public"
    if seen_in_admin(user=user, kind=kind, owner_id=owner_id):
        return "private"
    return None
