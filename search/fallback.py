"""The database answers searches: FTS5 (SQLite) or a weighted tsvector (PostgreSQL).

Queried directly with SQL because speed is the point (Wagtail's database backend takes
seconds at 10,000 items). Words are treated like the engine's analysis: accents folded by the
database's tokenizer or ``unaccent``, elisions and small words dropped, plurals stemmed,
local synonyms expanded (``search.query.query_terms``).
"""

import datetime
import math

from django.db import connection

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
    query_terms,
    sorted_facets,
)

# SQL is assembled from these constants and "%s" placeholders only; every value is a parameter.
ENTRY = "search_searchentry"
FACET_TABLE = "search_searchfacetvalue"
COLUMNS = "e.id, e.doc_type, e.title, e.body, e.kind, e.date, e.date_label, e.url, e.thumbnail, "
COLUMNS += "e.timecode, e.parent_title"


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
    """Every (facet, value) with the set of entries that have it, kept in memory.

    Counting facets over thousands of matches with GROUP BY costs 100 ms and more; set
    intersections over this cache cost a few. It is reloaded whenever the entries change
    (their count or highest id moves: updates are a delete and an insert)."""

    def __init__(self):
        self.generation = None
        self.values: dict[tuple[str, str], frozenset[int]] = {}

    def current(self, cursor) -> dict[tuple[str, str], frozenset[int]]:
        cursor.execute(f"SELECT COUNT(*), MAX(id) FROM {ENTRY}")  # noqa: S608
        generation = (connection.alias, connection.settings_dict["NAME"], *cursor.fetchone())
        if generation != self.generation:
            cursor.execute(f"SELECT facet, value, entry_id FROM {FACET_TABLE}")  # noqa: S608
            values: dict[tuple[str, str], set[int]] = {}
            for facet, value, entry_id in cursor.fetchall():
                values.setdefault((facet, value), set()).add(entry_id)
            self.values = {key: frozenset(ids) for key, ids in values.items()}
            self.generation = generation
        return self.values


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


def search(params: SearchParams) -> SearchResults:
    groups = query_terms(params.q)
    vendor = connection.vendor
    with connection.cursor() as cursor:
        matches = _matches(cursor, vendor, groups, params)
        facet_index = _facet_index.current(cursor)
        if params.filters:
            allowed = None
            for param, value in params.filters.items():
                ids = facet_index.get((FACETS[param], value), frozenset())
                allowed = ids if allowed is None else allowed & ids
            matches = [row for row in matches if row[0] in allowed]
        matched = {row[0] for row in matches}
        counts: dict[str, dict[str, int]] = {}
        for (facet, value), ids in facet_index.items():
            if facet == "doc_type":
                continue
            if number := len(matched & ids):  # Python walks the smaller of the two sets
                counts.setdefault(facet, {})[value] = number
        page_ids = [row[0] for row in matches[params.offset : params.offset + PAGE_SIZE]]
        rows = _rows(cursor, page_ids)
        excerpts = _excerpts(cursor, vendor, groups, page_ids)
        places = _places(cursor, page_ids)

    results = [_hit(rows[i], excerpts.get(i), places.get(i, [])) for i in page_ids if i in rows]
    return SearchResults(
        count=len(matches),
        results=results,
        facets=sorted_facets(counts),
        suggestion=None,
        engine="database",
        page=params.page,
    )


def _rows(cursor, ids: list[int]) -> dict[int, tuple]:
    if not ids:
        return {}
    marks = ", ".join(["%s"] * len(ids))
    cursor.execute(f"SELECT {COLUMNS} FROM {ENTRY} e WHERE e.id IN ({marks})", ids)  # noqa: S608
    return {row[0]: row for row in cursor.fetchall()}


def _excerpts(cursor, vendor: str, groups, ids: list[int]) -> dict[int, str]:
    """Highlighted excerpts for the page's rows only (costly, so never for every match)."""
    if not ids or not groups:
        return {}
    marks = ", ".join(["%s"] * len(ids))
    if vendor == "sqlite":
        cursor.execute(
            "SELECT rowid, snippet(search_entry_fts, 1, %s, %s, '…', 24) FROM search_entry_fts "  # noqa: S608
            f"WHERE search_entry_fts MATCH %s AND rowid IN ({marks})",
            [MARK_START, MARK_END, _fts5_expression(groups), *ids],
        )
    else:
        options = f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=30, MinWords=12"
        cursor.execute(
            "SELECT id, ts_headline('gohelliades_fr', body, "  # noqa: S608
            "to_tsquery('gohelliades_fr', %s), %s) "
            f"FROM {ENTRY} WHERE id IN ({marks})",
            [_tsquery_expression(groups), options, *ids],
        )
    return {row[0]: row[1] for row in cursor.fetchall()}


def _places(cursor, ids: list[int]) -> dict[int, list[str]]:
    if not ids:
        return {}
    marks = ", ".join(["%s"] * len(ids))
    cursor.execute(
        f"SELECT entry_id, value FROM {FACET_TABLE} "  # noqa: S608
        f"WHERE facet = 'places' AND entry_id IN ({marks}) ORDER BY id",
        ids,
    )
    places: dict[int, list[str]] = {}
    for entry_id, value in cursor.fetchall():
        places.setdefault(entry_id, []).append(value)
    return places


def _hit(row, excerpt: str | None, places: list[str]) -> Hit:
    entry_id, doc_type, title, body, kind, date, date_label, url, thumb, timecode, parent = row
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
