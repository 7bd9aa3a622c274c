"""The database answers searches: FTS5 (SQLite) or a weighted tsvector (PostgreSQL).

Queried directly with SQL because speed is the point (Wagtail's database backend takes
seconds at 10,000 items); what differs between the two databases is their dialect
(``search.dialects``), chosen once per search. Words are treated like the engine's analysis:
accents folded by the database's tokenizer or ``unaccent``, elisions and small words dropped,
plurals stemmed, local synonyms expanded (``search.analysis.query_terms``). "Did you mean"
comes from the words of the same index (search/migrations/0005).
"""

import datetime
import functools
import itertools
import math
import re

from django.db import connection

from search.analysis import STOPWORDS, fold, query_terms, typed_words
from search.dialects import ENTRY, FullTextDialect, Groups, Match, current_dialect
from search.query import (
    FACETS,
    MARK_END,
    MARK_START,
    PAGE_SIZE,
    Hit,
    SearchParams,
    SearchResults,
    hit_from_source,
    marked_html,
    sorted_facets,
)

# SQL is assembled from these constants and "%s" placeholders only; every value is a parameter.
FACET_TABLE = "search_searchfacetvalue"
COLUMNS = "e.id, e.doc_type, e.title, e.body, e.kind, e.date, e.date_label, e.url, e.thumbnail, "
COLUMNS += "e.timecode, e.parent_title"
TOKEN = re.compile(r"\w+")


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


def _matches(cursor, dialect: FullTextDialect, groups: Groups, params: SearchParams) -> list[Match]:
    """(entry id, sort key) of every match, best first; one pass over the full-text index."""
    near, near_values = _near_clause(params)
    by_date = params.sort == "date" or not groups
    if groups:
        rows = dialect.matches(cursor, groups, by_date=by_date, near=near, near_values=near_values)
    else:
        cursor.execute(
            f"SELECT e.id, e.date FROM {ENTRY} e WHERE 1 = 1{near}",  # noqa: S608
            near_values,
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


def search(params: SearchParams) -> SearchResults:
    groups = query_terms(params.q)
    dialect = current_dialect()
    with connection.cursor() as cursor:
        facet_index = _facet_index.current(cursor)
        if groups and params.sort != "date" and not params.near and not params.filters:
            # The usual first search: ranking every match in Python to keep twenty of them
            # doubled the time of the full-text query itself at 100,000 items.
            matched, page_ids = dialect.matched_and_ranked_page(cursor, groups, params.offset)
        else:
            matches = _matches(cursor, dialect, groups, params)
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
        suggestion = _suggestion(cursor, dialect, params.q) if len(matched) < 3 else None
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


def _suggestion(cursor, dialect: FullTextDialect, q: str) -> str | None:
    """``q`` with each word the index does not know replaced by the closest one it knows
    (« minneur » -> « mineur »), if that finds more than ``q`` itself; else, for words it
    knows, the closest phrase the index holds (« saint barbe » -> « sainte barbe »)."""
    corrections, neighbours = {}, {}
    for word in dict.fromkeys(typed_words(q)):
        if word in STOPWORDS or word.isdigit() or len(word) < 3:
            continue
        candidates = dialect.vocabulary_near(cursor, word)
        limit = 1 if len(word) <= 5 else 2
        scored = sorted(
            (distance, abs(len(term) - len(word)), -weight, term)
            for term, weight in candidates
            if term != word and (distance := _edit_distance(word, term)) <= limit
        )
        if any(term.startswith(word) for term, _ in candidates):
            # Known (the query matches words by their beginning): only a phrase may change it.
            neighbours[word] = [term for *_, term in scored[:PHRASE_NEIGHBOURS]]
        elif scored:
            corrections[word] = scored[0][3]
    if corrections:
        suggestion = _corrected(q, corrections)
        typed, corrected = (_count(cursor, dialect, query_terms(text)) for text in (q, suggestion))
        return suggestion if corrected > typed else None
    return _phrase_suggestion(cursor, dialect, q, neighbours)


# A phrase suggestion changes at most two words (as the engines' ``max_errors``), each into one
# of its closest neighbours; the changes, a bounded number, are weighed in one query.
PHRASE_NEIGHBOURS = 3
PHRASE_CHANGES = 2
PHRASE_CHANGES_AT_MOST = 40


def _phrase_suggestion(cursor, dialect, q: str, neighbours: dict[str, list[str]]) -> str | None:
    """The phrase of the index closest to the words typed: « saint barbe » -> « sainte barbe »
    (« saint » is a word of the index too, from « Saint-Vaast »).

    As the engines' phrase suggester weighs a word by its neighbours, a change is weighed by
    the words around it: how many entries hold the changed words with the typed word before
    and after them, against how many hold the words as typed there. So « fête de la saint
    barbe » becomes « fête de la sainte barbe » although no entry holds the whole phrase."""
    words = tuple(typed_words(q))
    changeable = [i for i, word in enumerate(words) if neighbours.get(word)]
    if len(words) < 2 or not changeable:
        return None
    changes: list[tuple[tuple[str, ...], tuple[str, ...], dict[str, str]]] = []
    for number in range(1, PHRASE_CHANGES + 1):
        for positions in itertools.combinations(changeable, number):
            first, last = max(positions[0] - 1, 0), positions[-1] + 2
            for replacements in itertools.product(*(neighbours[words[i]] for i in positions)):
                changed = list(words)
                for position, replacement in zip(positions, replacements, strict=True):
                    changed[position] = replacement
                corrections = {words[i]: changed[i] for i in positions}
                changes.append((words[first:last], tuple(changed[first:last]), corrections))
    changes = changes[:PHRASE_CHANGES_AT_MOST]
    spans = list(dict.fromkeys(span for typed, changed, _ in changes for span in (typed, changed)))
    counts = dict(zip(spans, dialect.phrase_counts(cursor, spans), strict=True))
    better = [
        (counts[changed], -order, corrections)
        for order, (typed, changed, corrections) in enumerate(changes)
        if counts[changed] > counts[typed]
    ]
    # The most entries; at equal count, the fewest changes (they come in that order).
    return _corrected(q, max(better)[2]) if better else None


def _corrected(q: str, corrections: dict[str, str]) -> str:
    """``q`` as typed, the corrected words replaced."""
    return re.sub(r"\w+", lambda m: corrections.get(fold(m.group()), m.group()), q)


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


def _count(cursor, dialect: FullTextDialect, groups: Groups) -> int:
    return dialect.count(cursor, groups) if groups else 0


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
        found = current_dialect().title_matches(cursor, groups, limit)
    return [{"title": t, "url": u, "kind": k} for t, u, k in found]
