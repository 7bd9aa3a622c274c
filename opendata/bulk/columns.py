"""The CSV of an import or an export: its columns (the Dublin Core elements of
``opendata.dublin_core``, plus what an import needs: licence, collection, place, files, alt
text), how a row is read and checked, and how an item is written back as a row.

Several values in a cell (subjects, places, files, alt texts) are separated by `` | ``."""

from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext as _

from archive.models import ArchiveCollection, ArchiveItemPage, ItemKind, Place, Theme
from media.models import Licence
from media.sanitise import inspect_audio_video, inspect_image
from opendata.dublin_core import DCMI_TYPES, DublinCore

COLUMNS = (
    "identifier",
    "title",
    "type",
    "date",
    "description",
    "creator",
    "subject",
    "coverage",
    "rights",
    "licence",
    "collection",
    "place",
    "files",
    "alt_text",
)
REQUIRED = ("title", "licence")
SEPARATOR = " | "
# What the import reads of ``type``: a DCMI type (what the export writes) or our own kinds.
KINDS_BY_TYPE = {
    **{dcmi.lower(): kind for kind, dcmi in DCMI_TYPES.items()},
    **{kind.value: kind.value for kind in ItemKind},
    **{str(kind.label).lower(): kind.value for kind in ItemKind},
}
W3CDTF = re.compile(r"^(\d{4})(?:/(\d{4}))?$")
IMAGE_EXTENSIONS = {".jpg", ".jpeg", ".png", ".webp", ".heic", ".heif"}


@dataclass(frozen=True)
class RowError:
    """One reason a row is refused: its line in the CSV, the column, and why, in French."""

    line: int
    column: str
    message: str


@dataclass
class ImportRow:
    """A checked row, ready to become an item."""

    line: int
    key: str
    title: str
    kind: str
    date_label: str
    year_start: int | None
    year_end: int | None
    description: str
    creator: str
    licence: str
    collection: str
    places: list[Place] = field(default_factory=list)
    themes: list[Theme] = field(default_factory=list)
    images: list[Path] = field(default_factory=list)
    media: Path | None = None
    alt_texts: list[str] = field(default_factory=list)

    @property
    def fully_described(self) -> bool:
        """Every image has its alt text: the item may be published."""
        return len([a for a in self.alt_texts if a]) >= len(self.images)


def split(value: str) -> list[str]:
    return [part.strip() for part in (value or "").split("|") if part.strip()]


def read_rows(text: str) -> tuple[list[str], list[dict]]:
    """The header and rows of a CSV (comma or semicolon, as French spreadsheets write it)."""
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    header = [name.strip().lower() for name in reader.fieldnames or []]
    reader.fieldnames = header
    return header, list(reader)


def header_errors(header: list[str]) -> list[RowError]:
    missing = [name for name in REQUIRED if name not in header]
    unknown = [name for name in header if name and name not in COLUMNS]
    errors = [
        RowError(1, name, _("Colonne obligatoire absente. Ajoutez-la à la première ligne."))
        for name in missing
    ]
    errors.extend(
        RowError(
            1,
            name,
            _("Colonne inconnue, ignorée. Colonnes possibles : %(columns)s.")
            % {"columns": ", ".join(COLUMNS)},
        )
        for name in unknown
    )
    return errors


