"""The database answers searches: FTS5 (SQLite) or a weighted tsvector (PostgreSQL).

Queried directly with SQL because speed is the point (Wagtail's database backend takes
seconds at 10,000 items). Words are treated like the engine's analysis: accents folded by the
database's tokenizer or ``unaccent``, elisions and small words dropped, plurals stemmed,
local synonyms expanded (``search.query.query_terms``).
"""

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


def _filters(params: SearchParams) -> tuple[list[str], list]:
    clauses, values = [], []
    for param, value in params.filters.items():
        clauses.append(
            f"e.id IN (SELECT entry_id FROM {FACET_TABLE} WHERE facet = %s AND value = %s)"  # noqa: S608
        )
        values += [FACETS[param], value]
    if params.near:
        lat, lon, km = params.near
        # A bounding box: close enough to "within N km" at this scale, and index-friendly.
        dlat = km / 111.0
        dlon = km / (111.0 * max(math.cos(math.radians(lat)), 0.01))
        clauses.append("e.latitude BETWEEN %s AND %s AND e.longitude BETWEEN %s AND %s")
        values += [lat - dlat, lat + dlat, lon - dlon, lon + dlon]
    return clauses, values


def search(params: SearchParams) -> SearchResults:
    groups = query_terms(params.q)
    clauses, values = _filters(params)
    vendor = connection.vendor
    if groups and vendor == "sqlite":
        source = f"search_entry_fts JOIN {ENTRY} e ON e.id = search_entry_fts.rowid"
        clauses.insert(0, "search_entry_fts MATCH %s")
        values.insert(0, _fts5_expression(groups))
        rank = "search_entry_fts.rank"
    elif groups and vendor == "postgresql":
        source = f"{ENTRY} e"
        clauses.insert(0, "e.search_vector @@ to_tsquery('gohelliades_fr', %s)")
        values.insert(0, _tsquery_expression(groups))
        rank = "-ts_rank_cd(e.search_vector, to_tsquery('gohelliades_fr', %s))"
    else:
        source, rank = f"{ENTRY} e", None
    where = " AND ".join(clauses) or "1 = 1"
    matching = f"SELECT e.id FROM {source} WHERE {where}"  # noqa: S608
    if params.sort == "date" or rank is None:
        order, order_values = "e.date IS NULL, e.date DESC, e.id", []
    else:
        order = f"{rank}, e.id"
        order_values = [values[0]] if vendor == "postgresql" else []

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {source} WHERE {where}", values)  # noqa: S608
        count = cursor.fetchone()[0]
        cursor.execute(
            f"SELECT {COLUMNS} FROM {source} WHERE {where} ORDER BY {order} LIMIT %s OFFSET %s",  # noqa: S608
            [*values, *order_values, PAGE_SIZE, params.offset],
        )
        rows = cursor.fetchall()
        cursor.execute(
            f"SELECT facet, value, COUNT(*) FROM {FACET_TABLE} "  # noqa: S608
            f"WHERE entry_id IN ({matching}) AND facet != 'doc_type' GROUP BY facet, value",
            values,
        )
        counts: dict[str, dict[str, int]] = {}
        for facet, value, number in cursor.fetchall():
            counts.setdefault(facet, {})[value] = number
        excerpts = _excerpts(cursor, vendor, groups, [row[0] for row in rows])
        places = _places(cursor, [row[0] for row in rows])

    results = [_hit(row, excerpts.get(row[0]), places.get(row[0], [])) for row in rows]
    return SearchResults(
        count=count,
        results=results,
        facets=sorted_facets(counts),
        suggestion=None,
        engine="database",
        page=params.page,
    )


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
