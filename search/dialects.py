"""The SQL of the database's full-text index, one dialect per database.

SQLite has an FTS5 table, ``search_entry_fts``, whose rowid is the entry's id and whose rank
is bm25 (lower is better); PostgreSQL has a weighted ``search_vector`` on the entries with a
GIN index, asked in the ``gohelliades_fr`` configuration (search/migrations/0002), and a
trigram-indexed word list for "did you mean" (0005). The fallback (``search.fallback``) asks
the same questions of either and does everything else in Python.

SQL is assembled from constants and "%s" placeholders only; every value is a parameter.
"""

from abc import ABC, abstractmethod

from django.db import connection

from search.query import PAGE_SIZE

ENTRY = "search_searchentry"
# One OR-group of word sequences per query word, as ``search.analysis.query_terms`` gives.
Groups = list[list[tuple[str, ...]]]
# (entry id, sort key): a rank (lower is better) or a date.
Match = tuple[int, object]


class FullTextDialect(ABC):
    """What the fallback asks of a database's full-text index."""

    # FROM and WHERE of the entries an expression matches (its one parameter).
    MATCHING: str

    @abstractmethod
    def expression(self, groups: Groups) -> str:
        """The query words in the database's own syntax: every group, any of its sequences,
        each a phrase whose words match by their beginning (numbers exactly)."""

    @abstractmethod
    def matches(
        self, cursor, groups: Groups, *, by_date: bool, near: str, near_values: list
    ) -> list[Match]:
        """Every match with its sort key (its date if ``by_date``, else its rank), within
        ``near``, a condition on the entry ``e``; one pass over the index, unsorted."""

    @abstractmethod
    def matched_and_ranked_page(
        self, cursor, groups: Groups, offset: int
    ) -> tuple[list[int], list[int]]:
        """Every match's id (for the facets) and the page's ids, best first: the database
        ranks and keeps the top rows itself."""

    def count(self, cursor, groups: Groups) -> int:
        """How many entries match."""
        cursor.execute(f"SELECT COUNT(*) FROM {self.MATCHING}", [self.expression(groups)])  # noqa: S608
        return cursor.fetchone()[0]

    @abstractmethod
    def vocabulary_near(self, cursor, word: str) -> list[tuple[str, float]]:
        """Words of the index that may be what ``word`` meant, each with a weight (the more
        documents or the closer, the higher); words ``word`` begins are among them."""

    @abstractmethod
    def title_matches(self, cursor, groups: Groups, limit: int) -> list[tuple[str, str, str]]:
        """(title, url, kind) of the entries whose title has the words, best first."""

    @abstractmethod
    def phrase_counts(self, cursor, phrases: list[tuple[str, ...]]) -> list[int]:
        """How many entries hold each phrase: its folded words as written (no prefix, no
        stemming: « saint barbe » is not « sainte barbe »), one after the other; one query."""


class SQLiteFTS5(FullTextDialect):
    MATCHING = "search_entry_fts WHERE search_entry_fts MATCH %s"

    def expression(self, groups: Groups) -> str:
        parts = []
        for group in groups:
            alternatives = []
            for words in group:
                phrase = " ".join(words)
                prefix = "" if words[-1].isdigit() else "*"
                alternatives.append(f'"{phrase}"{prefix}')
            parts.append("(" + " OR ".join(alternatives) + ")")
        return " AND ".join(parts)

    def matches(self, cursor, groups, *, by_date, near, near_values):
        if not by_date and not near:
            # The full-text table alone: joining the entries for nothing costs a third more.
            cursor.execute(
                "SELECT rowid, rank FROM search_entry_fts WHERE search_entry_fts MATCH %s",
                [self.expression(groups)],
            )
        else:
            key = "e.date" if by_date else "search_entry_fts.rank"
            cursor.execute(
                f"SELECT e.id, {key} FROM search_entry_fts JOIN {ENTRY} e "  # noqa: S608
                f"ON e.id = search_entry_fts.rowid WHERE search_entry_fts MATCH %s{near}",
                [self.expression(groups), *near_values],
            )
        return cursor.fetchall()

    def matched_and_ranked_page(self, cursor, groups, offset):
        expression = self.expression(groups)
        # Every match unranked is as cheap as counting them; FTS5 ranks the page's rows itself.
        cursor.execute(f"SELECT rowid FROM {self.MATCHING}", [expression])  # noqa: S608
        matched = [row[0] for row in cursor.fetchall()]
        cursor.execute(
            "SELECT rowid FROM search_entry_fts WHERE search_entry_fts MATCH %s "
            "ORDER BY rank, rowid LIMIT %s OFFSET %s",
            [expression, PAGE_SIZE, offset],
        )
        return matched, [row[0] for row in cursor.fetchall()]

    def vocabulary_near(self, cursor, word):
        # Same first letter: a range of the vocabulary, read from the index's own b-tree.
        cursor.execute(
            "SELECT term, doc FROM search_entry_fts_vocab WHERE term >= %s AND term < %s "
            "AND (length(term) BETWEEN %s AND %s OR substr(term, 1, %s) = %s)",
            [word[0], chr(ord(word[0]) + 1), len(word) - 2, len(word) + 2, len(word), word],
        )
        return cursor.fetchall()

    def title_matches(self, cursor, groups, limit):
        cursor.execute(
            f"SELECT e.title, e.url, e.kind FROM search_entry_fts JOIN {ENTRY} e "  # noqa: S608
            "ON e.id = search_entry_fts.rowid WHERE search_entry_fts MATCH %s "
            "ORDER BY search_entry_fts.rank LIMIT %s",
            ["title : (" + self.expression(groups) + ")", limit],
        )
        return cursor.fetchall()

    def phrase_counts(self, cursor, phrases):
        count = "(SELECT COUNT(*) FROM search_entry_fts WHERE search_entry_fts MATCH %s)"
        cursor.execute(
            "SELECT " + ", ".join([count] * len(phrases)),
            [f'"{" ".join(words)}"' for words in phrases],
        )
        return list(cursor.fetchone())


