"""Write a backup archive, and bring a fresh install back to the state it holds.

The archive is one zip file:

- ``database.jsonl``: every row of every table (``selectors.dumped_models``), in Django's
  JSON-lines serialisation, with their own primary keys. Natural keys are not used: the restore
  empties every table first, so content types, permissions and users come back under their
  old ids, and so do the ids Wagtail keeps inside JSON (revisions, StreamFields) that no
  natural key would reach. The same file restores onto SQLite or PostgreSQL.
- ``files/<model field>/<name>``: every file the database references, read through the
  field's storage (the local folder, or S3).
- ``manifest.json``: version, date, migrations, counts, and the size and SHA-256 of every
  other member. Zip keeps a directory at the end, so the restore reads the manifest first.

The restore checks everything before writing anything: the manifest, that the archive holds
exactly the files it lists with their checksums, the migrations, and that the target is empty
(unless ``force``). Then it writes the files, replaces the database in one transaction, and
rebuilds the search indices.
"""

import datetime
import hashlib
import io
import json
import tomllib
import zipfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.files import File
from django.core.management import call_command
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from wagtail.models import Site

from home.backup import selectors
from home.backup.selectors import StoredFile
from search import engine
from search import services as search_services

FORMAT = "gohelliades-sauvegarde"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DATABASE = "database.jsonl"
CHUNK = 1024 * 1024

# ``step(label, total)`` announces a stage and returns ``advance(count)``; commands show bars.
Advance = Callable[[int], None]
Step = Callable[[str, int], Advance]


def _no_progress(label: str, total: int) -> Advance:
    return lambda count: None


class BackupError(Exception):
    """A backup or restore refused or failed; the message is for people, in French."""


@dataclass
class BackupReport:
    path: Path
    objects: int
    files: int
    bytes: int
    counts: dict[str, int]
    missing: list[str] = field(default_factory=list)


@dataclass
class RestoreReport:
    objects: int
    files_written: int
    files_kept: int
    indexed: int
    counts: dict[str, int]


# Backup ------------------------------------------------------------------------------------


def backup_create(*, destination: Path, progress: Step = _no_progress) -> BackupReport:
    """Write the archive to ``destination``; a ``.partiel`` file until complete, so a backup
    that fails half-way never leaves a file that looks like a good one."""
    destination = Path(destination)
    unapplied = selectors.unapplied_migrations()
    if unapplied:
        raise BackupError(
            f"Des migrations ne sont pas appliquées ({', '.join(unapplied[:3])}) : lancez "
            "« manage.py migrate » avant de sauvegarder."
        )
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(destination.name + ".partiel")
    try:
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            database_entry, model_counts, files = _database_dump(archive, progress)
            file_entries, missing = _files_copy(archive, files, progress)
            counts = _human_counts(model_counts)
            manifest = {
                "format": FORMAT,
                "format_version": FORMAT_VERSION,
                "version": application_version(),
                "created_at": timezone.localtime().isoformat(timespec="seconds"),
                "database": {"vendor": connection.vendor, "models": model_counts},
                "migrations": selectors.applied_migrations(),
                "counts": counts | {"files": len(file_entries)},
                "files": [database_entry, *file_entries],
                "missing": missing,
            }
            archive.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
        partial.replace(destination)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return BackupReport(
        path=destination,
        objects=sum(model_counts.values()),
        files=len(file_entries),
        bytes=sum(entry["size"] for entry in file_entries),
        counts=counts,
        missing=missing,
    )


def _database_dump(archive: zipfile.ZipFile, progress: Step):
    """Every table in one consistent snapshot; the names of the files it references are read in
    the same snapshot, the files themselves copied after (they are never overwritten)."""
    models = selectors.dumped_models()
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        totals = {model: model._base_manager.count() for model in models}
        advance = progress("Base de données", sum(totals.values()))
        counts: dict[str, int] = {}
        serializer = serializers.get_serializer("jsonl")()
        with _HashingMember(archive, DATABASE, compress=True) as member:
            text = io.TextIOWrapper(member, encoding="utf-8", newline="\n")
            for model in models:
                if not totals[model]:
                    continue
                queryset = model._base_manager.order_by("pk")
                # Only the table's own columns: auto-created many-to-many tables are dumped as
                # their own rows, and a child page's parent row is dumped with the parent model.
                fields = [f.name for f in model._meta.local_fields if f.serialize]
                serializer.serialize(
                    _counted(queryset.iterator(chunk_size=2000), advance),
                    stream=text,
                    fields=fields,
                    cls=_ExactJSONEncoder,
                )
                counts[model._meta.label_lower] = totals[model]
            text.flush()
            text.detach()
        files = list(selectors.stored_files())
    return member.entry(), counts, files


