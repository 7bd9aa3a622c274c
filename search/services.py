"""Writes to the search indices: the engine's (through its alias) and the database's own.

Both are fed from ``search.sources`` in the same pass, so they never disagree on what is
public. The database is written first: it is local and always there. The engine may be
absent (nothing to do), or down (the change is kept in ``PendingSync`` and retried).
"""

import logging
import queue
import time
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from http import HTTPStatus

import orjson
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from elasticsearch import ApiError, Elasticsearch, helpers
from wagtail.models import Page

from search import documents, engine
from search.models import PendingSync, SearchEntry, SearchFacetValue
from search.sources import SOURCES, SearchData, children_of

logger = logging.getLogger(__name__)

CHUNK_SIZE = 500
Progress = Callable[[int], None]


# The database's index ---------------------------------------------------------------------


@transaction.atomic
def _entries_write(data: list[SearchData]) -> None:
    """Replace the entries of these documents (delete then insert: the triggers follow).

    One transaction, so a search never sees entries without their facets (the fallback caches
    facets per generation of entries)."""
    SearchEntry.objects.filter(doc_id__in=[item.doc_id for item in data]).delete()
    _entries_insert(data)


def _entries_delete(*, doc_types: list[str]) -> None:
    """Two statements however many entries: Django's cascade would first read every entry
    (bodies included) and then delete their facet values a batch at a time."""
    SearchFacetValue.objects.filter(entry__doc_type__in=doc_types).delete()  # a fast delete
    placeholders = ", ".join(["%s"] * len(doc_types))
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {SearchEntry._meta.db_table} WHERE doc_type IN ({placeholders})",  # noqa: S608
            doc_types,
        )


def _entries_insert(data: list[SearchData]) -> None:
    """Two inserts (the entries, then their facet values), whatever the number."""
    entries = SearchEntry.objects.bulk_create(
        SearchEntry(
            doc_id=item.doc_id,
            doc_type=item.doc_type,
            object_id=item.object_id,
            title=item.title,
            body=item.body,
            kind=item.kind,
            date=item.date,
            date_label=item.date_label,
            url=item.url,
            thumbnail=item.thumbnail,
            timecode=item.timecode,
            parent_title=item.parent_title,
            parent_id=item.parent_id,
            latitude=item.latitude,
            longitude=item.longitude,
        )
        for item in data
    )
    # Plain rows, not model objects: an entry has half a dozen facet values, and building an
    # object for each cost more than inserting it.
    rows = [
        (entry.pk, facet, value[:255])
        for entry, item in zip(entries, data, strict=True)
        for facet, value in item.facets()
    ]
    if not rows:
        return
    fields = [SearchFacetValue._meta.get_field(name) for name in ("entry", "facet", "value")]
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    table = connection.ops.quote_name(SearchFacetValue._meta.db_table)
    # As many rows a statement as the database takes (all of them on PostgreSQL).
    size = connection.ops.bulk_batch_size(fields, rows)
    with connection.cursor() as cursor:
        for start in range(0, len(rows), size):
            batch = rows[start : start + size]
            values = ", ".join(["(%s, %s, %s)"] * len(batch))
            cursor.execute(
                f"INSERT INTO {table} ({columns}) VALUES {values}",  # noqa: S608 -- names from the model
                [value for row in batch for value in row],
            )


def _entries_copy(data: list[SearchData]) -> None:
    """``_entries_insert`` for the rebuild on PostgreSQL: the ids taken from the sequence in
    one query, then the entries and their facet values each in one ``COPY``, which parses
    and converts a fraction of what a many-row ``INSERT`` does (its parameters cost more
    Python time than building the documents)."""
    if not data:
        return
    entries, facets = SearchEntry._meta.db_table, SearchFacetValue._meta.db_table
    now = timezone.now()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [entries, len(data)],
        )
        ids = [row[0] for row in cursor.fetchall()]
        with cursor.copy(f"COPY {entries} ({', '.join(_COPIED_COLUMNS)}) FROM STDIN") as copy:
            for pk, item in zip(ids, data, strict=True):
                copy.write_row((pk, *(getattr(item, name) for name in _COPIED_COLUMNS[1:-1]), now))
        with cursor.copy(f"COPY {facets} (entry_id, facet, value) FROM STDIN") as copy:
            for pk, item in zip(ids, data, strict=True):
                for facet, value in item.facets():
                    copy.write_row((pk, facet, value[:255]))


