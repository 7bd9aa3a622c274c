"""Wagtail's own search on its database backend: the admin's search when no engine is set."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from wagtail.search.backends import get_search_backend

from archive.models import ArchiveItemPage
from tests.search.factories import CHURCH, MINER, archive_index, item

# What config/settings/base.py gives without ELASTICSEARCH_URL, whatever the test run's own.
SQLITE_BACKENDS = {"default": {"BACKEND": "search.wagtail_backend"}}
POSTGRES_BACKENDS = {
    "default": {
        "BACKEND": "search.wagtail_backend",
        "SEARCH_CONFIG": "gohelliades_fr",
        "AUTOCOMPLETE_CONFIG": "gohelliades_prefix",
    }
}


@pytest.fixture
def database_backend(settings, home_page):
    settings.WAGTAILSEARCH_BACKENDS = (
        POSTGRES_BACKENDS if connection.vendor == "postgresql" else SQLITE_BACKENDS
    )
    index = archive_index(home_page)
    item(index, **CHURCH)
    item(index, **MINER)
    call_command("update_index", stdout=None, verbosity=0)
    return get_search_backend()


@pytest.mark.parametrize("typed", ["eglise", "l'eglise", "L’Église saint"])
def test_admin_page_search_finds_accented_words_typed_without_accents(
    database_backend, admin_client, typed
):
    html = admin_client.get("/admin/pages/search/", {"q": typed}).content.decode()

    assert CHURCH["title"].replace("'", "&#x27;") in html
    assert MINER["title"] not in html


@pytest.mark.parametrize("typed", ["eglise", "l'église saint vaast", "EGLISE SAINT-VAAST"])
def test_wagtail_database_search_folds_accents(database_backend, typed):
    found = database_backend.search(typed, ArchiveItemPage.objects.live())

    assert [page.title for page in found] == [CHURCH["title"]]


@pytest.mark.postgresql
def test_wagtail_database_search_stems_french_plurals(database_backend):
    found = database_backend.search("mineurs", ArchiveItemPage.objects.live())

    assert [page.title for page in found] == [MINER["title"]]


@pytest.mark.postgresql
def test_wagtail_database_search_filters_through_the_title_body_gin_index(database_backend):
    results = database_backend.search("eglise", ArchiveItemPage.objects.live())
    content_type = ContentType.objects.get_for_model(ArchiveItemPage)

    with connection.cursor() as cursor:
        # Five thousand other entries of the same type, moved out of the GIN's pending list
        # (which the planner prices high), and plans that read whole tables ruled out: with
        # three rows any plan is as good as another. An index on another expression than the
        # query's can never show in the plan, whatever the planner may do.
        cursor.execute(
            "INSERT INTO wagtailsearch_indexentry (content_type_id, object_id, title_norm, "
            "title, body, autocomplete, title_text, body_text) "
            "SELECT %s, 'autre-' || n, 1.0, to_tsvector('gohelliades_fr', 'Souvenir ' || n), "
            "to_tsvector('gohelliades_fr', 'la fosse et le terril'), ''::tsvector, '', '' "
            "FROM generate_series(1, 5000) n",
            [content_type.pk],
        )
        cursor.execute("SELECT gin_clean_pending_list('wagtailsearch_indexentry_title_body_gin')")
        cursor.execute("ANALYZE wagtailsearch_indexentry")
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_nestloop = off")
        plan = results.get_queryset().explain()

    assert "wagtailsearch_indexentry_title_body_gin" in plan
