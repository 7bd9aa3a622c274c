"""Importing a folder of files described by a CSV: checked like uploads, one item per row,
resumable (each row is keyed: a row already imported is skipped), with a report in French.

An item whose images all have their alt text (``alt_text`` column) is published at once when
the person importing may publish; any other stays a draft for editors to describe, since
publication requires alt text (``archive.publication``): the report says which."""

from __future__ import annotations

import contextlib
import csv
import io
import logging
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from archive.models import (
    ArchiveIndexPage,
    ArchiveItemImage,
    ArchiveItemPage,
    ItemSource,
)
from archive.models.pages import PublicationRefused
from core.indexing import indexing_deferred
from media.collections import PENDING, PUBLIC, photo_collection
from media.models import CustomImage
from media.services import image_create, media_file_create
from opendata.bulk.columns import (
    ImportRow,
    RowError,
    Vocabulary,
    collection_for,
    header_errors,
    read_rows,
    row_check,
)
from opendata.bulk.models import ImportedItem, ImportRun, ImportState

logger = logging.getLogger(__name__)

# A zip larger than this once unpacked is refused before anything is written to disk.
MAX_UNPACKED_BYTES = 4 * 1024**3
METADATA_NAME = "metadata.csv"


class ImportImpossible(Exception):
    """The import cannot start at all (no archive index, unreadable CSV or zip): in French."""


@dataclass
class ImportReport:
    """What an import did, or would do (``dry_run``): counts and every refused row's reasons."""

    dry_run: bool = False
    total: int = 0
    processed: int = 0
    created: int = 0
    skipped: int = 0
    drafts: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def refused(self) -> int:
        return len({error.line for error in self.errors if error.line > 1})

    def as_csv(self) -> str:
        """The error report: one line per problem, naming the row, the column and why."""
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow([_("ligne"), _("colonne"), _("problème")])
        for error in self.errors:
            writer.writerow([error.line, error.column, error.message])
        return buffer.getvalue()

    def summary(self) -> str:
        counts = {
            "total": self.total,
            "created": self.created,
            "skipped": self.skipped,
            "refused": self.refused,
            "drafts": self.drafts,
        }
        if self.dry_run:
            return (
                _(
                    "Essai à blanc, rien n'a été enregistré : %(total)s lignes, %(created)s "
                    "éléments seraient créés (dont %(drafts)s en brouillon faute de texte "
                    "alternatif), %(skipped)s déjà importés, %(refused)s lignes refusées."
                )
                % counts
            )
        return (
            _(
                "%(total)s lignes : %(created)s éléments créés (dont %(drafts)s laissés en "
                "brouillon faute de texte alternatif), %(skipped)s déjà importés, %(refused)s "
                "lignes refusées."
            )
            % counts
        )


def _read_metadata(metadata: Path) -> str:
    try:
        return metadata.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportImpossible(
            _(
                "Le fichier CSV n'est pas en UTF-8. Dans votre tableur, enregistrez-le en "
                "« CSV UTF-8 » puis recommencez."
            )
        ) from error


