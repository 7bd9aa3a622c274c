"""The open data's hooks, here because Wagtail discovers ``<app>/wagtail_hooks.py`` only: the
IIIF image operations and the bulk import and export's screens."""

from wagtail import hooks

from opendata.bulk.admin import BulkViewSet
from opendata.iiif.images import (
    OPERATION,
    STRIP_OPERATION,
    RegionOperation,
    StripMetadataOperation,
)


@hooks.register("register_image_operations")
def register_iiif_region_operation():
    # IIIF regions (x,y,w,h) and sizes as one rendition operation, cached like any other; and
    # the stripping of what a camera wrote (GPS), which Wagtail's renditions keep.
    return [(OPERATION, RegionOperation), (STRIP_OPERATION, StripMetadataOperation)]


@hooks.register("register_admin_viewset")
def register_bulk_viewset():
    return BulkViewSet()
