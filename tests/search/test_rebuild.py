"""The full rebuild at bulk speed: documents read from the database a chunk at a time with
their related rows (the number of queries does not grow with the archive), sent to the engine
in bulk requests while the next chunk is read, the new index filled without replicas or
refreshes and given its live settings back before the alias switches. And the search it
feeds: exact counts above 10,000, one request to the engine per page of results."""

import io
import json
import threading
import time

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from projects.models import ProjectStatus
from search import engine, selectors, services
from search.models import SearchEntry
from search.query import SearchParams
from search.sources import SOURCES
from tests.factories.archive import ArchiveCollectionFactory, ThemeFactory
from tests.factories.festival import EditionPageFactory, FestivalIndexPageFactory, event_at, paris
from tests.factories.home import site_with_home
from tests.factories.media import CustomImageFactory
from tests.factories.projects import ProjectFactory, ProjectPhotoFactory
from tests.factories.transcripts import IndexSegmentFactory, InterviewFactory, segments
from tests.migrated_rows import migrated_rows_restore
from tests.search.factories import archive_index, item, item_at, place

pytestmark = pytest.mark.django_db

# A rebuild's reads and writes, whatever the number of documents (all fit in one chunk):
# - its transaction (a savepoint in the test's), clearing the database's index (facet values,
#   entries);
# - archive items: the items (plain rows), their places, themes, gallery captions, cover
#   images and their thumbnails;
# - festival events: the events, their dates, editions, images and thumbnails;
# - interview passages: the passages, their items (as above, without covers here: four), their
#   chapters;
# - fifty-fifty projects: the projects, their photos, the first photos' images and thumbnails;
# - per document type, the entries and their facet values, in two inserts (on PostgreSQL
#   their ids in one query, then two ``COPY``).
# The view restrictions come from the cache (core.page_privacy), read by the first rebuild.
REBUILD_QUERIES = 2 + 2 + 6 + 5 + 6 + 4
WRITES_PER_TYPE = {"postgresql": 3}
# With an engine, the changes waiting for it are forgotten once the alias has switched.
ENGINE_REBUILD_QUERIES = 1
DOCUMENTS_PER_N = 6  # an item, an interview and its two passages, an event, a project


def varied_content(home_page, n: int) -> int:
    """``n`` of each searchable thing with everything its document reads (cover, gallery,
    places, themes, collection; an interview's passages and chapters; an event's edition,
    venue and image; a project's place and photo). Returns how many documents that makes."""
    index = archive_index(home_page)
    theme, collection = ThemeFactory(), ArchiveCollectionFactory()
    # Two image files shared by everything: thumbnails are made once, not per document.
    cover, photo = CustomImageFactory(), CustomImageFactory()
    edition = EditionPageFactory(parent=FestivalIndexPageFactory(parent=home_page), year=2026)
    for number in range(n):
        page = item(index, title=f"La fosse {number}", cover_image=cover, collection=collection)
        page.places.set([place(name=f"Cité {number}", slug=f"cite-{number}")])
        page.themes.set([theme])
        page.gallery_images.create(image=photo, caption="Le carreau")
        page.save()
        interview = InterviewFactory(page__parent=index, page__title=f"Entretien {number}")
        segments(interview, 2)
        IndexSegmentFactory(interview=interview)
        event_at(
            edition=edition, start=paris(2026, 6, 13, 15, 30), title=f"Bal {number}", image=photo
        )
        ProjectPhotoFactory(project=ProjectFactory(status=ProjectStatus.RUNNING), image=cover)
    return n * DOCUMENTS_PER_N


@pytest.mark.parametrize("n", [3, 30])
def test_rebuild_queries_do_not_grow_with_the_archive(
    backend, home_page, django_assert_num_queries, n
):
    documents = varied_content(home_page, n)
    services.index_rebuild()  # the first one makes the thumbnails
    expected = REBUILD_QUERIES + 4 * WRITES_PER_TYPE.get(connection.vendor, 2)
    expected += ENGINE_REBUILD_QUERIES if backend != "database" else 0

    with django_assert_num_queries(expected):
        report = services.index_rebuild()

    assert report.documents == documents
    assert SearchEntry.objects.count() == documents
    assert selectors.search_content(SearchParams(q="carreau")).count == n  # gallery captions


