"""The words of the database's full-text index, for "did you mean" on the database path.

SQLite: an ``fts5vocab`` table reads the words (accents folded) straight from the FTS5 index.
PostgreSQL: ``search_word`` holds every word of the entries as written, accents removed
(``gohelliades_prefix``, 0004), filled by a statement trigger and searched by trigram
similarity (``pg_trgm``, created here). Words of deleted entries stay: a suggestion is only
offered when it finds more than the words typed (search/fallback.py).
"""

from django.db import migrations

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE search_entry_fts_vocab USING fts5vocab(search_entry_fts, row)",
]
SQLITE_BACKWARD = ["DROP TABLE IF EXISTS search_entry_fts_vocab"]

WORDS_OF = """SELECT DISTINCT word FROM {rows},
    unnest(tsvector_to_array(to_tsvector('gohelliades_prefix',
        coalesce({rows}.title, '') || ' ' || coalesce({rows}.body, '')))) word
    WHERE length(word) BETWEEN 3 AND 40 AND word !~ '[^a-z0-9]'"""

POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE TABLE search_word (word text PRIMARY KEY)",
    "CREATE INDEX search_word_trigram ON search_word USING GIN (word gin_trgm_ops)",
    f"""CREATE FUNCTION search_word_collect() RETURNS trigger AS $$ BEGIN
        INSERT INTO search_word (word) {WORDS_OF.format(rows="added")}
        ON CONFLICT DO NOTHING;
        RETURN NULL;
    END $$ LANGUAGE plpgsql""",
    # One statement-level trigger per kind of statement: a bulk insert of 1,000 entries adds
    # its words in one go.
    """CREATE TRIGGER search_entry_words_insert AFTER INSERT ON search_searchentry
        REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION search_word_collect()""",
    """CREATE TRIGGER search_entry_words_update AFTER UPDATE ON search_searchentry
        REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION search_word_collect()""",
    f"""INSERT INTO search_word (word) {WORDS_OF.format(rows="search_searchentry")}
        ON CONFLICT DO NOTHING""",
]
POSTGRES_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_entry_words_insert ON search_searchentry",
    "DROP TRIGGER IF EXISTS search_entry_words_update ON search_searchentry",
    "DROP FUNCTION IF EXISTS search_word_collect()",
    "DROP TABLE IF EXISTS search_word",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0004_wagtail_database_backend")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        )
    ]