# The columns ``_entries_copy`` writes: the id, the document's own fields, ``indexed_at``.
_COPIED_COLUMNS = (
    "id",
    "doc_id",
    "doc_type",
    "object_id",
    "title",
    "body",
    "kind",
    "date",
    "date_label",
    "url",
    "thumbnail",
    "timecode",
    "parent_title",
    "parent_id",
    "latitude",
    "longitude",
    "indexed_at",
)


class DatabaseFiller:
    """The database's index refilled on a connection of its own, in a thread, while the
    caller builds the next documents and the engine indexes the previous ones: PostgreSQL's
    work (full-text vectors, vocabulary, GIN index) runs on the other core instead of after.

    Everything happens in one transaction, committed by ``commit()`` only: until then
    searches on the database see the old entries; ``abort()`` rolls it back. At most a few
    chunks wait, so memory stays bounded."""

    QUEUED = 4

    def __init__(self, doc_types: list[str]):
        self._chunks: queue.Queue = queue.Queue(maxsize=self.QUEUED)
        self._decision: queue.Queue = queue.Queue(maxsize=1)
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="search-db")
        self._done = self._executor.submit(self._run, doc_types)

    @staticmethod
    def in_parallel() -> bool:
        """Only where a second connection sees the same data: never inside a transaction
        already open (the new connection could not see its rows, and would wait on them),
        and not on SQLite, which writes one transaction at a time anyway."""
        return connection.vendor == "postgresql" and not connection.in_atomic_block

    def add(self, chunk: list[SearchData] | None) -> None:
        while True:
            try:
                self._chunks.put(chunk, timeout=1)
                return
            except queue.Full:
                if self._done.done():
                    self._done.result()  # its failure, raised here

    def commit(self) -> None:
        self._finish(commit=True)

    def abort(self) -> None:
        """Roll back. Its own failure, if any, is logged: the caller's is the one to raise."""
        try:
            self._finish(commit=False)
        except Exception:
            logger.exception("Remplissage de l'index de la base interrompu")

    def check(self) -> None:
        """Raise its failure now, if it has failed."""
        if self._done.done():
            self._done.result()

    def _finish(self, *, commit: bool) -> None:
        try:
            if not self._done.done():
                self.add(None)  # the end of the chunks
                self._decision.put(commit)
            self._done.result()
        finally:
            self._executor.shutdown(wait=True)

    def _run(self, doc_types: list[str]) -> None:
        try:
            with transaction.atomic():
                _entries_delete(doc_types=doc_types)
                while (chunk := self._chunks.get()) is not None:
                    _entries_copy(chunk)
                if not self._decision.get():
                    transaction.set_rollback(True)
        finally:
            connection.close()  # this thread's own connection


# The engine's index -----------------------------------------------------------------------


def _document(item: SearchData) -> dict:
    # ``to_document`` already has the mapping's shape: no DSL object built per document.
    return item.to_document()


def _write_targets(client: Elasticsearch) -> list[str]:
    """The live index and, during a rebuild, the one being filled."""
    aliases = client.options(ignore_status=404).indices.get_alias(
        name=[engine.alias_name(), engine.building_alias_name()]
    )
    # A partly missing alias answers 404 with the found indices beside "error" and "status".
    return sorted(name for name in aliases.body if name not in ("error", "status"))


def _new_index_name() -> str:
    return f"{engine.alias_name()}-{timezone.now():%Y%m%d%H%M%S%f}"


def index_ensure(*, client: Elasticsearch) -> list[str]:
    """The indices writes go to; creates an empty versioned index behind the alias if none."""
    targets = _write_targets(client)
    if targets:
        return targets
    name = _new_index_name()
    documents.content_index(name).create(using=client)
    client.indices.put_alias(index=name, name=engine.alias_name())
    return [name]


def _engine_apply(
    *, client: Elasticsearch, upserts: list[SearchData], deletes: list[str], refresh=False
) -> None:
    actions = []
    for index in index_ensure(client=client):
        actions.extend(
            {"_op_type": "index", "_index": index, "_id": item.doc_id, "_source": _document(item)}
            for item in upserts
        )
        actions.extend({"_op_type": "delete", "_index": index, "_id": doc_id} for doc_id in deletes)
    if actions:
        # A delete of something never indexed answers 404: that is the state we want.
        helpers.bulk(client, actions, refresh=refresh, raise_on_error=False, stats_only=True)


# Some objects -------------------------------------------------------------------------------