class _ExactJSONEncoder(DjangoJSONEncoder):
    """Times to the microsecond: Django's encoder cuts them to milliseconds (as JavaScript
    does), and a restored consent date or revision must be the one that was saved."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


def _counted(objects, advance: Advance):
    pending = 0
    for obj in objects:
        yield obj
        pending += 1
        if pending == 500:
            advance(pending)
            pending = 0
    advance(pending)


def _files_copy(archive: zipfile.ZipFile, files: list[StoredFile], progress: Step):
    advance = progress("Fichiers", len(files))
    entries, missing = [], []
    for stored in files:
        storage = stored.storage
        if not storage.exists(stored.name):
            missing.append(stored.member)
            advance(1)
            continue
        # Photos, sound and video are compressed already: stored as they are.
        with (
            storage.open(stored.name, "rb") as source,
            _HashingMember(archive, stored.member, compress=False) as member,
        ):
            for chunk in iter(lambda: source.read(CHUNK), b""):
                member.write(chunk)
        entries.append(member.entry() | {"field": stored.field, "name": stored.name})
        advance(1)
    return entries, missing


class _HashingMember(io.RawIOBase):
    """A member being written to the zip, with its size and SHA-256 counted on the way."""

    def __init__(self, archive: zipfile.ZipFile, name: str, *, compress: bool):
        info = zipfile.ZipInfo(name, date_time=timezone.localtime().timetuple()[:6])
        info.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
        self._name = name
        self._member = archive.open(info, "w", force_zip64=True)
        self._sha256 = hashlib.sha256()
        self._size = 0

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self._member.write(data)
        self._sha256.update(data)
        self._size += len(data)
        return len(data)

    def close(self) -> None:
        if not self.closed:
            self._member.close()
        super().close()

    def entry(self) -> dict:
        return {"path": self._name, "size": self._size, "sha256": self._sha256.hexdigest()}


def _human_counts(model_counts: dict[str, int]) -> dict[str, int]:
    labels = {
        "pages": "wagtailcore.page",
        "archive_items": "archive.archiveitempage",
        "images": "media.customimage",
        "media_files": "media.mediafile",
        "contributions": "archive.contribution",
        "volunteers": "festival.volunteer",
        "users": "auth.user",
    }
    return {label: model_counts.get(model, 0) for label, model in labels.items()}


def application_version() -> str:
    try:
        with open(settings.BASE_DIR / "pyproject.toml", "rb") as project:
            return tomllib.load(project)["project"]["version"]
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return "inconnue"


def default_destination() -> Path:
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    return Path(settings.VAR_DIR) / "sauvegardes" / f"gohelliades-{stamp}.zip"


# Restore -----------------------------------------------------------------------------------


def backup_restore(*, path: Path, force: bool = False, progress: Step = _no_progress):
    """Check the archive whole, then write the files, the database, and the search indices."""
    try:
        archive = zipfile.ZipFile(path)
    except FileNotFoundError as error:
        raise BackupError(f"Le fichier « {path} » n'existe pas.") from error
    except (zipfile.BadZipFile, OSError) as error:
        raise BackupError(
            f"« {path} » n'est pas une archive de sauvegarde lisible (zip attendu)."
        ) from error
    with archive:
        manifest = _manifest_read(archive)
        entries = _entries_check(archive, manifest)
        _migrations_check(manifest)
        if not force:
            _target_empty_check()
        _checksums_verify(archive, entries, progress)
        to_write, kept = _files_plan(entries, force=force)
        _files_write(archive, to_write, progress)
        objects = _database_load(archive, manifest, progress)
    indexed = _search_rebuild(progress)
    return RestoreReport(
        objects=objects,
        files_written=len(to_write),
        files_kept=kept,
        indexed=indexed,
        counts=manifest.get("counts", {}),
    )


def _manifest_read(archive: zipfile.ZipFile) -> dict:
    try:
        manifest = json.loads(archive.read(MANIFEST))
    except KeyError as error:
        raise BackupError(
            "Cette archive n'a pas de manifeste (manifest.json) : ce n'est pas une sauvegarde "
            "faite par « manage.py backup »."
        ) from error
    except (ValueError, zipfile.BadZipFile) as error:
        raise BackupError(
            "Le manifeste de l'archive est illisible : l'archive est abîmée."
        ) from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError("Cette archive n'est pas une sauvegarde de Gohelliades.")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(
            f"Cette sauvegarde est au format {manifest.get('format_version')}, cette version "
            f"du site lit le format {FORMAT_VERSION}."
        )
    return manifest


def _entries_check(archive: zipfile.ZipFile, manifest: dict) -> list[dict]:
    """The archive holds exactly what the manifest lists, under names that stay in place."""
    entries = manifest.get("files")
    if not isinstance(entries, list) or not all(isinstance(entry, dict) for entry in entries):
        raise BackupError("Le manifeste de l'archive est incomplet : l'archive est abîmée.")
    listed = [entry.get("path") for entry in entries]
    present = [name for name in archive.namelist() if name != MANIFEST]
    if sorted(listed) != sorted(present) or DATABASE not in listed:
        unexpected = sorted(set(present) - set(listed)) + sorted(set(listed) - set(present))
        raise BackupError(
            "L'archive ne contient pas exactement les fichiers que son manifeste annonce "
            f"({', '.join(unexpected[:3]) or 'doublons'}) : elle a été modifiée. "
            "Rien n'a été écrit."
        )
    fields = selectors.file_fields()
    for entry in entries:
        if entry["path"] == DATABASE:
            continue
        name = entry.get("name", "")
        parts = PurePosixPath(name).parts
        if (
            entry.get("field") not in fields
            or not name
            or name.startswith("/")
            or "\\" in name
            or ".." in parts
            or entry["path"] != f"files/{entry['field']}/{name}"
        ):
            raise BackupError(
                f"Le fichier « {entry['path']} » de l'archive porte un nom ou un champ refusé : "
                "l'archive a été modifiée. Rien n'a été écrit."
            )
    return entries


def _migrations_check(manifest: dict) -> None:
    theirs, ours = set(manifest.get("migrations", [])), set(selectors.applied_migrations())
    if theirs == ours:
        return
    missing, extra = sorted(theirs - ours), sorted(ours - theirs)
    detail = "; ".join(
        part
        for part in (
            f"absentes ici : {', '.join(missing[:3])}" if missing else "",
            f"absentes de l'archive : {', '.join(extra[:3])}" if extra else "",
        )
        if part
    )
    raise BackupError(
        f"Cette sauvegarde vient d'une autre version du site ({manifest.get('version')}, "
        f"migrations {detail}). Installez la même version, lancez « manage.py migrate », "
        "puis relancez la restauration."
    )


def _target_empty_check() -> None:
    counts = selectors.site_content_counts()
    if counts:
        found = ", ".join(f"{count} {label}" for label, count in counts.items())
        raise BackupError(
            f"La base de destination n'est pas vide ({found}) : la restauration remplacerait "
            "tout son contenu. Restaurez sur une installation neuve, ou relancez avec --force "
            "pour l'écraser."
        )


def _checksums_verify(archive: zipfile.ZipFile, entries: list[dict], progress: Step) -> None:
    advance = progress("Vérification des empreintes", len(entries))
    for entry in entries:
        digest, size = hashlib.sha256(), 0
        try:
            with archive.open(entry["path"]) as member:
                for chunk in iter(lambda: member.read(CHUNK), b""):
                    digest.update(chunk)
                    size += len(chunk)
        except (zipfile.BadZipFile, OSError, EOFError) as error:
            raise _tampered(entry["path"]) from error
        if digest.hexdigest() != entry.get("sha256") or size != entry.get("size"):
            raise _tampered(entry["path"])
        advance(1)


def _tampered(path: str) -> BackupError:
    return BackupError(
        f"Le fichier « {path} » de l'archive ne correspond pas à son empreinte SHA-256 : "
        "l'archive est abîmée ou a été modifiée. Rien n'a été écrit."
    )


def _files_plan(entries: list[dict], *, force: bool) -> tuple[list[dict], int]:
    """Which files to write; one already in storage with the same content is kept as is (a
    restore run again after a failure), one with other content is refused unless ``force``."""
    to_write, kept = [], 0
    for entry in entries:
        if entry["path"] == DATABASE:
            continue
        stored = StoredFile(field=entry["field"], name=entry["name"])
        if not stored.storage.exists(stored.name):
            to_write.append(entry)
        elif _stored_sha256(stored) == entry["sha256"]:
            kept += 1
        elif force:
            to_write.append(entry | {"replace": True})
        else:
            raise BackupError(
                f"Le fichier « {stored.name} » existe déjà dans le stockage avec un autre "
                "contenu. Relancez avec --force pour le remplacer."
            )
    return to_write, kept


def _stored_sha256(stored: StoredFile) -> str:
    digest = hashlib.sha256()
    with stored.storage.open(stored.name, "rb") as existing:
        for chunk in iter(lambda: existing.read(CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _files_write(archive: zipfile.ZipFile, entries: list[dict], progress: Step) -> None:
    advance = progress("Fichiers", len(entries))
    for entry in entries:
        stored = StoredFile(field=entry["field"], name=entry["name"])
        storage = stored.storage
        if entry.get("replace"):
            storage.delete(stored.name)
        with archive.open(entry["path"]) as member:
            content = File(member, name=stored.name)
            content.size = entry["size"]
            saved = storage.save(stored.name, content, max_length=None)
        if saved != stored.name:
            raise BackupError(
                f"Le stockage a enregistré « {stored.name} » sous un autre nom (« {saved} ») : "
                "vérifiez qu'il accepte ce nom, puis relancez avec --force."
            )
        advance(1)


def _database_load(archive: zipfile.ZipFile, manifest: dict, progress: Step) -> int:
    """Empty every table and put the archive's rows back, in one transaction: a failure leaves
    the database as it was."""
    total = sum(manifest.get("database", {}).get("models", {}).values())
    advance = progress("Base de données", total)
    loaded: Counter[type] = Counter()
    try:
        with transaction.atomic():
            if connection.vendor == "postgresql":
                # TRUNCATE refuses while foreign-key checks are pending (a caller's open
                # transaction): settle them first.
                connection.check_constraints()
            call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
            ContentType.objects.clear_cache()
            with archive.open(DATABASE) as member:
                text = io.TextIOWrapper(member, encoding="utf-8")
                for position, row in enumerate(serializers.deserialize("jsonl", text), 1):
                    row.save(save_m2m=False, force_insert=True)
                    loaded[type(row.object)] += 1
                    if position % 500 == 0:
                        advance(500)
            advance(sum(loaded.values()) % 500)
            # SQLite checks deferred foreign keys only at commit, with no detail: check here.
            connection.check_constraints(table_names=[model._meta.db_table for model in loaded])
            # Rows came back with their ids: move PostgreSQL's sequences past them.
            with connection.cursor() as cursor:
                for statement in connection.ops.sequence_reset_sql(
                    no_style(), selectors.dumped_models()
                ):
                    cursor.execute(statement)
    except (DatabaseError, DeserializationError) as error:
        raise BackupError(
            f"La base n'a pas pu être restaurée ({error}) ; elle est restée comme avant."
        ) from error
    finally:
        ContentType.objects.clear_cache()
    Site.clear_site_root_paths_cache()
    return sum(loaded.values())


def _search_rebuild(progress: Step) -> int:
    """The site's search (database index, and the engine when configured), then Wagtail's own
    index, which the admin's search uses."""
    advance = progress("Index de recherche", search_services.total_to_index())
    try:
        report = search_services.index_rebuild(progress=advance)
    except engine.ENGINE_ERRORS as error:
        raise BackupError(
            f"Le contenu est restauré, mais le moteur de recherche ne répond pas ({error}) : "
            "lancez « manage.py search_index rebuild » quand il sera revenu."
        ) from error
    call_command("update_index", stdout=io.StringIO(), stderr=io.StringIO())
    return report.documents
