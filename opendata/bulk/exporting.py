"""Exporting a collection, or the whole archive, as a zip: the files and ``metadata.csv`` in
the columns the import reads, so that the zip can be imported again as it is.

Only what the public sees goes out (``archive.selectors.public_items``): the zip is meant to
leave the site (a partner archive, a family, a backup of the published fonds), so drafts,
items in moderation and what contributors kept for research stay in. No personal data: the
creator is the name shown on the site (``opendata.dublin_core``)."""

from __future__ import annotations

import csv
import hashlib
import io
import zipfile
from collections.abc import Callable
from pathlib import PurePosixPath
from typing import BinaryIO

from archive.models import ArchiveCollection
from core.links import site_root
from opendata.bulk.columns import COLUMNS, item_row
from opendata.bulk.importing import METADATA_NAME
from opendata.bulk.selectors import export_items, import_keys
from opendata.dublin_core import item_dublin_core

FILES_FOLDER = "fichiers"


def _add_file(archive: zipfile.ZipFile, field_file, written: set[str]) -> str:
    """Put a stored file in the zip under a name made of its checksum (the same file is
    stored once, and the same content always has the same name); returns that name."""
    with field_file.open("rb") as source:
        data = source.read()
    suffix = PurePosixPath(field_file.name).suffix.lower()
    name = f"{FILES_FOLDER}/{hashlib.sha256(data).hexdigest()[:32]}{suffix}"
    if name not in written:
        archive.writestr(name, data)
        written.add(name)
    return name


def collection_export(
    *,
    out: BinaryIO,
    collection: ArchiveCollection | None = None,
    site_url: str | None = None,
    on_item: Callable[[int, int], None] | None = None,
) -> int:
    """Write the zip of ``collection`` (or of the whole archive) to ``out``; returns how many
    items went in. ``on_item(done, total)`` follows the progress."""
    root = site_root(site_url)
    items = list(export_items(collection=collection))
    keys = import_keys(item_ids=[item.pk for item in items])
    rows, written = [], set()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for done, item in enumerate(items, start=1):
            dc = item_dublin_core(item=item, root=root)
            images = [item.cover_image] if item.cover_image_id else []
            images.extend(entry.image for entry in item.gallery_images.all())
            files = [_add_file(archive, image.file, written) for image in images]
            if item.media_file_id and item.media_file.file:
                files.append(_add_file(archive, item.media_file.file, written))
            rows.append(
                item_row(item=item, dc=dc, key=keys.get(item.pk, dc.identifier), files=files)
            )
            if on_item is not None:
                on_item(done, len(items))
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
        # With its byte-order mark, a spreadsheet opens the accents right.
        archive.writestr(METADATA_NAME, buffer.getvalue().encode("utf-8-sig"))
    return len(items)
