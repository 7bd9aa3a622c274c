"""Wagtail's own database search backend (the admin's search without an engine), on PostgreSQL.

Its ``search()`` filters on ``title || body`` of ``wagtailsearch_indexentry`` while only
``title`` and ``body`` have a GIN index each: every query read the whole table. The index below
is on that very expression (PostgreSQL uses an expression index only for the same expression).

Two text search configurations go with ``SEARCH_CONFIG`` and ``AUTOCOMPLETE_CONFIG`` in
``WAGTAILSEARCH_BACKENDS`` (config/settings/base.py): ``gohelliades_fr`` (0002: accents removed,
then French stemming) for searches, and ``gohelliades_prefix`` (accents removed, words kept
whole) for the admin's search-as-you-type, so « eglise » finds « église ». Entries indexed with
another configuration are found again after ``manage.py update_index``.

Nothing to do on SQLite: Wagtail's FTS5 table there has no such expression.
"""

from django.db import migrations

POSTGRES_FORWARD = [
    """DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'gohelliades_prefix') THEN
            CREATE TEXT SEARCH CONFIGURATION gohelliades_prefix (COPY = simple);
            ALTER TEXT SEARCH CONFIGURATION gohelliades_prefix
                ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part
                WITH unaccent, simple;
        END IF;
    END $$""",
    """CREATE INDEX IF NOT EXISTS wagtailsearch_indexentry_title_body_gin
        ON wagtailsearch_indexentry USING GIN ((title || body))""",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS wagtailsearch_indexentry_title_body_gin",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS gohelliades_prefix",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0003_searchentry_parent_id"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(_run(POSTGRES_FORWARD), _run(POSTGRES_BACKWARD))]