def _unique_slug(index: ArchiveIndexPage, title: str) -> str:
    base = slugify(title)[:60] or "element"
    taken = set(index.get_children().filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def item_create_from_row(
    *, row: ImportRow, index: ArchiveIndexPage, user=None, run: ImportRun | None, publish: bool
) -> tuple[ArchiveItemPage, bool] | None:
    """One row as an item, with its files cleaned like uploads (``media.services``); in one
    transaction with its key, so that an interruption never leaves half an item counted as
    done. Returns the item and whether it was published, or ``None`` if the key was imported
    meanwhile."""
    with transaction.atomic():
        if ImportedItem.objects.filter(key=row.key).exists():
            return None
        images = []
        for number, path in enumerate(row.images):
            title = row.title if len(row.images) == 1 else f"{row.title} ({number + 1})"
            alt_text = row.alt_texts[number] if number < len(row.alt_texts) else ""
            with path.open("rb") as upload:
                images.append(
                    image_create(
                        upload=upload,
                        title=title,
                        alt_text=alt_text,
                        credit=row.creator,
                        licence=row.licence,
                        date_taken=row.date_label,
                    )
                )
        media_file = None
        if row.media is not None:
            with row.media.open("rb") as upload:
                media_file = media_file_create(
                    upload=upload, title=row.title, credit=row.creator, licence=row.licence
                )
        item = ArchiveItemPage(
            title=row.title,
            slug=_unique_slug(index, row.title),
            kind=row.kind,
            summary=row.description,
            date_label=row.date_label,
            year_start=row.year_start,
            year_end=row.year_end,
            credit=row.creator,
            licence=row.licence,
            collection=collection_for(row.collection),
            source=ItemSource.DONATION,
            cover_image=images[0] if images else None,
            media_file=media_file,
            live=False,
        )
        item.places = row.places
        item.themes = row.themes
        item.gallery_images = [ArchiveItemImage(image=image) for image in images[1:]]
        index.add_child(instance=item)
        revision = item.save_revision(user=user)
        published = False
        if publish and row.fully_described:
            try:
                revision.publish(user=user)
                published = True
            except PublicationRefused:
                pass  # the editors see why on the item itself
        # Drafts' photos wait where contributions' do, out of the library everyone browses.
        collection = photo_collection(name=PUBLIC if published else PENDING)
        CustomImage.objects.filter(pk__in=[image.pk for image in images]).update(
            collection=collection
        )
        ImportedItem.objects.create(key=row.key, item=item, run=run)
        return item, published


def collection_import(
    *,
    folder: Path,
    metadata: Path,
    dry_run: bool = False,
    user=None,
    run: ImportRun | None = None,
    publish: bool = True,
    on_row: Callable[[ImportReport], None] | None = None,
) -> ImportReport:
    """Import every row of ``metadata`` (a CSV in the columns of ``opendata.bulk.columns``)
    with its files from ``folder``. A dry run checks everything and writes nothing.

    ``on_row`` is told after each row (a progress bar, the admin's progress); stopping there
    (Ctrl-C, a crash) loses nothing: running the same import again skips what is done."""
    index = ArchiveIndexPage.objects.first()
    if index is None:
        raise ImportImpossible(
            _("Il n'y a pas encore d'index d'archive où ranger les éléments : créez-le d'abord.")
        )
    header, rows = read_rows(_read_metadata(metadata))
    report = ImportReport(dry_run=dry_run, total=len(rows))
    report.errors.extend(header_errors(header))
    if any(error.column in ("title", "licence") for error in report.errors):
        report.total = 0
        return report
    vocabulary = Vocabulary.load()
    known = set(ImportedItem.objects.values_list("key", flat=True))
    lines_by_key: dict[str, int] = {}
    with contextlib.closing(_lines_indexed_in_batches(rows)) as lines:
        for line, values in lines:
            identifier = (values.get("identifier") or "").strip()[:255]
            if identifier and identifier in known:
                report.skipped += 1  # imported before: not even its files are read again
            else:
                row, errors = row_check(
                    line=line, values=values, folder=folder, vocabulary=vocabulary
                )
                if row is not None and row.key in lines_by_key:
                    errors = [
                        RowError(
                            line,
                            "identifier",
                            _(
                                "Même élément que la ligne %(line)s (même identifiant ou mêmes "
                                "fichiers) : supprimez l'une des deux."
                            )
                            % {"line": lines_by_key[row.key]},
                        )
                    ]
                    row = None
                report.errors.extend(errors)
                if row is not None:
                    lines_by_key[row.key] = line
                    if row.key in known:
                        report.skipped += 1
                    elif dry_run:
                        report.created += 1
                        report.drafts += 0 if publish and row.fully_described else 1
                    else:
                        made = item_create_from_row(
                            row=row, index=index, user=user, run=run, publish=publish
                        )
                        if made is None:
                            report.skipped += 1
                        else:
                            report.created += 1
                            report.drafts += 0 if made[1] else 1
            report.processed += 1
            if run is not None:
                _progress_save(run=run, report=report)
            if on_row is not None:
                on_row(report)
    return report


# Rows whose items are indexed together (search, admin search, « where used ») once their
# batch is done, instead of after each save: a hard stop leaves at most this many imported
# items to find by a rebuild (an exception still indexes them).
INDEX_BATCH_ROWS = 20


def _lines_indexed_in_batches(rows: list[dict]) -> Iterator[tuple[int, dict]]:
    """The rows with their line numbers in the CSV, ``INDEX_BATCH_ROWS`` at a time inside
    ``indexing_deferred``; close it (``contextlib.closing``) so that a failure indexes the
    current batch at once."""
    for first in range(0, len(rows), INDEX_BATCH_ROWS):
        with indexing_deferred():
            yield from enumerate(rows[first : first + INDEX_BATCH_ROWS], start=first + 2)


def _progress_save(*, run: ImportRun, report: ImportReport) -> None:
    ImportRun.objects.filter(pk=run.pk).update(
        total=report.total,
        processed=report.processed,
        created=report.created,
        skipped=report.skipped,
        refused=report.refused,
        drafts=report.drafts,
    )


# In the admin's background task (``opendata.bulk.runs`` starts it). --------------------


def zip_unpack(*, source, folder: Path) -> None:
    """Unpack ``source`` into ``folder``: no name may leave it, nor the whole exceed
    ``MAX_UNPACKED_BYTES``."""
    try:
        archive = zipfile.ZipFile(source)
    except zipfile.BadZipFile as error:
        raise ImportImpossible(
            _("Le fichier envoyé n'est pas un zip lisible. Compressez le dossier à nouveau.")
        ) from error
    with archive:
        members = [info for info in archive.infolist() if not info.is_dir()]
        if sum(info.file_size for info in members) > MAX_UNPACKED_BYTES:
            raise ImportImpossible(
                _("Ce zip est trop gros une fois décompressé : découpez-le en plusieurs envois.")
            )
        for info in members:
            name = PurePosixPath(info.filename)
            if name.is_absolute() or ".." in name.parts:
                raise ImportImpossible(
                    _("Le zip contient un chemin interdit : « %(name)s ».")
                    % {"name": info.filename}
                )
            target = folder.joinpath(*name.parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            with archive.open(info) as member, target.open("wb") as out:
                shutil.copyfileobj(member, out)


def import_run_execute(*, run: ImportRun) -> ImportRun:
    """The background part of an admin import: unpack, import, keep the report."""
    ImportRun.objects.filter(pk=run.pk).update(state=ImportState.RUNNING)
    user = run.started_by
    index = ArchiveIndexPage.objects.first()
    # Published at once only by someone who may publish in the archive; else drafts.
    may_publish = bool(user and index and index.permissions_for_user(user).can_publish_subpage())
    try:
        with tempfile.TemporaryDirectory(prefix="gohelliades-import-") as work:
            folder = Path(work) / "files"
            folder.mkdir()
            if run.archive_file:
                with run.archive_file.open("rb") as source:
                    zip_unpack(source=source, folder=folder)
            metadata = Path(work) / METADATA_NAME
            with run.metadata_file.open("rb") as source, metadata.open("wb") as out:
                shutil.copyfileobj(source, out)
            report = collection_import(
                folder=folder,
                metadata=metadata,
                dry_run=run.dry_run,
                user=user,
                run=run,
                publish=may_publish,
            )
    except ImportImpossible as error:
        return _failed(run=run, message=str(error))
    except Exception:  # the run must not stay « en cours » for ever
        logger.exception("Import %s arrêté", run.pk)
        return _failed(
            run=run,
            message=_(
                "L'import s'est arrêté sur une erreur inattendue. Relancez-le avec les mêmes "
                "fichiers : ce qui a été importé ne le sera pas une seconde fois."
            ),
        )
    run.refresh_from_db()
    if report.errors:
        run.report.save(f"rapport-{run.pk}.csv", ContentFile(report.as_csv().encode()), False)
    run.total, run.processed = report.total, report.processed
    run.created, run.skipped = report.created, report.skipped
    run.refused, run.drafts = report.refused, report.drafts
    run.state, run.finished_at = ImportState.DONE, timezone.now()
    run.save()
    return run


def _failed(*, run: ImportRun, message: str) -> ImportRun:
    run.refresh_from_db()
    run.state, run.error, run.finished_at = ImportState.FAILED, message, timezone.now()
    run.save()
    return run
