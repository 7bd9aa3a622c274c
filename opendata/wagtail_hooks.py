from wagtail import hooks

from opendata.iiif.images import OPERATION, RegionOperation


@hooks.register("register_image_operations")
def register_iiif_region_operation():
    # IIIF regions (x,y,w,h) and sizes as one rendition operation, cached like any other.
    return [(OPERATION, RegionOperation)]