def _current_data(doc_type: str, object_ids: Iterable[int]) -> tuple[list[SearchData], list[str]]:
    """What the public may see of these objects now, and the ids that must disappear."""
    source = SOURCES[doc_type]
    ids = set(object_ids)
    found = list(source.iter_data(source.queryset().filter(pk__in=ids)))
    missing = ids - {item.object_id for item in found}
    return found, [f"{doc_type}-{object_id}" for object_id in sorted(missing)]


# Parent id -> child doc type -> what the public may see of that parent's children.
Children = dict[int, dict[str, list[SearchData]]]


def _children_data(doc_type: str, object_ids: Iterable[int]) -> Children:
    """What the public may see now of the documents that belong to these objects (an item's
    transcript segments): none when the object itself is not public."""
    return {
        object_id: {
            child.doc_type: list(child.iter_data(child.for_parent(object_id)))
            for child in children_of(doc_type)
        }
        for object_id in object_ids
    }


def _children_flat(children: Children) -> tuple[set[str], list[SearchData]]:
    child_types = {child_type for by_type in children.values() for child_type in by_type}
    data = [item for by_type in children.values() for items in by_type.values() for item in items]
    return child_types, data


def _children_entries_write(children: Children) -> None:
    child_types, data = _children_flat(children)
    for child_type in child_types:
        SearchEntry.objects.filter(doc_type=child_type, parent_id__in=list(children)).delete()
    if data:
        _entries_write(data)


def _engine_children_apply(*, client: Elasticsearch, children: Children, refresh=False) -> None:
    """Index the children as they are now, then drop the ones that are gone (a split or an
    import changes the ids): searches never miss a passage that still exists.

    The gone ones are found by a search (after a refresh, so that none sent a moment ago is
    missed) rather than ``_delete_by_query``, which not every engine build ships. One search
    for all the parents: a subtree made private costs one refresh, not one per item."""
    child_types, data = _children_flat(children)
    if not child_types:
        return
    _engine_apply(client=client, upserts=data, deletes=[], refresh=refresh)
    targets = index_ensure(client=client)
    client.indices.refresh(index=targets)
    current = {item.doc_id for item in data}
    hits = helpers.scan(
        client,
        index=targets,
        query={
            "query": {
                "bool": {
                    "filter": [
                        {"terms": {"doc_type": sorted(child_types)}},
                        {"terms": {"parent_id": sorted(children)}},
                    ]
                }
            },
            "_source": False,
        },
    )
    gone = sorted({hit["_id"] for hit in hits} - current)
    _engine_apply(client=client, upserts=[], deletes=gone, refresh=refresh)


def entries_sync(
    *, doc_type: str, object_ids: Iterable[int], refresh: bool = False
) -> tuple[int, int]:
    """Bring both indices in line with these objects, and what belongs to them: each one
    indexed if public, removed otherwise.

    Returns how many were indexed and how many removed. Never raises because of the engine:
    a failure is kept for a retry and shows in ``search_index status``.
    """
    ids = sorted(set(object_ids))
    if not ids:
        return 0, 0
    upserts, deletes = _current_data(doc_type, ids)
    children = _children_data(doc_type, ids)
    with transaction.atomic():
        SearchEntry.objects.filter(doc_id__in=deletes).delete()
        if upserts:
            _entries_write(upserts)
        _children_entries_write(children)
    counts = len(upserts), len(deletes)
    client = engine.get_client()
    if client is None:
        return counts
    try:
        _engine_apply(client=client, upserts=upserts, deletes=deletes, refresh=refresh)
        _engine_children_apply(client=client, children=children, refresh=refresh)
    except engine.ENGINE_ERRORS as error:
        for object_id in ids:
            pending_record(doc_type=doc_type, object_id=object_id, error=error)
        return counts
    PendingSync.objects.filter(doc_type=doc_type, object_id__in=ids).delete()
    pending_retry(refresh=refresh)
    return counts


def entry_sync(*, doc_type: str, object_id: int, refresh: bool = False) -> str:
    """``entries_sync`` for one object: ``"indexed"`` or ``"removed"``."""
    indexed, _removed = entries_sync(doc_type=doc_type, object_ids=[object_id], refresh=refresh)
    return "indexed" if indexed else "removed"