def _index_settings(client, index: str) -> dict:
    answer = client.indices.get_settings(index=index).body
    return next(iter(answer.values()))["settings"]["index"]


def test_rebuild_fills_a_new_index_in_bulk_and_restores_its_settings(
    search_engine, home_page, settings
):
    settings.ELASTICSEARCH_REPLICAS = 1  # one node: the copy waits unassigned, searches answer
    settings.SEARCH_BULK_BYTES = 2_000  # several bulk requests for a handful of documents
    index = archive_index(home_page)
    for number in range(12):
        item(index, title=f"Le terril {number}")
    interview = InterviewFactory(page__parent=index, page__title="Entretien au terril")
    segments(interview, 5)
    client = engine.get_client()
    during = []

    def look(count: int) -> None:
        during.append(_index_settings(client, engine.building_alias_name()))

    report = services.index_rebuild(progress=look)

    assert report.documents == 12 + 1 + 5
    assert during
    assert {(s["number_of_replicas"], s["refresh_interval"]) for s in during} == {("0", "-1")}
    live = _index_settings(client, report.index)
    assert (live["number_of_replicas"], live["refresh_interval"]) == ("1", "1s")
    assert list(client.indices.get_alias(name=engine.alias_name()).body) == [report.index]
    building = client.options(ignore_status=404).indices.get_alias(
        name=engine.building_alias_name()
    )
    assert building.meta.status == 404
    assert client.count(index=engine.alias_name())["count"] == report.documents
    assert selectors.search_content(SearchParams(q="terril")).count == 13


def test_documents_the_engine_asks_to_send_later_are_sent_again(
    search_engine, home_page, settings, caplog
):
    """A node short of memory, or whose disk passed its flood stage, answers 429 for a while:
    the rebuild waits, sends again what was refused, and completes."""
    settings.SEARCH_BULK_BYTES = 2_000  # several bulk requests for a handful of documents
    index = archive_index(home_page)
    for number in range(12):
        item(index, title=f"Le terril {number}")
    segments(InterviewFactory(page__parent=index, page__title="Entretien au terril"), 5)
    client = engine.get_client()
    lifted = []

    def block_after_first_chunk(count: int) -> None:
        if lifted:
            return
        [name] = client.indices.get_alias(name=engine.building_alias_name()).body
        # The engine's own refusal: the block a full disk puts on an index (429 per document),
        # lifted a moment later as the node does once the disk has room again.
        client.indices.put_settings(
            index=name, settings={"index.blocks.read_only_allow_delete": True}
        )
        lift = threading.Timer(
            1.5,
            client.indices.put_settings,
            kwargs={"index": name, "settings": {"index.blocks.read_only_allow_delete": None}},
        )
        lift.start()
        lifted.append(lift)

    with caplog.at_level("WARNING", logger="search.services"):
        report = services.index_rebuild(progress=block_after_first_chunk)
    lifted[0].join()

    assert report.documents == 12 + 1 + 5
    assert client.count(index=engine.alias_name())["count"] == report.documents
    assert selectors.search_content(SearchParams(q="terril")).count == 13
    assert "Le moteur demande d'attendre" in caplog.text


def test_a_refused_document_stops_the_rebuild_and_keeps_the_live_index(search_engine, home_page):
    index = archive_index(home_page)
    item(index, title="Le terril")
    first = services.index_rebuild()
    # A latitude no map has: the engine refuses the document's position.
    item_at(index, [place(name="Nulle part", slug="nulle-part", latitude=95)], title="Le carreau")

    with pytest.raises(CommandError, match=r"a refusé 1 document\(s\) \(premier : archive_item-"):
        call_command("search_index", "rebuild", stdout=io.StringIO())

    client = engine.get_client()
    assert list(client.indices.get_alias(name=engine.alias_name()).body) == [first.index]
    assert list(client.indices.get(index=f"{engine.alias_name()}-*").body) == [first.index]
    assert list(SearchEntry.objects.values_list("title", flat=True)) == ["Le terril"]


def _tiny_documents(index: str, count: int) -> bytes:
    lines = []
    for number in range(count):
        lines.append(json.dumps({"index": {"_index": index, "_id": f"archive_item-{number}"}}))
        lines.append(
            json.dumps({"doc_type": "archive_item", "title": f"Terril {number}", "kind": "photo"})
        )
    return ("\n".join(lines) + "\n").encode()


