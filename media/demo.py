"""Pictures for the demo content, drawn locally with Pillow (nothing is downloaded)."""

import io
import random

from django.core.files.images import ImageFile
from PIL import Image, ImageDraw, ImageFilter

from media.collections import PUBLIC, photo_collection
from media.models import CustomImage, Licence

SEPIA_SKIES = [(214, 196, 160), (190, 178, 150), (226, 210, 180), (170, 160, 140)]
COLOUR_SKIES = [(135, 170, 200), (240, 200, 150), (200, 210, 220), (250, 170, 120)]


def _scale(factor: float):
    return lambda value: min(255, int(value * factor))


def _draw_landscape(rng: random.Random, size: tuple[int, int], sepia: bool) -> Image.Image:
    """A mining landscape: sky, one or two slag heaps, a headframe, a row of houses."""
    width, height = size
    sky = rng.choice(SEPIA_SKIES if sepia else COLOUR_SKIES)
    image = Image.new("RGB", size, sky)
    draw = ImageDraw.Draw(image)
    for y in range(height // 2):
        shade = tuple(max(0, c - y // 6) for c in sky)
        draw.line([(0, y), (width, y)], fill=shade)
    ground_y = int(height * rng.uniform(0.68, 0.8))
    heap_colour = (60, 55, 50) if sepia else (55, 60, 58)
    for _ in range(rng.choice([1, 2, 2])):
        centre = rng.randint(width // 5, width - width // 5)
        half = rng.randint(width // 6, width // 3)
        top = rng.randint(int(height * 0.15), int(height * 0.4))
        draw.polygon(
            [(centre - half, ground_y), (centre, top), (centre + half, ground_y)], heap_colour
        )
    frame_x = rng.randint(width // 10, width - width // 4)
    frame_top = int(height * rng.uniform(0.2, 0.35))
    steel = (40, 38, 36)
    draw.line([(frame_x, ground_y), (frame_x + 40, frame_top)], fill=steel, width=6)
    draw.line([(frame_x + 80, ground_y), (frame_x + 40, frame_top)], fill=steel, width=6)
    draw.ellipse(
        [(frame_x + 25, frame_top - 15), (frame_x + 55, frame_top + 15)], outline=steel, width=5
    )
    brick = (120, 80, 60) if sepia else (150, 70, 50)
    x = 0
    while x < width:
        house_w = rng.randint(50, 80)
        house_h = rng.randint(40, 60)
        draw.rectangle([(x, ground_y - house_h), (x + house_w - 4, height)], fill=brick)
        draw.polygon(
            [
                (x - 2, ground_y - house_h),
                (x + house_w // 2, ground_y - house_h - 25),
                (x + house_w, ground_y - house_h),
            ],
            fill=(70, 50, 45),
        )
        x += house_w
    image = image.filter(ImageFilter.GaussianBlur(0.6))
    if sepia:
        grey = image.convert("L")
        channels = [grey.point(_scale(factor)) for factor in (1.07, 0.95, 0.8)]
        image = Image.merge("RGB", channels)
    return image


def demo_image(
    *,
    title: str,
    alt_text: str,
    seed: int,
    sepia: bool = True,
    credit: str = "",
    date_taken: str = "",
    size: tuple[int, int] = (960, 640),
) -> CustomImage:
    """Create (or return, by title) a generated JPEG in the image library."""
    existing = CustomImage.objects.filter(title=title).first()
    if existing:
        return existing
    rng = random.Random(seed)
    buffer = io.BytesIO()
    _draw_landscape(rng, size, sepia).save(buffer, "JPEG", quality=82)
    image = CustomImage(
        title=title,
        description=alt_text,
        credit=credit,
        date_taken=date_taken,
        licence=Licence.CC_BY,
        # Where every editor browses (the root is for superusers only).
        collection=photo_collection(name=PUBLIC),
    )
    image.file = ImageFile(io.BytesIO(buffer.getvalue()), name=f"demo-{seed}.jpg")
    image.save()
    return image
