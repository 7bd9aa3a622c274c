"""Search on the real engines (Elasticsearch 8.19 directly, OpenSearch 2.19 through its proxy)."""

import io
import threading

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from elasticsearch import helpers

from archive.models import SegmentCorrection
from search import engine, selectors, services
from search.models import PendingSync
from search.query import SearchParams
from tests.factories.transcripts import InterviewFactory, SegmentFactory
from tests.search.conftest import BACKEND_PARAMS, answering_backend
from tests.search.engine_proxy import EngineProxy
from tests.search.factories import CHURCH, MINER, archive_index, indexed_archive, item

pytestmark = pytest.mark.integration


@pytest.fixture
def archive(search_engine, home_page):
    return indexed_archive(home_page)


def search(q="", **filters):
    return selectors.search_content(SearchParams(q=q, filters=filters))


def titles(q="", **filters):
    results = search(q, **filters)
    assert results.engine == "elasticsearch"
    return [hit.title for hit in results.results]


def refresh():
    engine.get_client().indices.refresh(index=engine.alias_name())


def test_rebuild_switches_the_alias_while_queries_keep_answering(archive):
    failures, answers, during = [], [], []
    stop, answering = threading.Event(), threading.Event()
    build = selectors.build_search

    def keep_searching():
        while not stop.is_set():
            try:
                answers.append(build(SearchParams(q="terril")).execute().hits.total.value)
                answering.set()
            except Exception as error:  # noqa: BLE001 - counted, that is the test
                failures.append(error)

    searcher = threading.Thread(target=keep_searching)
    searcher.start()
    try:
        # Queries answer before the rebuilds start, so the rebuilds run among them however
        # fast they are on a quiet machine or slow on a busy one.
        assert answering.wait(timeout=60)
        before = len(answers)
        first = services.index_rebuild()
        second = services.index_rebuild()
        during.extend(answers[before:])
    finally:
        stop.set()
        searcher.join()

    assert first.index != second.index
    assert failures == []
    assert during, "no query answered while the index was rebuilt"
    assert set(answers) == {1}
    aliases = engine.get_client().indices.get_alias(name=engine.alias_name())
    assert list(aliases.body) == [second.index]


def test_publish_unpublish_and_delete_reach_the_engine(archive, django_capture_on_commit_callbacks):
    index, items = archive
    new = item(index, title="La lampisterie de la fosse 12", live=False)

    with django_capture_on_commit_callbacks(execute=True):
        new.save_revision().publish()
    refresh()
    assert titles("lampisterie") == ["La lampisterie de la fosse 12"]

    new.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        new.unpublish()
    refresh()
    assert titles("lampisterie") == []

    with django_capture_on_commit_callbacks(execute=True):
        items["church"].delete()
    refresh()
    assert titles("eglise") == []


def test_engine_frozen_mid_session_falls_back_to_the_database(
    archive, search_engine, settings, client
):
    settings.ELASTICSEARCH_TIMEOUT = 1
    engine.reset()
    search_engine.freeze()  # the node's process is stopped: it accepts, it never answers
    try:
        response = client.get("/api/search/", {"q": "l'eglise"})
        page = client.get("/recherche/", {"q": "mineurs"})
    finally:
        search_engine.thaw()

    assert response.status_code == 200
    assert response.json()["engine"] == "database"
    assert [hit["title"] for hit in response.json()["results"]] == [CHURCH["title"]]
    assert page.status_code == 200
    assert "directement de la base de données" in page.content.decode()


def test_unreachable_engine_never_breaks_a_save_and_is_retried(
    archive, search_engine, settings, django_capture_on_commit_callbacks
):
    index, _ = archive
    doomed_proxy = EngineProxy(search_engine.url).start()
    settings.ELASTICSEARCH_URL = doomed_proxy.url
    engine.reset()
    doomed_proxy.stop()  # connection refused from now on, like a stopped node
    new = item(index, title="Le carnet de paie de la fosse 9", live=False)

    with django_capture_on_commit_callbacks(execute=True):
        new.save_revision().publish()

    assert PendingSync.objects.filter(object_id=new.pk).exists()
    assert search("carnet").engine == "database"
    assert [hit.title for hit in search("carnet").results] == ["Le carnet de paie de la fosse 9"]

    settings.ELASTICSEARCH_URL = search_engine.client_url
    engine.reset()
    assert services.pending_retry(refresh=True) == 1
    assert titles("carnet") == ["Le carnet de paie de la fosse 9"]
    assert not PendingSync.objects.exists()


def test_no_personal_data_in_any_indexed_document(archive):
    _, items = archive
    editor = get_user_model().objects.create_user(
        "paulette", email="paulette.wiart@example.org", password="x", first_name="Paulette"
    )
    items["church"].owner = editor
    items["church"].save_revision(user=editor).publish()
    # An interview's passage: the interviewers' note and corrections' authors stay out.
    interview = InterviewFactory(page=items["miner"], speakers_note="Paulette Wiart, enquêtrice")
    segment = SegmentFactory(interview=interview, text="On descendait à six heures.")
    SegmentCorrection.objects.create(
        segment=segment, proposed_text="On descendait à cinq heures.", credit_name="Paulette W."
    )
    services.index_rebuild()

    sources = [
        hit["_source"] for hit in helpers.scan(engine.get_client(), index=engine.alias_name())
    ]

    assert len(sources) == 4
    allowed = {
        "doc_type",
        "object_id",
        "title",
        "body",
        "kind",
        "themes",
        "places",
        "collections",
        "edition",
        "decades",
        "date",
        "date_label",
        "url",
        "thumbnail",
        "location",
        "timecode",
        "parent_title",
        "parent_id",
        "suggest",
    }
    assert all(set(source) <= allowed for source in sources)
    dumped = repr(sources).lower()
    assert "paulette" not in dumped
    assert "example.org" not in dumped


def test_search_index_command_rebuilds_and_reports_status(archive):
    out = io.StringIO()
    call_command("search_index", "rebuild", stdout=out)
    call_command("search_index", "status", stdout=out)

    text = out.getvalue()
    assert "3 documents indexés" in text
    assert "documents/s" in text
    assert "Aucun écart." in text


@pytest.fixture(params=BACKEND_PARAMS)
def long_interview(request, settings, home_page):
    """An interview that says « berline » three times, and a photo that shows one."""
    answering = answering_backend(request, settings)
    index = archive_index(home_page)
    interview = InterviewFactory(page=item(index, **MINER))
    for minute in (3, 17, 42):
        SegmentFactory(
            interview=interview,
            start=minute * 60_000,
            end=minute * 60_000 + 9_000,
            text=f"On poussait la berline, minute {minute}.",
        )
    item(index, title="Une berline au carreau", summary="La berline pleine de charbon.")
    services.index_rebuild()
    return answering


def test_passages_of_one_interview_are_grouped_under_the_best(long_interview, client):
    data = client.get("/api/search/", {"q": "berline"}).json()
    page = client.get("/recherche/", {"q": "berline"}).content.decode()

    assert data["engine"] == long_interview
    passages = [hit for hit in data["results"] if hit["doc_type"] == "segment"]
    assert len(passages) == 1
    assert len(passages[0]["other_passages"]) == 2
    seconds = {passages[0]["timecode"]} | {p["timecode"] for p in passages[0]["other_passages"]}
    assert seconds == {180, 1020, 2520}
    assert [hit["title"] for hit in data["results"] if hit["doc_type"] != "segment"] == [
        "Une berline au carreau"
    ]
    assert "3 passages dans cet entretien" in page
    for passage in passages[0]["other_passages"]:
        assert f'href="{passage["segment_url"]}"' in page