def subtree_sync(*, page_id: int, refresh: bool = False) -> int:
    """Bring both indices in line with a page and every page under it: a view restriction
    added, changed or removed decides for the whole subtree at once (an archive index made
    private hides all its items). Returns how many searchable pages were looked at."""
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return 0  # deleted with its restriction: its own deletion was synced
    total = 0
    for source in SOURCES.values():
        model = source.model()
        if source.parent_doc_type is not None or not issubclass(model, Page):
            continue
        ids = list(
            model.objects.descendant_of(page, inclusive=True)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        for start in range(0, len(ids), CHUNK_SIZE):
            entries_sync(
                doc_type=source.doc_type,
                object_ids=ids[start : start + CHUNK_SIZE],
                refresh=refresh,
            )
        total += len(ids)
    return total


def pending_record(*, doc_type: str, object_id: int, error: Exception) -> PendingSync:
    logger.warning("Index non mis à jour pour %s-%s : %s", doc_type, object_id, error)
    pending, created = PendingSync.objects.get_or_create(
        doc_type=doc_type, object_id=object_id, defaults={"last_error": str(error)[:2000]}
    )
    if not created:
        pending.attempts += 1
        pending.last_error = str(error)[:2000]
        pending.save(update_fields=["attempts", "last_error", "updated_at"])
    return pending


def pending_retry(*, limit: int = 500, refresh: bool = False) -> int:
    """Send what the engine missed. Returns how many changes were sent."""
    client = engine.get_client()
    pending = list(PendingSync.objects.order_by("created_at")[:limit])
    if client is None or not pending:
        return 0
    by_type: dict[str, list[int]] = {}
    for change in pending:
        by_type.setdefault(change.doc_type, []).append(change.object_id)
    try:
        for doc_type, object_ids in by_type.items():
            upserts, deletes = _current_data(doc_type, object_ids)
            _engine_apply(client=client, upserts=upserts, deletes=deletes, refresh=refresh)
            _engine_children_apply(
                client=client, children=_children_data(doc_type, object_ids), refresh=refresh
            )
    except engine.ENGINE_ERRORS as error:
        logger.warning("Reprise des mises à jour en attente impossible : %s", error)
        return 0
    PendingSync.objects.filter(pk__in=[change.pk for change in pending]).delete()
    return len(pending)


# Everything --------------------------------------------------------------------------------


@dataclass
class RebuildReport:
    documents: int
    seconds: float
    index: str | None
    # Until the new engine index answered behind the alias: what searches wait for. The
    # database's index may finish after it (``seconds``), filled in parallel.
    engine_seconds: float | None = None

    @property
    def per_second(self) -> float:
        return self.documents / self.seconds if self.seconds else float(self.documents)


def total_to_index(doc_types: Iterable[str] | None = None) -> int:
    return sum(SOURCES[doc_type].queryset().count() for doc_type in doc_types or SOURCES)


def index_rebuild(*, progress: Progress | None = None) -> RebuildReport:
    """Fill a new versioned index and the database's index, then switch the alias atomically.

    Searches keep answering from the previous index until the switch; edits made meanwhile
    are written to both (the new index is reachable through the "next" alias). The new index
    is filled without replicas or refreshes, and given its live settings back before the
    switch, so that it answers as any other from its first search. On PostgreSQL the
    database's index is filled at the same time on its own connection (``DatabaseFiller``)
    and committed once the engine's is in service: each keeps its old entries until then.
    """
    started = time.perf_counter()
    client = engine.get_client()
    name = None
    if client is not None:
        name = _new_index_name()
        documents.content_index(name, building=True).create(using=client)
        client.indices.put_alias(index=name, name=engine.building_alias_name())
    filler = DatabaseFiller(list(SOURCES)) if DatabaseFiller.in_parallel() else None
    try:
        count = _rebuild_fill(client, name, filler, progress)
        if client is not None:
            client.indices.put_settings(index=name, settings=documents.live_settings())
            client.indices.refresh(index=name)
            # Its shards ready before the alias points at it: no search meets a 503 meanwhile.
            client.cluster.health(index=name, wait_for_status="yellow", timeout="30s")
        if filler is not None:
            filler.check()  # a database that failed stops the switch
    except BaseException:
        if filler is not None:
            filler.abort()
        if client is not None:
            client.options(ignore_status=404).indices.delete(index=name)
        raise
    engine_seconds = None
    if client is not None:
        _switch_alias(client, name)
        engine_seconds = time.perf_counter() - started
    if filler is not None:
        filler.commit()
    if client is not None:
        PendingSync.objects.all().delete()
    return RebuildReport(
        documents=count,
        seconds=time.perf_counter() - started,
        index=name,
        engine_seconds=engine_seconds,
    )


def _rebuild_fill(
    client: Elasticsearch | None, name: str | None, filler: DatabaseFiller | None, progress
) -> int:
    """Each source's chunks into both indices: the database's in one transaction (searches
    see the old entries until it commits), here or through ``filler``; the engine's through
    ``BulkSender``, which sends a chunk while the next is read."""
    count = 0
    sender = BulkSender(client=client, index=name) if client is not None else None
    insert = _entries_copy if connection.vendor == "postgresql" else _entries_insert
    try:
        with transaction.atomic():
            if filler is None:
                _entries_delete(doc_types=list(SOURCES))
            for source in SOURCES.values():
                for chunk in source.chunks():
                    if filler is None:
                        insert(chunk)
                    else:
                        filler.add(chunk)
                    if sender is not None:
                        sender.add(chunk)
                    count += len(chunk)
                    if progress:
                        progress(len(chunk))
            if sender is not None:
                sender.flush()  # an engine error rolls the database's index back too
    finally:
        if sender is not None:
            sender.close()
    return count


class BulkSender:
    """Documents to one index in ``_bulk`` requests of about ``SEARCH_BULK_BYTES`` each, sent
    from one background thread so that reading the database and indexing overlap; at most
    two requests wait, so memory stays bounded. Any document refused stops the build, except
    those the engine asks to send again later (``BULK_RETRY_DELAYS``)."""

    IN_FLIGHT = 2
    # The engine answers 429 when it cannot take more for a moment (its memory breaker on a
    # small heap, a full write queue, a disk past its flood stage): what it refused is sent
    # again after each of these waits, half a minute in all, before the build gives up.
    BULK_RETRY_DELAYS = (0.5, 1, 2, 4, 8, 16)

    def __init__(self, *, client: Elasticsearch, index: str, max_bytes: int | None = None):
        self.client = client.options(request_timeout=120)
        self.index = index
        self.max_bytes = max_bytes or settings.SEARCH_BULK_BYTES
        self._buffer = bytearray()
        self._pending: deque[Future] = deque()
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="search-bulk")

    def add(self, chunk: Iterable[SearchData]) -> None:
        for item in chunk:
            self._buffer += _bulk_lines(item)
            if len(self._buffer) >= self.max_bytes:
                self._submit()

    def flush(self) -> None:
        """Send what is left and wait for every answer."""
        if self._buffer:
            self._submit()
        while self._pending:
            self._pending.popleft().result()

    def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)

    def _submit(self) -> None:
        body, self._buffer = bytes(self._buffer), bytearray()
        while len(self._pending) >= self.IN_FLIGHT:
            self._pending.popleft().result()
        self._pending.append(self._executor.submit(self._send, body))

    def _send(self, body: bytes) -> None:
        for delay in self.BULK_RETRY_DELAYS:
            body = self._send_once(body, retry=True)
            if not body:
                return
            logger.warning(
                "Le moteur demande d'attendre : %d document(s) renvoyé(s) dans %s s",
                body.count(b"\n") // 2,
                delay,
            )
            time.sleep(delay)
        self._send_once(body, retry=False)

    def _send_once(self, body: bytes, *, retry: bool) -> bytes:
        """One ``_bulk`` request. Returns what the engine asks to be sent again later (with
        ``retry``: a 429 for the request or for some documents), empty when all were taken;
        raises for anything else."""
        try:
            answer = self.client.bulk(index=self.index, operations=body)
        except ApiError as error:
            if retry and error.meta.status == HTTPStatus.TOO_MANY_REQUESTS:
                return body
            raise
        refused = {
            number: result
            for number, entry in enumerate(answer["items"])
            for result in entry.values()
            if result.get("status", 200) >= 300
        }
        if refused and not (
            retry and all(r["status"] == HTTPStatus.TOO_MANY_REQUESTS for r in refused.values())
        ):
            failed = list(refused.values())
            raise helpers.BulkIndexError(f"{len(failed)} document(s) refusé(s)", failed)
        return _bulk_subset(body, refused)


