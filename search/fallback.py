"""The database answers searches: FTS5 (SQLite) or a weighted tsvector (PostgreSQL).

Queried directly with SQL because speed is the point (Wagtail's database backend takes
seconds at 10,000 items). Words are treated like the engine's analysis: accents folded by the
database's tokenizer or ``unaccent``, elisions and small words dropped, plurals stemmed,
local synonyms expanded (``search.query.query_terms``). "Did you mean" comes from the words of
the same index (search/migrations/0005).
"""

import datetime
import functools
import math
import re

from django.db import connection

from search.analysis import fold
from search.query import (
    FACETS,
    MARK_END,
    MARK_START,
    PAGE_SIZE,
    STOPWORDS,
    WORD,
    Hit,
    SearchParams,
    SearchResults,
    hit_from_source,
    marked_html,
    query_terms,
    sorted_facets,
)

# SQL is assembled from these constants and "%s" placeholders only; every value is a parameter.
ENTRY = "search_searchentry"
FACET_TABLE = "search_searchfacetvalue"
COLUMNS = "e.id, e.doc_type, e.title, e.body, e.kind, e.date, e.date_label, e.url, e.thumbnail, "
COLUMNS += "e.timecode, e.parent_title"
TOKEN = re.compile(r"\w+")


def _fts5_expression(groups) -> str:
    parts = []
    for group in groups:
        alternatives = []
        for words in group:
            phrase = " ".join(words)
            prefix = "" if words[-1].isdigit() else "*"
            alternatives.append(f'"{phrase}"{prefix}')
        parts.append("(" + " OR ".join(alternatives) + ")")
    return " AND ".join(parts)


def _tsquery_expression(groups) -> str:
    parts = []
    for group in groups:
        alternatives = []
        for words in group:
            lexemes = [word if word.isdigit() else f"{word}:*" for word in words]
            alternatives.append("(" + " <-> ".join(lexemes) + ")")
        parts.append("(" + " | ".join(alternatives) + ")")
    return " & ".join(parts)


