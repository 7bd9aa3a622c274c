"""The image library's collections, and so who may browse what.

« Images du site » is what every editor browses and where the site's own images go;
contributed photos wait in « Photos en attente de modération », or stay in « Recherche
seulement », which only moderators browse (archive/photo_collections.py files them). The
collections and the rights on them are made by the migration
``archive/0007_moderators_group_private_photos``; the names here are the same."""

import logging

from wagtail.models import Collection

logger = logging.getLogger(__name__)

PUBLIC = "Images du site"
PENDING = "Photos en attente de modération"
RESEARCH_ONLY = "Recherche seulement"


def photo_collection(*, name: str) -> Collection:
    """The collection ``name`` below the root."""
    collection = Collection.objects.filter(depth=2, name=name).order_by("path").first()
    if collection is None:
        # Deleted by hand: made again with no group's rights on it, so that only superusers
        # see what goes into it until someone grants them again.
        logger.warning("Collection d'images « %s » absente : recréée sans droits", name)
        collection = Collection.get_first_root_node().add_child(name=name)
    return collection