def file_checksum(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as source:
        while chunk := source.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


def row_key(*, identifier: str, files: list[Path], title: str, date: str) -> str:
    """A stable key: the identifier if given, else the checksum of the files (or of the text
    when there is no file), so that the same row imported twice is recognised."""
    if identifier:
        return identifier[:255]
    digest = hashlib.sha256()
    for path in files:
        digest.update(file_checksum(path).encode())
    if not files:
        digest.update(f"{title}\n{date}".encode())
    return f"sha256:{digest.hexdigest()}"


@dataclass
class Vocabulary:
    """Themes and places by lower-case name and slug, read once per import."""

    themes: dict[str, Theme]
    places: dict[str, Place]

    @classmethod
    def load(cls) -> Vocabulary:
        themes, places = {}, {}
        for theme in Theme.objects.all():
            themes[theme.name.lower()] = themes[theme.slug] = theme
        for place in Place.objects.all():
            places[place.name.lower()] = places[place.slug] = place
            for other in place.alternative_name_list:
                places.setdefault(other.lower(), place)
        return cls(themes=themes, places=places)


def _licence(value: str) -> str | None:
    value = value.strip().lower()
    for licence in Licence:
        if value in (licence.value, str(licence.label).lower()):
            return licence.value
    return None


def _file_in(folder: Path, name: str) -> Path | None:
    """``name`` inside ``folder``, never outside it (no ``..`` nor absolute path)."""
    path = (folder / name).resolve()
    if not path.is_relative_to(folder.resolve()) or not path.is_file():
        return None
    return path


def _check_file(path: Path) -> str:
    """``image`` or ``audio_video``, checked by content as an upload is; raises in French."""
    with path.open("rb") as source:
        if path.suffix.lower() in IMAGE_EXTENSIONS:
            inspect_image(source)
            return "image"
        try:
            inspect_audio_video(source)
        except ValidationError:
            source.seek(0)
            inspect_image(source)  # an image under another name: its own message if not
            return "image"
        return "audio_video"


def row_check(
    *, line: int, values: dict, folder: Path, vocabulary: Vocabulary
) -> tuple[ImportRow | None, list[RowError]]:
    """Read one CSV row; returns the row ready to import, or the reasons it is refused."""
    values = {name: (values.get(name) or "").strip() for name in COLUMNS}
    errors: list[RowError] = []

    def refuse(column: str, message: str) -> None:
        errors.append(RowError(line, column, message))

    if not values["title"]:
        refuse("title", _("Le titre est vide : chaque élément a besoin d'un titre."))
    elif len(values["title"]) > 255:
        refuse("title", _("Le titre dépasse 255 caractères : raccourcissez-le."))
    licence = _licence(values["licence"])
    if licence is None:
        refuse(
            "licence",
            _("Licence « %(value)s » inconnue. Indiquez l'une de : %(choices)s.")
            % {"value": values["licence"], "choices": ", ".join(Licence.values)},
        )
    themes, places = [], []
    for name in split(values["subject"]):
        theme = vocabulary.themes.get(name.lower())
        if theme is None:
            refuse(
                "subject",
                _(
                    "Thème « %(name)s » inconnu. Créez-le dans l'administration (Fragments, "
                    "Thèmes) ou corrigez son nom."
                )
                % {"name": name},
            )
        else:
            themes.append(theme)
    for name in split(values["place"]):
        place = vocabulary.places.get(name.lower())
        if place is None:
            refuse(
                "place",
                _(
                    "Lieu « %(name)s » inconnu. Créez-le dans l'administration (Fragments, "
                    "Lieux) ou corrigez son nom."
                )
                % {"name": name},
            )
        else:
            places.append(place)
    images, media = [], None
    for name in split(values["files"]):
        path = _file_in(folder, name)
        if path is None:
            refuse(
                "files",
                _("Fichier « %(name)s » introuvable dans le dossier envoyé.") % {"name": name},
            )
            continue
        try:
            kind = _check_file(path)
        except ValidationError as error:
            refuse("files", f"« {name} » : {' '.join(error.messages)}")
            continue
        if kind == "image":
            images.append(path)
        elif media is None:
            media = path
        else:
            refuse(
                "files",
                _("Un seul son ou vidéo par élément : « %(name)s » est en trop.") % {"name": name},
            )
    kind = KINDS_BY_TYPE.get(values["type"].lower()) if values["type"] else None
    if values["type"] and kind is None:
        refuse(
            "type",
            _("Nature « %(value)s » inconnue. Indiquez l'une de : %(choices)s.")
            % {"value": values["type"], "choices": ", ".join(DCMI_TYPES.values())},
        )
    if kind is None:
        kind = ItemKind.ORAL_HISTORY if media else ItemKind.PHOTO if images else ItemKind.MEMORY
    alt_texts = split(values["alt_text"])
    files_refused = any(error.column == "files" for error in errors)
    if len(alt_texts) > len(images) and not files_refused:
        refuse(
            "alt_text",
            _(
                "%(texts)s textes alternatifs pour %(images)s image(s) : un texte par image, "
                "dans l'ordre des fichiers, séparés par « | »."
            )
            % {"texts": len(alt_texts), "images": len(images)},
        )
    year_start = year_end = None
    date_label = values["date"]
    if match := W3CDTF.match(values["date"]):
        # What the export writes when only years are known: years; an interval is no words.
        year_start = int(match.group(1))
        year_end = int(match.group(2) or match.group(1))
        if match.group(2):
            date_label = ""
    if errors:
        return None, errors
    return (
        ImportRow(
            line=line,
            key=row_key(
                identifier=values["identifier"],
                files=[*images, *([media] if media else [])],
                title=values["title"],
                date=values["date"],
            ),
            title=values["title"],
            kind=kind,
            date_label=date_label[:64],
            year_start=year_start,
            year_end=year_end,
            description=values["description"],
            creator=values["creator"][:255],
            licence=licence,
            collection=values["collection"],
            places=places,
            themes=themes,
            images=images,
            media=media,
            alt_texts=alt_texts,
        ),
        [],
    )


def collection_for(name: str) -> ArchiveCollection | None:
    """The collection called ``name``, made when it does not exist yet (a new fonds)."""
    if not name:
        return None
    existing = ArchiveCollection.objects.filter(name__iexact=name).first()
    if existing is not None:
        return existing
    return ArchiveCollection.objects.create(name=name, slug=_free_slug(name))


def _free_slug(name: str) -> str:
    base = slugify(name)[:240] or "collection"
    slug, number = base, 2
    while ArchiveCollection.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def item_row(*, item: ArchiveItemPage, dc: DublinCore, key: str, files: list[str]) -> dict:
    """An item as a row of the export, read from its Dublin Core (``opendata.dublin_core``)."""
    images = [item.cover_image] if item.cover_image_id else []
    images.extend(entry.image for entry in item.gallery_images.all())
    return {
        "identifier": key,
        "title": dc.title[0] if dc.title else "",
        "type": dc.type[0] if dc.type else "",
        "date": item.date_label or (dc.date[0] if dc.date else ""),
        "description": dc.description[0] if dc.description else "",
        "creator": SEPARATOR.join(dc.creator),
        "subject": SEPARATOR.join(dc.subject),
        "coverage": SEPARATOR.join(dc.coverage),
        "rights": SEPARATOR.join(dc.rights),
        "licence": item.licence,
        "collection": item.collection.name if item.collection_id else "",
        "place": SEPARATOR.join(place.name for place in item.places.all()),
        "files": SEPARATOR.join(files),
        "alt_text": SEPARATOR.join(image.description.replace("|", "/") for image in images),
    }
