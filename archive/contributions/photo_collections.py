"""Where contributed photos sit in the image library, and so who may browse them.

A resident's photos may show faces and homes: until an item is approved for the web they
live in a collection only the « Modérateurs » group (and superusers) may browse, and those
given for research only stay in one. Volunteer coordinators and festival editors browse
« Images du site » only. The collections and the rights on them are made by the migration
``archive/0007_moderators_group_private_photos``; the names here are the same."""

from __future__ import annotations

from wagtail.models import Collection

from archive.contributions.models import NOT_FOR_THE_WEB, Contribution, ContributionFile
from archive.models import ArchiveItemPage
from media.collections import PENDING, PUBLIC, RESEARCH_ONLY, photo_collection
from media.models import CustomImage


def _move(images, collection: Collection) -> None:
    for image in images.exclude(collection=collection):
        image.collection = collection
        # Saved one by one, not ``update()``: the search index learns the new collection
        # too, and the admin's image search filters on it.
        image.save(update_fields=["collection"])


def contribution_photos_keep_private(*, contribution: Contribution) -> None:
    """File the photos of a contribution that just arrived: awaiting moderation, or research
    only when that is all its consent allows. A photo already approved stays public, unless
    the consent now rules the web out."""
    images = CustomImage.objects.filter(pk__in=contribution.files.values("image"))
    if not contribution.allows_web_publication:
        _move(images, photo_collection(name=RESEARCH_ONLY))
    else:
        _move(images.exclude(collection__name=PUBLIC), photo_collection(name=PENDING))


def item_photos_publish(*, item: ArchiveItemPage) -> None:
    """``item`` went live: the contributed photos it shows, when their contributions allow
    the web, join the public collection."""
    shown = {item.cover_image_id, *item.gallery_images.values_list("image_id", flat=True)}
    contributed = ContributionFile.objects.filter(contribution__item=item).exclude(
        contribution__in=Contribution.objects.filter(NOT_FOR_THE_WEB)
    )
    images = CustomImage.objects.filter(pk__in=contributed.values("image")).filter(pk__in=shown)
    _move(images, photo_collection(name=PUBLIC))
