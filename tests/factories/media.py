import io
import struct
import wave
import zlib

import factory
import wagtail_factories
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image, PngImagePlugin

from media.models import CustomImage, Licence


class CustomImageFactory(wagtail_factories.ImageFactory):
    title = factory.Sequence(lambda n: f"Photo {n}")
    description = factory.LazyAttribute(lambda o: f"Vue du terril, {o.title}")
    credit = "Club photo de Loos"
    licence = Licence.CC_BY

    class Meta:
        model = CustomImage


# Real files made in the test: what a phone sends, and what an attacker might. ---------------

GPS_LATITUDE = (50.0, 27.0, 31.5)
GPS_LONGITUDE = (2.0, 47.0, 40.2)


def jpeg_with_gps_bytes(
    *, size: tuple[int, int] = (64, 32), orientation: int = 1, colour=(200, 30, 30)
) -> bytes:
    """A JPEG as a phone writes it: GPS position, camera model, owner, orientation tag."""

    image = Image.new("RGB", size, colour)
    buffer = io.BytesIO()
    image.save(
        buffer,
        "JPEG",
        exif=phone_exif(orientation=orientation),
        comment=b"Jeannine Dupont, 12 rue des Ecoles",
    )
    return buffer.getvalue()


def png_bytes(*, size: tuple[int, int] = (40, 40)) -> bytes:

    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Jeannine Dupont")
    buffer = io.BytesIO()
    Image.new("RGBA", size, (10, 120, 60, 255)).save(buffer, "PNG", pnginfo=info)
    return buffer.getvalue()


def png_bomb_bytes(*, width: int = 100_000, height: int = 100_000) -> bytes:
    """A PNG whose header claims ten billion pixels: tiny on disk, huge once decoded."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    row = b"\x00" + b"\x00" * ((width + 7) // 8)
    compressor = zlib.compressobj(9)
    body = b"".join(compressor.compress(row) for _ in range(64)) + compressor.flush()
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body) + chunk(b"IEND", b"")
    )


def wav_bytes(*, seconds: float = 0.5, rate: int = 8000) -> bytes:

    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(b"\x00\x00" * int(seconds * rate))
    return buffer.getvalue()


def upload(content: bytes, name: str, content_type: str = "application/octet-stream"):

    return SimpleUploadedFile(name, content, content_type=content_type)


def phone_exif(*, orientation: int = 1) -> Image.Exif:
    """What a phone writes into a photo: camera, owner, orientation and GPS position."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.Base.Model] = "Pocket 12"
    exif[ExifTags.Base.Artist] = "Jeannine Dupont"
    exif[ExifTags.Base.Orientation] = orientation
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = GPS_LATITUDE
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = GPS_LONGITUDE
    return exif
