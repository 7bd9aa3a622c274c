"""IIIF Image API 3, level 1, answered from Wagtail renditions.

A request (region, size, rotation, quality, format) becomes one rendition of the image, made
and cached by Wagtail as every other picture of the site, so what is served is a re-encoded
JPEG without the original's metadata (GPS, camera, owner). The image the public may see is at
most ``MAX_SIDE`` pixels on its longer side (``CONSULTATION_MAX_SIDE`` for an item « tous
droits réservés », as large as its page shows it): every coordinate of the API is read in that
reduced image, so no request, tile or region, reaches a finer resolution or a larger file.

Wagtail's renditions keep the original's EXIF (Willow copies it into every JPEG it writes): the
upload checks strip it from originals, and each rendition made here strips it again."""

from __future__ import annotations

import math
from dataclasses import dataclass

from wagtail.images.image_operations import FilterOperation, TransformOperation
from wagtail.images.rect import Rect

# As large as the item page's « agrandir » link (max-2400x2400); a consultation-only item's
# picture as large as its page shows it (width-1200).
MAX_SIDE = 2400
CONSULTATION_MAX_SIDE = 1200
TILE_SIDE = 512
OPERATION = "iiif"
STRIP_OPERATION = "nometadata"
# What a camera or an editor's software writes into a file: position, owner, comments.
METADATA_KEYS = ("exif", "xmp", "XML:com.adobe.xmp", "comment", "photoshop")
PROFILE = "level1"
CONTEXT = "http://iiif.io/api/image/3/context.json"
PROFILE_LINK = '<http://iiif.io/api/image/3/level1.json>;rel="profile"'


class ImageRequestError(ValueError):
    """A request level 1 does not answer: the view replies 400 with the reason."""


@dataclass(frozen=True)
class ImageRequest:
    """A request read in the public image's coordinates: the region, then the output size."""

    width: int  # of the public image
    x: int
    y: int
    region_width: int
    region_height: int
    out_width: int
    out_height: int

    @property
    def filter_spec(self) -> str:
        """The Wagtail rendition that answers it (``RegionOperation`` then JPEG)."""
        return (
            f"{OPERATION}-{self.width}-{self.x}-{self.y}-{self.region_width}-"
            f"{self.region_height}-{self.out_width}-{self.out_height}|{STRIP_OPERATION}|format-jpeg"
        )


def public_size(*, width: int, height: int, max_side: int) -> tuple[int, int]:
    """The image as the public may see it: its own size, or reduced to ``max_side``."""
    scale = min(1.0, max_side / max(width, height, 1))
    return max(1, round(width * scale)), max(1, round(height * scale))


def _region(value: str, width: int, height: int) -> tuple[int, int, int, int]:
    if value == "full":
        return 0, 0, width, height
    if value == "square":
        side = min(width, height)
        return (width - side) // 2, (height - side) // 2, side, side
    try:
        x, y, w, h = (int(part) for part in value.split(","))
    except ValueError:
        raise ImageRequestError("region") from None
    if min(x, y) < 0 or min(w, h) <= 0 or x >= width or y >= height:
        raise ImageRequestError("region")
    # The API clips a region that runs off the image to its edges.
    return x, y, min(w, width - x), min(h, height - y)


def _size(value: str, region_width: int, region_height: int) -> tuple[int, int]:
    if value == "max":
        return region_width, region_height
    if value.startswith(("^", "!", "pct:")) or value.count(",") != 1:
        # Upscaling, best fit and percentages are beyond level 1.
        raise ImageRequestError("size")
    width_text, height_text = value.split(",")
    try:
        width = int(width_text) if width_text else None
        height = int(height_text) if height_text else None
    except ValueError:
        raise ImageRequestError("size") from None
    if width is None and height is None:
        raise ImageRequestError("size")
    if width is None:
        width = max(1, round(region_width * height / region_height))
    if height is None:
        height = max(1, round(region_height * width / region_width))
    if width <= 0 or height <= 0 or width > region_width or height > region_height:
        raise ImageRequestError("size")
    return width, height


def image_request_parse(
    *, width: int, height: int, region: str, size: str, rotation: str, quality: str, format: str
) -> ImageRequest:
    """Read an Image API request on the public image of ``width`` x ``height`` pixels."""
    if rotation != "0":
        raise ImageRequestError("rotation")
    if quality != "default":
        raise ImageRequestError("quality")
    if format != "jpg":
        raise ImageRequestError("format")
    x, y, region_width, region_height = _region(region, width, height)
    out_width, out_height = _size(size, region_width, region_height)
    return ImageRequest(width, x, y, region_width, region_height, out_width, out_height)


def image_info(*, service_id: str, width: int, height: int, rights: str = "") -> dict:
    """``info.json``: what a viewer needs to ask for sizes and tiles."""
    longest = max(width, height)
    factors = [2**n for n in range(max(1, math.ceil(math.log2(longest / TILE_SIDE)) + 1))]
    sizes = [
        {"width": math.ceil(width / factor), "height": math.ceil(height / factor)}
        for factor in reversed(factors)
    ]
    info = {
        "@context": CONTEXT,
        "id": service_id,
        "type": "ImageService3",
        "protocol": "http://iiif.io/api/image",
        "profile": PROFILE,
        "width": width,
        "height": height,
        "sizes": sizes,
        "tiles": [{"width": TILE_SIDE, "height": TILE_SIDE, "scaleFactors": factors}],
        "preferredFormats": ["jpg"],
    }
    if rights:
        info["rights"] = rights
    return info


class RegionOperation(TransformOperation):
    """``iiif-<public width>-<x>-<y>-<w>-<h>-<out width>-<out height>``: crop a region given in
    the public image's coordinates, then resize it. The coordinates are scaled to whatever
    picture the operation runs on: the original, or the copy ``media.renditions`` decodes at
    1/2, 1/4 or 1/8 for a small output."""

    def construct(self, public_width, x, y, width, height, out_width, out_height):
        self.public_width = int(public_width)
        self.region = tuple(int(value) for value in (x, y, width, height))
        self.size = (int(out_width), int(out_height))

    def run(self, transform, image):
        scale = transform.size[0] / self.public_width
        x, y, width, height = self.region
        left, top = math.floor(x * scale), math.floor(y * scale)
        right = min(transform.size[0], max(left + 1, round((x + width) * scale)))
        bottom = min(transform.size[1], max(top + 1, round((y + height) * scale)))
        return transform.crop(Rect(left, top, right, bottom)).resize(self.size)


class StripMetadataOperation(FilterOperation):
    """``nometadata``: the picture without its EXIF (GPS), XMP or comments."""

    def construct(self):
        pass

    def run(self, willow, image, env):
        picture = getattr(willow, "image", None)
        for key in METADATA_KEYS:
            getattr(picture, "info", {}).pop(key, None)
        return willow