class PostgreSQLFullText(FullTextDialect):
    MATCHING = f"{ENTRY} WHERE search_vector @@ to_tsquery('gohelliades_fr', %s)"

    def expression(self, groups: Groups) -> str:
        parts = []
        for group in groups:
            alternatives = []
            for words in group:
                lexemes = [word if word.isdigit() else f"{word}:*" for word in words]
                alternatives.append("(" + " <-> ".join(lexemes) + ")")
            parts.append("(" + " | ".join(alternatives) + ")")
        return " & ".join(parts)

    def matches(self, cursor, groups, *, by_date, near, near_values):
        key = "e.date" if by_date else "-ts_rank(e.search_vector, query)"
        cursor.execute(
            f"SELECT e.id, {key} FROM {ENTRY} e, "  # noqa: S608
            "to_tsquery('gohelliades_fr', %s) query "
            f"WHERE e.search_vector @@ query{near}",
            [self.expression(groups), *near_values],
        )
        return cursor.fetchall()

    def matched_and_ranked_page(self, cursor, groups, offset):
        # One pass over the index gives both: matching twice (once to rank, once to list)
        # cost as much again as the full-text query itself at 100,000 entries.
        cursor.execute(
            f"WITH matched AS MATERIALIZED ("  # noqa: S608
            f" SELECT e.id, ts_rank(e.search_vector, query) AS rank"
            f" FROM {ENTRY} e, to_tsquery('gohelliades_fr', %s) query"
            f" WHERE e.search_vector @@ query)"
            " SELECT (SELECT coalesce(array_agg(id), '{}') FROM matched),"
            " (SELECT coalesce(array_agg(id ORDER BY rank DESC, id), '{}') FROM"
            "  (SELECT id, rank FROM matched ORDER BY rank DESC, id LIMIT %s OFFSET %s) page)",
            [self.expression(groups), PAGE_SIZE, offset],
        )
        matched, page_ids = cursor.fetchone()
        return matched, page_ids

    def vocabulary_near(self, cursor, word):
        cursor.execute(
            "SELECT word, similarity(word, %s) FROM search_word "
            "WHERE word %% %s OR word LIKE %s ORDER BY word LIKE %s DESC, 2 DESC, word LIMIT 20",
            [word, word, f"{word}%", f"{word}%"],
        )
        return cursor.fetchall()

    def title_matches(self, cursor, groups, limit):
        cursor.execute(
            f"SELECT title, url, kind FROM {ENTRY} "  # noqa: S608
            "WHERE search_vector @@ to_tsquery('gohelliades_fr', %s) "
            "AND to_tsvector('gohelliades_fr', title) @@ to_tsquery('gohelliades_fr', %s) "
            "ORDER BY ts_rank_cd(search_vector, to_tsquery('gohelliades_fr', %s)) DESC "
            "LIMIT %s",
            [self.expression(groups)] * 3 + [limit],
        )
        return cursor.fetchall()

    def phrase_counts(self, cursor, phrases):
        # The stemmed index narrows the entries (« sainte » and « saint » are one stem there);
        # the words as written decide.
        count = (
            f"(SELECT COUNT(*) FROM {ENTRY} WHERE search_vector @@ "  # noqa: S608
            "to_tsquery('gohelliades_fr', %s) AND unaccent(lower(title || ' ' || body)) ~ %s)"
        )
        values = []
        for words in phrases:
            values += [" <-> ".join(words), r"\m" + r"\W+".join(words) + r"\M"]
        cursor.execute("SELECT " + ", ".join([count] * len(phrases)), values)
        return list(cursor.fetchone())


DIALECTS: dict[str, FullTextDialect] = {
    "sqlite": SQLiteFTS5(),
    "postgresql": PostgreSQLFullText(),
}


def current_dialect() -> FullTextDialect:
    """The dialect of the database the site runs on (only these two have the index)."""
    return DIALECTS[connection.vendor]