def _bulk_subset(body: bytes, numbers: Iterable[int]) -> bytes:
    """The documents of a ``_bulk`` body at these positions (two lines each: the action,
    then the source; JSON escapes any newline inside them)."""
    lines = body.split(b"\n")
    return b"".join(b"%b\n%b\n" % (lines[2 * number], lines[2 * number + 1]) for number in numbers)


def _bulk_lines(item: SearchData) -> bytes:
    """One document as ``_bulk`` takes it: its action line, then its source (orjson writes
    UTF-8 bytes directly, several times faster than ``json``)."""
    action = orjson.dumps({"index": {"_id": item.doc_id}})
    return b"%b\n%b\n" % (action, orjson.dumps(_document(item)))


def _switch_alias(client: Elasticsearch, name: str) -> None:
    """One ``_aliases`` request: readers see the old index or the new one, never neither."""
    alias, building = engine.alias_name(), engine.building_alias_name()
    current = client.options(ignore_status=404).indices.get_alias(name=alias)
    old = [index for index in current.body if index != name] if current.meta.status == 200 else []
    actions = [{"add": {"index": name, "alias": alias}}]
    actions += [{"remove": {"index": index, "alias": alias}} for index in old]
    actions.append({"remove": {"index": name, "alias": building}})
    client.indices.update_aliases(actions=actions)
    for index in old:
        client.options(ignore_status=404).indices.delete(index=index)


