import shutil
import sqlite3
from collections.abc import Iterator

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection

from search import fallback
from tests import environment
from tests.factories.archive import ArchiveIndexPageFactory
from tests.factories.festival import FestivalIndexPageFactory
from tests.factories.home import site_with_home
from tests.live_server import (
    live_server_drain,
    live_server_open,
    live_server_serves_one_request_at_a_time,
)
from tests.migrated_rows import migrated_rows_restore, sequences_move_past_existing_rows

live_server_serves_one_request_at_a_time()


@pytest.fixture(autouse=True)
def _live_server_requests(request):
    """A test with the live server: its requests served, and none left running when it ends
    (set up first, so torn down after the browser closes)."""
    if "live_server" not in request.fixturenames:
        yield
        return
    live_server_open()
    yield
    live_server_drain()


def pytest_collection_modifyitems(config, items):
    """Mark browser tests ``e2e``; skip PostgreSQL-only tests on another database."""
    on_postgresql = connection.vendor == "postgresql"
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)
        if not on_postgresql and item.get_closest_marker("postgresql"):
            item.add_marker(
                pytest.mark.skip(
                    reason=f"{environment.POSTGRESQL_ONLY} lancez la suite avec "
                    "DATABASE_URL=postgres://… (voir « Les tests » dans le README)"
                )
            )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    environment.record_test(item)
    return (yield)


def _database() -> str:
    if connection.vendor == "postgresql":
        where = settings.DATABASES["default"].get("HOST") or "socket local"
        return f"PostgreSQL ({where})"
    return f"SQLite {sqlite3.sqlite_version}"


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    terminalreporter.write_line(environment.summary_line(_database()), bold=True)


def pytest_sessionfinish(session, exitstatus):
    """On CI a test skipped for want of a service is a failure, not a pass."""
    if not environment.on_ci():
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = [
        report
        for report in (reporter.stats.get("skipped", []) if reporter else [])
        if environment.is_missing_service_skip(str(report.longrepr))
    ]
    if skipped and session.exitstatus == 0:
        reporter.write_line(
            f"CI=true : {len(skipped)} test(s) ignoré(s) — un service manquant est un échec.",
            red=True,
        )
        session.exitstatus = 1


def pytest_unconfigure(config):
    # The suite's uploads go to a temporary folder of its own (config/settings/test.py): remove
    # it, or every run leaves hundreds of megabytes of test photos and recordings behind.
    media_root = str(getattr(settings, "MEDIA_ROOT", ""))
    if "gohelliades-test-media-" in media_root:
        shutil.rmtree(media_root, ignore_errors=True)
        shutil.rmtree(f"{media_root}-private", ignore_errors=True)  # media/storage.py


@pytest.fixture(autouse=True)
def _forget_the_facet_index():
    """The database search keeps its facets in memory, renewed when the entries' count or
    highest id moves. A rolled-back test hands the next one the same ids (never so outside
    tests: ids are not reused), which would leave it the previous test's facets."""
    fallback._facet_index.generation = None


@pytest.fixture
def home_page(db):
    return site_with_home()


@pytest.fixture
def archive_index(home_page):
    """The archive's published index under the home page (« Archives »)."""
    index = ArchiveIndexPageFactory(parent=home_page)
    index.save_revision().publish()
    return index


@pytest.fixture
def editor(django_user_model):
    """A superuser of the admin, as the archive's editors are."""
    return django_user_model.objects.create_superuser("editrice", "editrice@example.org", "pw")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def festival_index(home_page):
    """The Gohelliades' index under the home page, where the editions stand."""
    return FestivalIndexPageFactory(parent=home_page)


@pytest.fixture(autouse=True)
def _empty_cache():
    # The public forms' rate limits count in the cache: each test starts with a clean slate,
    # or the suite's own sendings from 127.0.0.1 would add up to a refusal.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="session")
def migrated_rows(django_db_setup, django_db_blocker) -> Iterator[str]:
    """The rows migrations create (Wagtail's root page, locale, collection, default site...).

    Live-server tests are transactional: Django empties every table after each of them.
    Django's own serialized rollback cannot bring these rows back here: Playwright's event loop
    gives the test another context, hence another connection object, than the one Django
    serialized at set-up. So we keep them ourselves, put them back before each browser test
    and once more at the end, for the next ``--reuse-db`` run's ordinary tests.
    """
    with django_db_blocker.unblock():
        rows = connection.creation.serialize_db_to_string()
        sequences_move_past_existing_rows()  # in case a run was interrupted mid-restore
    if '"model": "wagtailcore.page"' not in rows:
        pytest.fail(
            "La base de test réutilisée a été vidée par une session interrompue : "
            "relancez une fois avec --create-db."
        )
    yield rows
    with django_db_blocker.unblock():
        migrated_rows_restore(rows)


@pytest.fixture
def keep_migrated_rows(migrated_rows, django_db_blocker):
    """Put back the rows migrations made once a transactional test has emptied the tables.

    Requested before ``transactional_db`` so that its teardown (the flush) runs first."""
    yield
    with django_db_blocker.unblock():
        migrated_rows_restore(migrated_rows)


@pytest.fixture
def migrated_db(transactional_db, migrated_rows: str) -> None:
    """A transactional database holding what migrations made, as a fresh install has."""
    migrated_rows_restore(migrated_rows)
