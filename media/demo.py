"""Pictures for the demo content, drawn locally with Pillow (nothing is downloaded)."""

import io
import math
import random
import textwrap
import unicodedata
import uuid

from django.core.files.images import ImageFile
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from media.collections import PUBLIC, photo_collection
from media.models import CustomImage, Licence

SEPIA_SKIES = [(214, 196, 160), (190, 178, 150), (226, 210, 180), (170, 160, 140)]
COLOUR_SKIES = [(135, 170, 200), (240, 200, 150), (200, 210, 220), (250, 170, 120)]


def _scale(factor: float):
    return lambda value: min(255, int(value * factor))


def _ground(height: int, rng: random.Random) -> int:
    return int(height * rng.uniform(0.68, 0.8))


def _draw_landscape(
    rng: random.Random, size: tuple[int, int], sepia: bool, ground_y: int | None = None
) -> Image.Image:
    """A mining landscape: sky, one or two slag heaps, a headframe, a row of houses."""
    width, height = size
    sky = rng.choice(SEPIA_SKIES if sepia else COLOUR_SKIES)
    image = Image.new("RGB", size, sky)
    draw = ImageDraw.Draw(image)
    for y in range(height // 2):
        shade = tuple(max(0, c - y // 6) for c in sky)
        draw.line([(0, y), (width, y)], fill=shade)
    ground_y = ground_y or _ground(height, rng)
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
    return image


# A Gaussian blur of radius 0.6 as one 3×3 convolution: the same softening (the pictures
# differ by less than a tenth of a level on average), at half the cost of GaussianBlur.
SOFTEN = ImageFilter.Kernel((3, 3), [1, 4, 1, 4, 16, 4, 1, 4, 1], scale=36)


def _tone(image: Image.Image, *, sepia: bool) -> Image.Image:
    """Soften the drawn edges; old pictures turn sepia."""
    image = image.filter(SOFTEN)
    if sepia:
        grey = image.convert("L")
        channels = [grey.point(_scale(factor)) for factor in (1.07, 0.95, 0.8)]
        image = Image.merge("RGB", channels)
    return image


INK = (34, 32, 30)
BACKDROPS = [(222, 210, 190), (200, 214, 222), (230, 220, 200), (214, 222, 204), (236, 214, 206)]
POSTER_COLOURS = [
    ((178, 34, 52), (250, 214, 90)),
    ((22, 78, 120), (244, 196, 110)),
    ((40, 96, 70), (240, 230, 200)),
    ((110, 50, 120), (250, 210, 170)),
    ((200, 90, 30), (30, 30, 40)),
    ((30, 30, 40), (240, 180, 60)),
    ((0, 110, 130), (255, 240, 220)),
]


def _backdrop(rng: random.Random, size: tuple[int, int]) -> tuple[Image.Image, ImageDraw.Draw]:
    """A plain wall and a table edge, to show an object or a portrait on."""
    width, height = size
    colour = rng.choice(BACKDROPS)
    image = Image.new("RGB", size, colour)
    draw = ImageDraw.Draw(image)
    for y in range(height):
        shade = tuple(max(0, c - abs(y - height // 3) // 8) for c in colour)
        draw.line([(0, y), (width, y)], fill=shade)
    return image, draw


def _person(draw: ImageDraw.Draw, x: int, ground: int, tall: int, *, helmet: bool = False):
    """A standing figure in silhouette, ``tall`` pixels from the feet to the top of the head."""
    head = tall // 7
    body_top = ground - tall + 2 * head
    draw.ellipse([(x - head // 2, ground - tall), (x + head // 2, ground - tall + head)], INK)
    draw.rounded_rectangle(
        [(x - head * 3 // 4, body_top - head // 2), (x + head * 3 // 4, ground - tall // 2.4)],
        radius=head // 3,
        fill=INK,
    )
    draw.line([(x - head // 3, ground - tall // 2.4), (x - head // 2, ground)], INK, head // 2)
    draw.line([(x + head // 3, ground - tall // 2.4), (x + head // 2, ground)], INK, head // 2)
    if helmet:
        draw.pieslice(
            [
                (x - head * 2 // 3, ground - tall - head // 3),
                (x + head * 2 // 3, ground - tall + head),
            ],
            180,
            360,
            fill=(70, 66, 60),
        )
        draw.ellipse([(x - 4, ground - tall), (x + 4, ground - tall + 8)], (250, 220, 120))


def _crowd(draw: ImageDraw.Draw, rng: random.Random, width: int, ground: int, count: int):
    for n in range(count):
        x = int((n + 0.5) * width / count + rng.randint(-12, 12))
        _person(draw, x, ground + rng.randint(0, 30), rng.randint(120, 170))


def _draw_portrait(rng: random.Random, size: tuple[int, int], sepia: bool) -> Image.Image:
    """A portrait in silhouette: head and shoulders, sometimes the miner's helmet."""
    width, height = size
    image, draw = _backdrop(rng, size)
    x = width // 2 + rng.randint(-width // 6, width // 6)
    head_w = rng.randint(150, 190)
    top = rng.randint(90, 150)
    draw.ellipse([(x - head_w // 2, top), (x + head_w // 2, top + head_w * 5 // 4)], INK)
    draw.rectangle([(x - head_w // 5, top + head_w), (x + head_w // 5, top + head_w * 3 // 2)], INK)
    draw.chord(
        [
            (x - head_w * 3 // 2, top + head_w * 13 // 10),
            (x + head_w * 3 // 2, height + head_w * 2),
        ],
        180,
        360,
        fill=INK,
    )
    if rng.random() < 0.5:
        draw.pieslice(
            [
                (x - head_w * 2 // 3, top - head_w // 4),
                (x + head_w * 2 // 3, top + head_w * 3 // 4),
            ],
            180,
            360,
            fill=(80, 74, 66),
        )
        draw.ellipse([(x - 14, top - 6), (x + 14, top + 22)], (250, 220, 120))
    else:
        # A cap or a chignon, so that two portraits differ.
        draw.ellipse([(x - head_w // 3, top - 30), (x + head_w // 3, top + 30)], INK)
    return image


def _lamp(draw: ImageDraw.Draw, x: int, y: int, scale: int):
    brass = (190, 150, 60)
    draw.arc([(x - scale // 2, y - scale), (x + scale // 2, y)], 180, 360, fill=INK, width=8)
    draw.rectangle([(x - scale // 2, y), (x + scale // 2, y + scale // 3)], brass)
    draw.rectangle([(x - scale // 3, y + scale // 3), (x + scale // 3, y + scale)], (240, 230, 190))
    draw.ellipse(
        [(x - scale // 8, y + scale // 2), (x + scale // 8, y + scale * 5 // 6)], (255, 170, 40)
    )
    draw.rectangle([(x - scale // 2, y + scale), (x + scale // 2, y + scale * 3 // 2)], brass)


def _medal(draw: ImageDraw.Draw, x: int, y: int, scale: int):
    draw.polygon([(x - scale // 3, y - scale), (x + scale // 3, y - scale), (x, y)], (40, 80, 160))
    draw.polygon([(x - scale // 3, y - scale), (x - scale // 9, y - scale), (x, y)], (200, 40, 50))
    draw.ellipse([(x - scale // 2, y - 10), (x + scale // 2, y + scale - 10)], (205, 170, 70))
    draw.ellipse(
        [(x - scale // 3, y + scale // 6), (x + scale // 3, y + scale * 5 // 6 - 10)],
        (225, 195, 100),
    )


def _book(draw: ImageDraw.Draw, x: int, y: int, scale: int):
    draw.rectangle([(x - scale, y - scale // 2), (x + scale, y + scale)], (245, 240, 225), INK, 3)
    draw.line([(x, y - scale // 2), (x, y + scale)], INK, 3)
    for line in range(6):
        ly = y - scale // 3 + line * scale // 5
        draw.line([(x - scale + 20, ly), (x - 20, ly)], (120, 110, 100), 2)
        draw.line([(x + 20, ly), (x + scale - 20, ly)], (120, 110, 100), 2)


def _pigeon(draw: ImageDraw.Draw, x: int, y: int, scale: int):
    grey = (120, 125, 140)
    draw.ellipse([(x - scale, y - scale // 2), (x + scale // 2, y + scale // 2)], grey)
    draw.ellipse([(x + scale // 4, y - scale), (x + scale * 3 // 4, y - scale // 3)], grey)
    draw.polygon(
        [
            (x + scale * 3 // 4, y - scale * 2 // 3),
            (x + scale, y - scale // 2),
            (x + scale * 3 // 4, y - scale // 2),
        ],
        (230, 160, 60),
    )
    draw.polygon(
        [
            (x - scale // 2, y - scale // 3),
            (x + scale // 4, y - scale // 4),
            (x - scale // 4, y + scale // 4),
        ],
        (90, 95, 110),
    )
    draw.polygon(
        [
            (x - scale, y),
            (x - scale * 3 // 2, y - scale // 4),
            (x - scale * 3 // 2, y + scale // 4),
        ],
        (90, 95, 110),
    )


def _berline(draw: ImageDraw.Draw, x: int, y: int, scale: int):
    draw.polygon(
        [
            (x - scale, y - scale // 2),
            (x + scale, y - scale // 2),
            (x + scale * 4 // 5, y + scale // 3),
            (x - scale * 4 // 5, y + scale // 3),
        ],
        (80, 70, 62),
    )
    draw.ellipse([(x - scale, y - scale // 2 - 20), (x + scale, y - scale // 2 + 20)], (25, 25, 25))
    for wheel in (x - scale // 2, x + scale // 2):
        draw.ellipse(
            [(wheel - scale // 5, y + scale // 5), (wheel + scale // 5, y + scale * 3 // 5)], INK
        )


OBJECTS = {"lamp": _lamp, "medal": _medal, "book": _book, "pigeon": _pigeon, "berline": _berline}


def _object_drawing(name: str):
    def draw_object(rng: random.Random, size: tuple[int, int], sepia: bool) -> Image.Image:
        """One object on a table, lit from the side: a lamp, a medal, a pay book…"""
        width, height = size
        image, draw = _backdrop(rng, size)
        table = int(height * 0.72)
        draw.rectangle([(0, table), (width, height)], (120, 86, 60))
        x = width // 2 + rng.randint(-width // 8, width // 8)
        draw.ellipse([(x - 180, table - 20), (x + 180, table + 30)], (90, 64, 46))
        OBJECTS[name](draw, x, table - 220, rng.randint(140, 180))
        return image

    return draw_object


def _scene(overlay):
    def draw_scene(rng: random.Random, size: tuple[int, int], sepia: bool) -> Image.Image:
        width, height = size
        ground = _ground(height, rng)
        image = _draw_landscape(rng, size, sepia, ground_y=ground)
        overlay(ImageDraw.Draw(image), rng, width, height, ground)
        return image

    return draw_scene


def _stage(draw, rng, width, height, ground):
    """A stage with musicians, the public in front."""
    left, right = width // 5, width * 4 // 5
    draw.rectangle([(left, ground - 230), (right, ground - 60)], (120, 30, 40))
    draw.rectangle([(left, ground - 60), (right, ground - 30)], (60, 40, 30))
    for n in range(rng.randint(3, 5)):
        _person(draw, left + 70 + n * 110, ground - 60, 140)
    for n in range(8):
        draw.ellipse(
            [(left + 40 + n * 70, ground - 220), (left + 60 + n * 70, ground - 200)],
            (255, 220, 120),
        )
    _crowd(draw, rng, width, height - 10, 9)


def _table(draw, rng, width, height, ground):
    """A long table laid out in the street, neighbours around it."""
    draw.rectangle([(width // 10, ground + 30), (width * 9 // 10, ground + 60)], (245, 245, 240))
    for n in range(10):
        x = width // 10 + 40 + n * (width * 8 // 10 - 80) // 9
        _person(draw, x, ground + 80, 110)
    for x in range(width // 10, width * 9 // 10, 60):
        draw.ellipse([(x, ground - 160), (x + 16, ground - 144)], rng.choice(POSTER_COLOURS)[0])


def _walkers(draw, rng, width, height, ground):
    """A file of walkers climbing the slope."""
    for n in range(6):
        x = width // 6 + n * 90
        _person(draw, x, ground - n * 40, 100, helmet=False)


def _screen(draw, rng, width, height, ground):
    """An open-air screen under the headframe, the public seated."""
    draw.rectangle(
        [(width // 4, ground - 260), (width * 3 // 4, ground - 60)], (235, 235, 220), INK, 6
    )
    _crowd(draw, rng, width, height - 10, 11)


def _frames(draw, rng, width, height, ground):
    """An exhibition wall: framed pictures."""
    draw.rectangle([(0, height // 5), (width, ground)], (236, 232, 224))
    for n in range(4):
        x = 60 + n * (width - 120) // 4
        draw.rectangle(
            [(x, height // 5 + 60), (x + 170, height // 5 + 200)], (210, 200, 180), INK, 8
        )
    _crowd(draw, rng, width, height - 20, 5)


def _circle_of_stones(draw, rng, width, height, ground):
    """Land art: a spiral of white stones on the slope."""
    cx, cy = width // 2, ground + (height - ground) // 2
    for n in range(60):
        radius = 6 + n * 4
        angle = n * 0.5
        x = cx + int(radius * 1.6 * math.cos(angle))
        y = cy + int(radius * 0.5 * math.sin(angle))
        draw.ellipse([(x - 7, y - 5), (x + 7, y + 5)], (240, 240, 235))


def _lectern(draw, rng, width, height, ground):
    """A speaker at a lectern, a screen behind."""
    draw.rectangle(
        [(width // 3, ground - 300), (width * 2 // 3, ground - 120)], (240, 240, 230), INK, 4
    )
    _person(draw, width // 2 - 120, ground + 40, 190)
    draw.polygon(
        [
            (width // 2 - 60, ground + 40),
            (width // 2 + 20, ground + 40),
            (width // 2, ground - 60),
            (width // 2 - 50, ground - 60),
        ],
        (90, 60, 40),
    )
    _crowd(draw, rng, width, height - 5, 8)


def _workshop(draw, rng, width, height, ground):
    """A workshop table, lamps being made."""
    draw.rectangle([(width // 8, ground + 20), (width * 7 // 8, ground + 50)], (150, 110, 70))
    for n in range(4):
        _lamp(draw, width // 5 + n * width // 5, ground - 80, 60)
    for n in range(5):
        _person(draw, width // 8 + n * width // 5, ground + 140, 120)


def _class(draw, rng, width, height, ground):
    """A class photo: two rows of children before the school."""
    for row, (tall, offset) in enumerate(((110, 0), (90, 60))):
        for n in range(9 - row):
            _person(draw, 90 + row * 40 + n * (width - 180) // 9, ground + offset, tall)


def _gardens(draw, rng, width, height, ground):
    """Workers' gardens: rows of leeks and a shed."""
    draw.rectangle([(0, ground), (width, height)], (90, 70, 45))
    for row in range(5):
        y = ground + 20 + row * (height - ground) // 6
        for x in range(20, width, 36):
            draw.polygon([(x, y), (x + 8, y - 30), (x + 16, y)], (70, 140, 60))
    draw.rectangle([(width - 180, ground - 90), (width - 60, ground + 10)], (110, 90, 60))


def _washing(draw, rng, width, height, ground):
    """Washing hung out between the houses of the coron."""
    draw.line([(40, ground - 150), (width - 40, ground - 130)], INK, 3)
    for n in range(9):
        x = 70 + n * (width - 140) // 9
        colour = rng.choice([(40, 60, 130), (230, 230, 230), (150, 40, 40), (60, 90, 160)])
        draw.rectangle([(x, ground - 145 + n * 2), (x + 60, ground - 60 + n * 2)], colour)


def _cart(draw, rng, width, height, ground):
    """The last coal cart, on its rails before the headframe."""
    draw.line([(0, ground + 60), (width, ground + 40)], INK, 6)
    draw.line([(0, ground + 90), (width, ground + 70)], INK, 6)
    _berline(draw, width // 2, ground + 10, 120)


def _poster_font(size: int) -> ImageFont.FreeTypeFont:
    """DejaVu where the system has it (it draws French accents); Pillow's own font otherwise."""
    try:
        return ImageFont.truetype("DejaVuSans-Bold.ttf", size)
    except OSError:
        return ImageFont.load_default(size=size)


def _poster_text(font: ImageFont.FreeTypeFont, text: str) -> str:
    """Pillow's own font has no accented letters: write them bare rather than as boxes."""
    if "DejaVu" in (font.getname()[0] or ""):
        return text
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def _draw_poster(
    rng: random.Random, size: tuple[int, int], *, heading: str, words: str
) -> Image.Image:
    """A festival poster: the year large, the theme beneath, terrils and headframe at the foot."""
    width, height = size
    paper, ink = rng.choice(POSTER_COLOURS)
    image = Image.new("RGB", size, paper)
    draw = ImageDraw.Draw(image)
    # The twin slag heaps and the headframe, in the poster's second colour, under the words.
    foot, top = height - 40, height * 2 // 3
    draw.polygon([(width // 2, foot), (width * 3 // 4, top), (width, foot)], ink)
    draw.polygon([(width * 5 // 8, foot), (width * 7 // 8, top + 40), (width, foot)], ink)
    frame = rng.randint(width // 8, width // 2 - 120)
    draw.line([(frame, foot), (frame + 40, top + 30)], ink, 8)
    draw.line([(frame + 80, foot), (frame + 40, top + 30)], ink, 8)
    draw.ellipse([(frame + 20, top + 10), (frame + 60, top + 50)], outline=ink, width=6)
    draw.rectangle([(0, foot), (width, height)], ink)
    draw.text((60, 40), "GOHELLIADES", font=_poster_font(54), fill=ink)
    draw.text((56, 100), heading, font=_poster_font(170), fill=ink)
    font = _poster_font(38)
    for number, line in enumerate(textwrap.wrap(words, width=34)[:3]):
        draw.text((60, 310 + number * 48), _poster_text(font, line), font=font, fill=ink)
    return image


DRAWINGS = {
    "landscape": _draw_landscape,
    "portrait": _draw_portrait,
    **{f"object:{name}": _object_drawing(name) for name in OBJECTS},
    "stage": _scene(_stage),
    "table": _scene(_table),
    "walkers": _scene(_walkers),
    "screen": _scene(_screen),
    "frames": _scene(_frames),
    "stones": _scene(_circle_of_stones),
    "lectern": _scene(_lectern),
    "workshop": _scene(_workshop),
    "class": _scene(_class),
    "gardens": _scene(_gardens),
    "washing": _scene(_washing),
    "cart": _scene(_cart),
}


def demo_image(
    *,
    title: str,
    alt_text: str,
    seed: int,
    sepia: bool = True,
    credit: str = "",
    date_taken: str = "",
    size: tuple[int, int] = (960, 640),
    motif: str = "landscape",
    poster: tuple[str, str] | None = None,
) -> CustomImage:
    """Create (or return, by title) a generated JPEG in the image library.

    ``motif`` names one of ``DRAWINGS`` (a landscape, an object, a portrait in silhouette, a
    scene), so cards are told apart at a glance; ``poster`` = (heading, words) draws a
    festival poster carrying them instead."""
    existing = CustomImage.objects.filter(title=title).first()
    if existing:
        return existing
    rng = random.Random(seed)
    buffer = io.BytesIO()
    if poster is not None:
        picture = _draw_poster(rng, size, heading=poster[0], words=poster[1])
    else:
        picture = _tone(DRAWINGS[motif](rng, size, sepia), sepia=sepia)
    picture.save(buffer, "JPEG", quality=82)
    image = CustomImage(
        title=title,
        description=alt_text,
        credit=credit,
        date_taken=date_taken,
        licence=Licence.CC_BY,
        # Where every editor browses (the root is for superusers only).
        collection=photo_collection(name=PUBLIC),
    )
    # Drawn and encoded here by Pillow, the file holds no metadata and nothing foreign: the
    # sandboxed decoding that cleans an upload (CustomImage.save, a process per photo) would
    # only encode it again. Named and measured as that cleaning would.
    image.file = ImageFile(io.BytesIO(buffer.getvalue()), name=f"{uuid.uuid4().hex}.jpg")
    image._clean_file_name = image.file.name
    image.width, image.height = picture.size
    image._set_image_file_metadata()
    image.save()
    return image