def test_counts_above_ten_thousand_are_exact(search_engine, client):
    es = engine.get_client()
    [name] = services.index_ensure(client=es)
    es.options(request_timeout=120).bulk(operations=_tiny_documents(name, 10_003), refresh=True)

    results = selectors.search_content(SearchParams(q="terril"))
    page = client.get("/recherche/", {"q": "terril"})

    assert results.engine == "elasticsearch"
    assert results.count == 10_003
    assert results.facets["kind"][0]["count"] == 10_003
    assert selectors.search_content(SearchParams()).count == 10_003
    assert "10003 résultats" in page.content.decode()


@pytest.fixture
def engine_requests(search_engine, monkeypatch) -> list[tuple[str, str]]:
    """Every request the application sends to the engine from now on, as (method, path)."""
    transport = engine.get_client().transport
    sent = []
    perform = transport.perform_request

    def counted(method, target, **kwargs):
        sent.append((method, target.split("?")[0]))
        return perform(method, target, **kwargs)

    monkeypatch.setattr(transport, "perform_request", counted)
    return sent


@pytest.mark.parametrize(
    "query",
    [
        {"q": "terril"},
        {"q": "terril", "kind": "photo", "page": "2"},
        {"q": "terri"},  # few hits: the « did you mean » comes in the same answer
        {},
    ],
)
def test_a_page_of_results_is_one_engine_request(search_engine, home_page, client, request, query):
    index = archive_index(home_page)
    for number in range(25):
        item(index, title=f"Le terril {number}", kind="photo")
    services.index_rebuild()
    sent = request.getfixturevalue("engine_requests")

    page = client.get("/recherche/", query)
    api = client.get("/api/search/", query)

    assert page.status_code == api.status_code == 200
    assert api.json()["engine"] == "elasticsearch"
    assert sent == [("POST", f"/{engine.alias_name()}/_search")] * 2


@pytest.fixture
def committed(migrated_rows, django_db_blocker, request):
    """Rows committed for real, as a second connection needs to see them; the rows migrations
    made are there, and put back once the test has emptied the tables (after the flush: the
    database fixture is set up after this one, so torn down before)."""
    request.getfixturevalue("migrated_db")
    yield
    with django_db_blocker.unblock():
        migrated_rows_restore(migrated_rows)


def _wait_for_copy_done() -> None:
    """Until the filler's own connection has written its chunk and waits, its transaction
    still open."""
    with connection.cursor() as cursor:
        for _attempt in range(600):
            cursor.execute(
                "SELECT state, query FROM pg_stat_activity WHERE datname = current_database() "
                "AND pid <> pg_backend_pid()"
            )
            others = cursor.fetchall()
            if ("idle in transaction", "COPY search_searchfacetvalue") in {
                (state, query[:28]) for state, query in others
            }:
                return
            time.sleep(0.05)
    pytest.fail(f"Le remplissage de l'index de la base n'a pas écrit ses entrées : {others}")


def _titles() -> list[str]:
    return sorted(SearchEntry.objects.values_list("title", flat=True))


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("decision", ["commit", "abort"])
def test_the_database_filled_in_parallel_shows_the_old_entries_until_commit(committed, decision):
    index = archive_index(site_with_home())
    item(index, title="Le terril")
    services.index_rebuild()
    SearchEntry.objects.update(title="Le terril d'avant")
    filler = services.DatabaseFiller(list(SOURCES))

    try:
        for source in SOURCES.values():
            for chunk in source.chunks():
                filler.add(chunk)
        _wait_for_copy_done()
        during = _titles()
    finally:
        getattr(filler, decision)()

    assert during == ["Le terril d'avant"]
    assert _titles() == (["Le terril"] if decision == "commit" else ["Le terril d'avant"])


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_a_rebuild_outside_a_transaction_fills_the_database_in_parallel(committed):
    assert services.DatabaseFiller.in_parallel()
    index = archive_index(site_with_home())
    for number in range(3):
        item(index, title=f"Le chevalement {number}", kind="photo")
    SearchEntry.objects.all().delete()

    report = services.index_rebuild()

    assert report.documents == 3
    assert _titles() == [f"Le chevalement {number}" for number in range(3)]
    results = selectors.search_content(SearchParams(q="chevalements"))  # the stemmed vectors
    assert (results.engine, results.count) == ("database", 3)
    assert results.facets["kind"][0]["count"] == 3