def index_update(*, progress: Progress | None = None) -> RebuildReport:
    """Re-send everything to the live index and the database, and remove what is gone."""
    started = time.perf_counter()
    client = engine.get_client()
    count = 0
    for doc_type, source in SOURCES.items():
        seen: set[str] = set()
        chunk: list[SearchData] = []
        for item in source.iter_data():
            chunk.append(item)
            seen.add(item.doc_id)
            if len(chunk) >= CHUNK_SIZE:
                count += _update_chunk(client, chunk, progress)
                chunk = []
        if chunk:
            count += _update_chunk(client, chunk, progress)
        SearchEntry.objects.filter(doc_type=doc_type).exclude(doc_id__in=seen).delete()
        if client is not None:
            stale = [doc_id for doc_id in engine_doc_ids(client, doc_type) if doc_id not in seen]
            _engine_apply(client=client, upserts=[], deletes=stale)
    if client is not None:
        PendingSync.objects.all().delete()
        client.indices.refresh(index=engine.alias_name())
    return RebuildReport(documents=count, seconds=time.perf_counter() - started, index=None)


def _update_chunk(client, chunk: list[SearchData], progress: Progress | None) -> int:
    with transaction.atomic():
        _entries_write(chunk)
    if client is not None:
        _engine_apply(client=client, upserts=chunk, deletes=[])
    if progress:
        progress(len(chunk))
    return len(chunk)


def engine_doc_ids(client: Elasticsearch, doc_type: str) -> list[str]:
    hits = helpers.scan(
        client,
        index=engine.alias_name(),
        query={"query": {"term": {"doc_type": doc_type}}, "_source": False},
    )
    return [hit["_id"] for hit in hits]


@dataclass
class StatusRow:
    doc_type: str
    label: str
    in_database: int
    in_fallback: int
    in_engine: int | None
    pending: int

    @property
    def drift(self) -> bool:
        return (
            self.pending > 0
            or (self.in_engine is not None and self.in_engine != self.in_database)
            or self.in_fallback != self.in_database
        )


def index_status() -> tuple[list[StatusRow], str | None]:
    """Counts per document type; the concrete index behind the alias (``None`` if no engine)."""
    client = engine.get_client()
    index_name = None
    engine_counts: dict[str, int] = {}
    if client is not None:
        aliases = client.options(ignore_status=404).indices.get_alias(name=engine.alias_name())
        if aliases.meta.status == 200:
            index_name = ", ".join(sorted(aliases.body))
            client.indices.refresh(index=engine.alias_name())
            answer = client.search(
                index=engine.alias_name(),
                size=0,
                aggs={"types": {"terms": {"field": "doc_type", "size": 50}}},
            )
            engine_counts = {
                bucket["key"]: bucket["doc_count"]
                for bucket in answer["aggregations"]["types"]["buckets"]
            }
    rows = [
        StatusRow(
            doc_type=doc_type,
            label=source.label,
            in_database=source.queryset().count(),
            in_fallback=SearchEntry.objects.filter(doc_type=doc_type).count(),
            in_engine=engine_counts.get(doc_type, 0) if client is not None else None,
            pending=PendingSync.objects.filter(doc_type=doc_type).count(),
        )
        for doc_type, source in SOURCES.items()
    ]
    return rows, index_name
