"""The database's own full-text index over SearchEntry, kept current by triggers.

SQLite: an external-content FTS5 table (bm25, title weighted 10 to 1, accents folded).
PostgreSQL: a weighted tsvector column with a GIN index, in a text search configuration that
removes accents before the French stemmer (« eglise » finds « église »). Needs the ``unaccent``
extension, which this migration creates (the role needs the right to create it once).
"""

from django.db import migrations

SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE search_entry_fts USING fts5(
        title, body, content='search_searchentry', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2', prefix='2 3 4')""",
    """CREATE TRIGGER search_entry_fts_insert AFTER INSERT ON search_searchentry BEGIN
        INSERT INTO search_entry_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
    END""",
    """CREATE TRIGGER search_entry_fts_delete AFTER DELETE ON search_searchentry BEGIN
        INSERT INTO search_entry_fts(search_entry_fts, rowid, title, body)
        VALUES ('delete', old.id, old.title, old.body);
    END""",
    """CREATE TRIGGER search_entry_fts_update AFTER UPDATE OF title, body ON search_searchentry
    BEGIN
        INSERT INTO search_entry_fts(search_entry_fts, rowid, title, body)
        VALUES ('delete', old.id, old.title, old.body);
        INSERT INTO search_entry_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
    END""",
    "INSERT INTO search_entry_fts(search_entry_fts, rank) VALUES ('rank', 'bm25(10.0, 1.0)')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_entry_fts_insert",
    "DROP TRIGGER IF EXISTS search_entry_fts_delete",
    "DROP TRIGGER IF EXISTS search_entry_fts_update",
    "DROP TABLE IF EXISTS search_entry_fts",
]

POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    """DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'gohelliades_fr') THEN
            CREATE TEXT SEARCH CONFIGURATION gohelliades_fr (COPY = french);
            ALTER TEXT SEARCH CONFIGURATION gohelliades_fr
                ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part
                WITH unaccent, french_stem;
        END IF;
    END $$""",
    "ALTER TABLE search_searchentry ADD COLUMN search_vector tsvector",
    """CREATE FUNCTION search_entry_vector_update() RETURNS trigger AS $$ BEGIN
        NEW.search_vector :=
            setweight(to_tsvector('gohelliades_fr', coalesce(NEW.title, '')), 'A')
            || setweight(to_tsvector('gohelliades_fr', coalesce(NEW.body, '')), 'B');
        RETURN NEW;
    END $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER search_entry_vector BEFORE INSERT OR UPDATE OF title, body
        ON search_searchentry FOR EACH ROW EXECUTE FUNCTION search_entry_vector_update()""",
    "CREATE INDEX search_entry_vector_gin ON search_searchentry USING GIN (search_vector)",
]
POSTGRES_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_entry_vector ON search_searchentry",
    "DROP FUNCTION IF EXISTS search_entry_vector_update()",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS search_vector",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        )
    ]
