"""The rows migrations create (Wagtail's root page, locale, collection, default site…), kept
and put back around transactional tests: Django empties every table after each of them, and
the next test — or the next ``--reuse-db`` run — expects a freshly migrated database."""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection
from wagtail.models import Page


def migrated_rows_serialize() -> str | None:
    """The database's rows as Django serializes them; ``None`` if already emptied."""
    return connection.creation.serialize_db_to_string() if Page.objects.exists() else None


def sequences_move_past_existing_rows() -> None:
    """Rows put back with their ids leave PostgreSQL's sequences behind; as loaddata does."""
    statements = connection.ops.sequence_reset_sql(
        no_style(), apps.get_models(include_auto_created=True)
    )
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def migrated_rows_restore(rows: str) -> None:
    """Put ``rows`` back if a flush emptied the tables since they were serialized."""
    if Page.objects.exists():
        return
    # The flush re-created content types and permissions: start from truly empty tables.
    call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
    connection.creation.deserialize_db_from_string(rows)
    sequences_move_past_existing_rows()
    # Content types are back under their first ids; forget the ones cached since.
    ContentType.objects.clear_cache()
