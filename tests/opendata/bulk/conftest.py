"""A folder of small photos and the CSV that describes them, as an association sends it."""

import csv
import io
from pathlib import Path

import pytest
from PIL import Image

from opendata.bulk.columns import COLUMNS
from tests.factories.archive import PlaceFactory, ThemeFactory


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: takes minutes (the 500-item import); CI runs it")


def png(number: int, *, size=(8, 8)) -> bytes:
    """A tiny PNG of its own colour: each file has its own checksum."""
    buffer = io.BytesIO()
    Image.new("RGB", size, (number % 256, number // 256 % 256, 90)).save(buffer, "PNG")
    return buffer.getvalue()


def write_csv(path: Path, rows: list[dict], *, delimiter: str = ",") -> Path:
    columns = [c for c in COLUMNS if any(c in row for row in rows)] or ["title", "licence"]
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=columns, delimiter=delimiter)
        writer.writeheader()
        writer.writerows(rows)
    return path


def photo_rows(folder: Path, count: int, *, alt_text: bool = True, start: int = 0) -> list[dict]:
    """``count`` photos written to ``folder`` and their rows."""
    rows = []
    for number in range(start, start + count):
        name = f"photo-{number:04d}.png"
        (folder / name).write_bytes(png(number))
        rows.append(
            {
                "identifier": f"fonds-kowalski-{number:04d}",
                "title": f"La fosse 11, tirage {number}",
                "date": "années 1950",
                "description": f"Tirage {number} du fonds Kowalski.",
                "creator": "Club photo de Loos",
                "subject": "La fanfare",
                "licence": "cc-by-4.0",
                "collection": "Fonds Kowalski",
                "place": "Fosse 11",
                "files": name,
                "alt_text": f"Chevalement de la fosse 11 vu de la rue, tirage {number}"
                if alt_text
                else "",
            }
        )
    return rows


@pytest.fixture
def vocabulary(db):
    return ThemeFactory(name="La fanfare"), PlaceFactory(name="Fosse 11")