class _FacetIndex:
    """Every (facet, value) with the entries that have it, kept in memory: as a set (to filter)
    and as a bitmap over the entries (to count).

    Counting facets over thousands of matches with GROUP BY costs 100 ms and more, and set
    intersections 100 ms at 85,000 matches of 100,000 entries; an AND and a population count
    of two bitmaps take microseconds. It is reloaded whenever the entries change (their count
    or highest id moves: updates are a delete and an insert)."""

    def __init__(self):
        self.generation = None
        self.values: dict[tuple[str, str], frozenset[int]] = {}
        self.bitmaps: dict[tuple[str, str], int] = {}
        self.positions: dict[int, int] = {}  # entry id -> its bit

    def current(self, cursor) -> "_FacetIndex":
        cursor.execute(f"SELECT COUNT(*), MAX(id) FROM {ENTRY}")  # noqa: S608
        generation = (connection.alias, connection.settings_dict["NAME"], *cursor.fetchone())
        if generation != self.generation:
            cursor.execute(f"SELECT facet, value, entry_id FROM {FACET_TABLE}")  # noqa: S608
            values: dict[tuple[str, str], set[int]] = {}
            for facet, value, entry_id in cursor.fetchall():
                values.setdefault((facet, value), set()).add(entry_id)
            # Every entry has a doc_type: the facet values name them all.
            entry_ids = sorted(set().union(*values.values()))
            self.positions = {entry_id: bit for bit, entry_id in enumerate(entry_ids)}
            self.values = {key: frozenset(ids) for key, ids in values.items()}
            self.bitmaps = {key: self.bitmap(ids) for key, ids in values.items()}
            self.generation = generation
        return self

    def bitmap(self, ids) -> int:
        bits = bytearray(len(self.positions) // 8 + 1)
        positions = self.positions
        for entry_id in ids:
            bit = positions.get(entry_id)
            if bit is not None:
                bits[bit >> 3] |= 1 << (bit & 7)
        return int.from_bytes(bits, "little")

    def counts(self, ids) -> dict[str, dict[str, int]]:
        matched = self.bitmap(ids)
        counts: dict[str, dict[str, int]] = {}
        for (facet, value), bitmap in self.bitmaps.items():
            if facet != "doc_type" and (number := (matched & bitmap).bit_count()):
                counts.setdefault(facet, {})[value] = number
        return counts


_facet_index = _FacetIndex()


def _near_clause(params: SearchParams) -> tuple[str, list]:
    if not params.near:
        return "", []
    lat, lon, km = params.near
    # A bounding box: close enough to "within N km" at this scale, and index-friendly.
    dlat = km / 111.0
    dlon = km / (111.0 * max(math.cos(math.radians(lat)), 0.01))
    return (
        " AND e.latitude BETWEEN %s AND %s AND e.longitude BETWEEN %s AND %s",
        [lat - dlat, lat + dlat, lon - dlon, lon + dlon],
    )


def _matches(cursor, vendor: str, groups, params: SearchParams) -> list[tuple[int, object]]:
    """(entry id, sort key) of every match, best first; one pass over the full-text index."""
    near, near_values = _near_clause(params)
    by_date = params.sort == "date" or not groups
    if not groups:
        cursor.execute(
            f"SELECT e.id, e.date FROM {ENTRY} e WHERE 1 = 1{near}",  # noqa: S608
            near_values,
        )
    elif vendor == "sqlite" and not by_date and not near:
        # The full-text table alone: joining the entries for nothing costs a third more.
        cursor.execute(
            "SELECT rowid, rank FROM search_entry_fts WHERE search_entry_fts MATCH %s",
            [_fts5_expression(groups)],
        )
    elif vendor == "sqlite":
        key = "e.date" if by_date else "search_entry_fts.rank"
        cursor.execute(
            f"SELECT e.id, {key} FROM search_entry_fts JOIN {ENTRY} e "  # noqa: S608
            f"ON e.id = search_entry_fts.rowid WHERE search_entry_fts MATCH %s{near}",
            [_fts5_expression(groups), *near_values],
        )
    else:
        key = "e.date" if by_date else "-ts_rank(e.search_vector, query)"
        cursor.execute(
            f"SELECT e.id, {key} FROM {ENTRY} e, "  # noqa: S608
            "to_tsquery('gohelliades_fr', %s) query "
            f"WHERE e.search_vector @@ query{near}",
            [_tsquery_expression(groups), *near_values],
        )
    rows = cursor.fetchall()
    if by_date:
        # Newest first, undated last; the id keeps the order stable.
        dated = sorted((row for row in rows if row[1] is not None), key=_newest_first)
        return dated + sorted(row for row in rows if row[1] is None)
    rows.sort(key=lambda row: (row[1], row[0]))
    return rows


def _newest_first(row) -> tuple:
    entry_id, date = row
    # A raw SQLite cursor hands dates back as ISO text, PostgreSQL's as dates.
    return (-datetime.date.fromisoformat(str(date)[:10]).toordinal(), entry_id)


def _ranked_page(cursor, vendor: str, groups, offset: int) -> list[int]:
    """The page's entry ids, best first: the database ranks and keeps the top rows itself."""
    if vendor == "sqlite":
        cursor.execute(
            "SELECT rowid FROM search_entry_fts WHERE search_entry_fts MATCH %s "
            "ORDER BY rank, rowid LIMIT %s OFFSET %s",
            [_fts5_expression(groups), PAGE_SIZE, offset],
        )
    else:
        cursor.execute(
            f"SELECT e.id FROM {ENTRY} e, to_tsquery('gohelliades_fr', %s) query "  # noqa: S608
            "WHERE e.search_vector @@ query ORDER BY ts_rank(e.search_vector, query) DESC, e.id "
            "LIMIT %s OFFSET %s",
            [_tsquery_expression(groups), PAGE_SIZE, offset],
        )
    return [row[0] for row in cursor.fetchall()]


def _matched_and_ranked_page(cursor, vendor: str, groups, offset: int):
    """Every match (for the facets) and the page's ids, best first.

    On PostgreSQL one pass over the index gives both: matching twice (once to rank, once to
    list) cost as much again as the full-text query itself at 100,000 entries."""
    if vendor != "postgresql":
        return _matched_ids(cursor, vendor, groups), _ranked_page(cursor, vendor, groups, offset)
    cursor.execute(
        f"WITH matched AS MATERIALIZED ("  # noqa: S608
        f" SELECT e.id, ts_rank(e.search_vector, query) AS rank"
        f" FROM {ENTRY} e, to_tsquery('gohelliades_fr', %s) query"
        f" WHERE e.search_vector @@ query)"
        " SELECT (SELECT coalesce(array_agg(id), '{}') FROM matched),"
        " (SELECT coalesce(array_agg(id ORDER BY rank DESC, id), '{}') FROM"
        "  (SELECT id, rank FROM matched ORDER BY rank DESC, id LIMIT %s OFFSET %s) page)",
        [_tsquery_expression(groups), PAGE_SIZE, offset],
    )
    matched, page_ids = cursor.fetchone()
    return matched, page_ids


def _matched_ids(cursor, vendor: str, groups) -> list[int]:
    """Every match, unranked: as cheap as counting them."""
    if vendor == "sqlite":
        cursor.execute(
            "SELECT rowid FROM search_entry_fts WHERE search_entry_fts MATCH %s",
            [_fts5_expression(groups)],
        )
    else:
        cursor.execute(
            f"SELECT id FROM {ENTRY} "  # noqa: S608
            "WHERE search_vector @@ to_tsquery('gohelliades_fr', %s)",
            [_tsquery_expression(groups)],
        )
    return [row[0] for row in cursor.fetchall()]


def search(params: SearchParams) -> SearchResults:
    groups = query_terms(params.q)
    vendor = connection.vendor
    with connection.cursor() as cursor:
        facet_index = _facet_index.current(cursor)
        if groups and params.sort != "date" and not params.near and not params.filters:
            # The usual first search: ranking every match in Python to keep twenty of them
            # doubled the time of the full-text query itself at 100,000 items.
            matched, page_ids = _matched_and_ranked_page(cursor, vendor, groups, params.offset)
        else:
            matches = _matches(cursor, vendor, groups, params)
            if params.filters:
                allowed = None
                for param, value in params.filters.items():
                    ids = facet_index.values.get((FACETS[param], value), frozenset())
                    allowed = ids if allowed is None else allowed & ids
                matches = [row for row in matches if row[0] in allowed]
            matched = [row[0] for row in matches]
            page_ids = matched[params.offset : params.offset + PAGE_SIZE]
        counts = facet_index.counts(matched)
        rows, places = _rows(cursor, page_ids)
        # "Did you mean" only when the words as typed found (almost) nothing, as on the engine.
        suggestion = _suggestion(cursor, vendor, params.q) if len(matched) < 3 else None
    excerpts = _excerpts(groups, rows)

    results = [_hit(rows[i], excerpts.get(i), places.get(i, [])) for i in page_ids if i in rows]
    return SearchResults(
        count=len(matched),
        results=results,
        facets=sorted_facets(counts),
        suggestion=suggestion,
        engine="database",
        page=params.page,
    )


def _rows(cursor, ids: list[int]) -> tuple[dict[int, tuple], dict[int, list[str]]]:
    """The page's entries, and the places of each in their order; one query."""
    if not ids:
        return {}, {}
    marks = ", ".join(["%s"] * len(ids))
    # « f.facet || '' » keeps the planner on the entry_id index: without statistics, SQLite
    # took the (facet, value, entry) one and read every place of every entry (20 ms at 10,000).
    cursor.execute(
        f"SELECT {COLUMNS}, f.id, f.value FROM {ENTRY} e LEFT JOIN {FACET_TABLE} f "  # noqa: S608
        f"ON f.entry_id = e.id AND f.facet || '' = 'places' WHERE e.id IN ({marks})",
        ids,
    )
    rows: dict[int, tuple] = {}
    places: dict[int, list[tuple[int, str]]] = {}
    for *row, place_id, place in cursor.fetchall():
        rows[row[0]] = tuple(row)
        if place is not None:
            places.setdefault(row[0], []).append((place_id, place))
    return rows, {
        entry_id: [value for _, value in sorted(found)] for entry_id, found in places.items()
    }


def _excerpts(groups, rows: dict[int, tuple]) -> dict[int, str]:
    """Highlighted excerpts for the page's rows only.

    Marked here rather than by FTS5's snippet() or ts_headline(): those read every match's
    position lists or parse the text again, for each row (25 ms a page at 10,000 items)."""
    if not groups:
        return {}
    return {
        entry_id: excerpt
        for entry_id, row in rows.items()
        if (excerpt := _marked_excerpt(row[3], groups))
    }


@functools.lru_cache(maxsize=50_000)
def _folded(word: str) -> str:
    return fold(word)


def _marked_excerpt(body: str, groups, size: int = 24) -> str:
    """The ``size`` words of ``body`` with the most query words, these marked; words match as
    in the FTS5 query: by prefix, numbers exactly."""
    words = {word for group in groups for sequence in group for word in sequence}
    numbers = {word for word in words if word.isdigit()}
    prefixes = tuple(words - numbers)
    tokens = list(TOKEN.finditer(body))
    found = []
    for position, token in enumerate(tokens):
        folded = _folded(token.group())
        if folded in numbers or (prefixes and folded.startswith(prefixes)):
            found.append(position)
    if not found:
        return ""
    best_start, best_count, last = found[0], 0, 0
    for first, position in enumerate(found):
        while last < len(found) and found[last] < position + size:
            last += 1
        if last - first > best_count:
            best_start, best_count = position, last - first
    # A few words of context before the first word found, without running past the end.
    start = max(0, min(best_start - 3, len(tokens) - size))
    end = min(len(tokens), start + size)
    marked = set(found)
    parts = ["…" if start else ""]
    done = tokens[start].start()
    for position in range(start, end):
        token = tokens[position]
        if position in marked:
            parts += [body[done : token.start()], MARK_START, token.group(), MARK_END]
            done = token.end()
    parts.append(body[done : tokens[end - 1].end()])
    parts.append("…" if end < len(tokens) else "")
    return "".join(parts)


def _suggestion(cursor, vendor: str, q: str) -> str | None:
    """``q`` with each word the index does not know replaced by the closest one it knows
    (« minneur » -> « mineur »), if that finds more than ``q`` itself."""
    corrections = {}
    for word in dict.fromkeys(WORD.findall(fold(q.replace("’", "'")))):
        if word in STOPWORDS or word.isdigit() or len(word) < 3:
            continue
        candidates = _vocabulary_near(cursor, vendor, word)
        if any(term.startswith(word) for term, _ in candidates):
            continue  # known (the query matches words by their beginning)
        limit = 1 if len(word) <= 5 else 2
        scored = [
            (distance, abs(len(term) - len(word)), -weight, term)
            for term, weight in candidates
            if (distance := _edit_distance(word, term)) <= limit
        ]
        if scored:
            corrections[word] = min(scored)[3]
    if not corrections:
        return None
    suggestion = re.sub(r"\w+", lambda m: corrections.get(fold(m.group()), m.group()), q)
    typed, corrected = (_count(cursor, vendor, query_terms(text)) for text in (q, suggestion))
    return suggestion if corrected > typed else None


def _vocabulary_near(cursor, vendor: str, word: str) -> list[tuple[str, float]]:
    """Words of the index that may be what ``word`` meant, each with a weight (the more
    documents or the closer, the higher); words ``word`` begins are among them."""
    if vendor == "sqlite":
        # Same first letter: a range of the vocabulary, read from the index's own b-tree.
        cursor.execute(
            "SELECT term, doc FROM search_entry_fts_vocab WHERE term >= %s AND term < %s "
            "AND (length(term) BETWEEN %s AND %s OR substr(term, 1, %s) = %s)",
            [word[0], chr(ord(word[0]) + 1), len(word) - 2, len(word) + 2, len(word), word],
        )
    else:
        cursor.execute(
            "SELECT word, similarity(word, %s) FROM search_word "
            "WHERE word %% %s OR word LIKE %s ORDER BY word LIKE %s DESC, 2 DESC, word LIMIT 20",
            [word, word, f"{word}%", f"{word}%"],
        )
    return cursor.fetchall()


def _edit_distance(a: str, b: str) -> int:
    """Insertions, deletions, substitutions and swaps of two neighbours, to turn ``a`` into
    ``b`` (optimal string alignment)."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, 1):
            current[j] = min(
                previous[j] + 1,
                current[j - 1] + 1,
                previous[j - 1] + (char_a != char_b),
            )
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


def _count(cursor, vendor: str, groups) -> int:
    if not groups:
        return 0
    if vendor == "sqlite":
        cursor.execute(
            "SELECT COUNT(*) FROM search_entry_fts WHERE search_entry_fts MATCH %s",
            [_fts5_expression(groups)],
        )
    else:
        cursor.execute(
            f"SELECT COUNT(*) FROM {ENTRY} "  # noqa: S608
            "WHERE search_vector @@ to_tsquery('gohelliades_fr', %s)",
            [_tsquery_expression(groups)],
        )
    return cursor.fetchone()[0]


def _hit(row, excerpt: str | None, places: list[str]) -> Hit:
    _entry_id, doc_type, title, body, kind, date, date_label, url, thumb, timecode, parent = row
    source = {
        "doc_type": doc_type,
        "title": title,
        "kind": kind,
        "date": date.isoformat() if hasattr(date, "isoformat") else date,
        "date_label": date_label,
        "url": url,
        "thumbnail": thumb,
        "timecode": timecode,
        "parent_title": parent,
        "places": places,
    }
    text = excerpt if excerpt else body[:240] + ("…" if len(body) > 240 else "")
    return hit_from_source(source, marked_html(text))


def autocomplete(q: str, *, limit: int = 8) -> list[dict]:
    groups = query_terms(q)
    if not groups:
        return []
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                f"SELECT e.title, e.url, e.kind FROM search_entry_fts JOIN {ENTRY} e "  # noqa: S608
                "ON e.id = search_entry_fts.rowid WHERE search_entry_fts MATCH %s "
                "ORDER BY search_entry_fts.rank LIMIT %s",
                ["title : (" + _fts5_expression(groups) + ")", limit],
            )
        else:
            cursor.execute(
                f"SELECT title, url, kind FROM {ENTRY} "  # noqa: S608
                "WHERE search_vector @@ to_tsquery('gohelliades_fr', %s) "
                "AND to_tsvector('gohelliades_fr', title) @@ to_tsquery('gohelliades_fr', %s) "
                "ORDER BY ts_rank_cd(search_vector, to_tsquery('gohelliades_fr', %s)) DESC "
                "LIMIT %s",
                [_tsquery_expression(groups)] * 3 + [limit],
            )
        return [{"title": t, "url": u, "kind": k} for t, u, k in cursor.fetchall()]
