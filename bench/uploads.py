"""Uploads: the time and the memory to accept a 24-megapixel phone photo and refuse a bomb.

Both go through ``media.services.image_create``, as every upload does. Memory is read three
ways: Python's own allocations in this process (tracemalloc peak), this process's resident
peak, and the peak of the children the decoder forked for each photo, where the pixels are
(``media.sanitise.decoding_peak_mb``).

    DJANGO_SETTINGS_MODULE=bench.settings .venv/bin/python -m bench.uploads --json out.json"""

import argparse
import io
import json
import os
import resource
import struct
import sys
import time
import tracemalloc
import zlib
from pathlib import Path

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from media.sanitise import decoding_peak_mb
from media.services import image_create

PHONE = (6000, 4000)  # 24 megapixels, as a phone takes them


def phone_jpeg(size: tuple[int, int] = PHONE) -> bytes:
    """A phone-like JPEG: textured (so it weighs what a photo weighs), EXIF with a position
    and a rotation, as the sanitiser must strip and apply."""
    grain = Image.effect_noise(size, 48)
    sky = Image.linear_gradient("L").resize(size)
    image = Image.merge("RGB", (grain, sky, Image.blend(grain, sky, 0.5)))
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: turned a quarter
    exif[0x010F] = "Téléphone"
    exif[0x8825] = {1: "N", 2: (50.0, 27.0, 26.0), 3: "E", 4: (2.0, 47.0, 35.0)}
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=88, exif=exif)
    return buffer.getvalue()


def png_bomb(*, width: int = 60_000, height: int = 60_000) -> bytes:
    """A PNG whose header claims 3.6 billion pixels: a few KB on disk, gigabytes decoded."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    row = bytes(1 + (width + 7) // 8)
    packer = zlib.compressobj(9)
    data = b"".join(packer.compress(row) for _ in range(256)) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")
    )


def _measured(name: str, data: bytes, content_type: str) -> dict:
    upload = SimpleUploadedFile(name, data, content_type=content_type)
    tracemalloc.start()
    begin = time.perf_counter()
    try:
        image = image_create(upload=upload, title=f"Banc : {name}")
        outcome = f"accepté ({image.width}×{image.height})"
        accepted = True
    except ValidationError as error:
        outcome = f"refusé : {' '.join(error.messages)}"
        accepted = False
    seconds = time.perf_counter() - begin
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "bytes": len(data),
        "accepted": accepted,
        "outcome": outcome,
        "seconds": seconds,
        "python_peak_mb": peak / 2**20,
        "process_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "children_peak_mb": decoding_peak_mb(),
    }


def uploads_measure() -> dict:
    # The bomb first: the children's peak is the largest any child reached so far.
    bomb = _measured("bombe.png", png_bomb(), "image/png")
    photo = _measured("telephone.jpg", phone_jpeg(), "image/jpeg")
    return {"bomb": bomb, "photo": photo}


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser()
    parser.add_argument("--json", type=Path, required=True)
    args = parser.parse_args(argv)
    measured = uploads_measure()
    args.json.write_text(json.dumps(measured, indent=2, ensure_ascii=False))
    return measured


if __name__ == "__main__":
    main()
