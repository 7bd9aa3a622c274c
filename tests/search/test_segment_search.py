"""Transcript passages in the search: a hit lands in the interview at the second it was said.

Each behaviour is checked on the real engine and on the database's own index, since both are
fed by the same indexing path and a visitor may get either."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from archive.contributions.services import contribution_create
from archive.contributions.withdrawal import contribution_withdraw
from archive.models import Segment
from archive.transcripts.services import segment_split, transcript_import
from search import engine, fallback, selectors, services
from search.models import SearchEntry
from search.query import SearchParams
from tests.factories.archive import PlaceFactory, contribution_data
from tests.factories.transcripts import InterviewFactory, SegmentFactory
from tests.search.conftest import BACKEND_PARAMS, answering_backend
from tests.search.factories import MINER, archive_index, item

SAID_AT_1_02_10 = "Le porion nous a fait remonter par la cage, la galerie s'effondrait."

WEBVTT = """WEBVTT

01:02:10.000 --> 01:02:18.000
<v Marcel>Le porion nous a fait remonter par la cage, la galerie s'effondrait.

01:02:18.000 --> 01:02:30.000
<v Marcel>On a attendu au carreau jusqu'au matin.
"""


@pytest.fixture(params=BACKEND_PARAMS)
def engine_name(request, settings):
    return answering_backend(request, settings)


@pytest.fixture
def oral_history(home_page, engine_name):
    index = archive_index(home_page)
    page = item(index, **MINER)
    page.places.add(PlaceFactory(name="Fosse 11/19"))
    page.save()  # a parental many-to-many is written with its page
    interview = InterviewFactory(page=page)
    SegmentFactory(interview=interview, start=0, end=9_000, text="Je suis né à la cité 5.")
    SegmentFactory(interview=interview, start=3_730_000, end=3_738_000, text=SAID_AT_1_02_10)
    services.index_rebuild()
    return page


def search(q="", **filters):
    params = SearchParams(q=q, filters=filters)
    if engine.get_client() is None:
        return fallback.search(params)
    engine.get_client().indices.refresh(index=engine.alias_name())
    return selectors.search_content(params)


def passages(q="", **filters):
    return [hit for hit in search(q, **filters).results if hit.timecode is not None]


def test_word_said_at_1_02_10_finds_the_passage_and_its_second(oral_history, engine_name):
    results = search("effondrait")

    assert results.engine == engine_name
    [hit] = results.results
    assert hit.timecode == 3730
    assert hit.segment_url == f"{oral_history.url}?t=3730"
    assert hit.parent_title == MINER["title"]
    assert hit.title == "Marcel, 1:02:10"


def test_player_opens_at_the_second_of_the_hit(oral_history, client):
    [hit] = passages("effondrait")

    response = client.get(hit.segment_url)

    assert response.status_code == 200
    page = response.content.decode()
    assert (
        f'id="segment-{Segment.objects.get(start=3_730_000).pk}" class="oh-segment is-current"'
        in page
    )
    assert SAID_AT_1_02_10.replace("'", "&#x27;") in page


def test_passages_carry_their_item_facets(oral_history):
    assert len(passages("galerie", place="Fosse 11/19")) == 1
    assert passages("galerie", place="Cité des Provinces") == []


def test_transcript_import_reindexes_the_passages_after_commit(
    oral_history, django_capture_on_commit_callbacks
):
    interview = oral_history.interview

    with django_capture_on_commit_callbacks(execute=True):
        transcript_import(interview=interview, source=WEBVTT, mode="replace")

    assert passages("cité 5") == []  # replaced by the file
    assert [hit.timecode for hit in passages("carreau")] == [3738]
    assert [hit.timecode for hit in passages("effondrait")] == [3730]
    assert SearchEntry.objects.filter(doc_type="segment").count() == 2


def test_split_indexes_both_halves(oral_history, django_capture_on_commit_callbacks):
    segment = Segment.objects.get(start=3_730_000)

    with django_capture_on_commit_callbacks(execute=True):
        segment_split(segment=segment, at=3_734_000)

    assert [hit.timecode for hit in passages("porion")] == [3730]
    assert [hit.timecode for hit in passages("effondrait")] == [3734]


def test_unpublished_or_deleted_item_takes_its_passages_away(
    oral_history, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        oral_history.unpublish()
    assert passages("effondrait") == []
    assert not SearchEntry.objects.filter(doc_type="segment").exists()

    with django_capture_on_commit_callbacks(execute=True):
        oral_history.save_revision().publish()
    assert len(passages("effondrait")) == 1

    with django_capture_on_commit_callbacks(execute=True):
        oral_history.delete()
    assert passages("effondrait") == []
    assert search("effondrait").count == 0


def test_embargoed_interview_is_found_only_once_it_goes_live(
    home_page, engine_name, django_capture_on_commit_callbacks
):
    index = archive_index(home_page)
    page = item(index, title="Entretien sous embargo", live=False)
    SegmentFactory(interview=InterviewFactory(page=page), text="La grève de 1948 au puits.")
    page.save_revision(approved_go_live_at=timezone.now() + datetime.timedelta(days=30))
    services.index_rebuild()
    assert passages("grève") == []

    page.latest_revision.approved_go_live_at = timezone.now() - datetime.timedelta(minutes=1)
    page.latest_revision.save()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("publish_scheduled")

    assert [hit.parent_title for hit in passages("grève")] == ["Entretien sous embargo"]


def test_status_counts_passages_in_the_database_and_the_indices(oral_history, engine_name):
    rows, _ = services.index_status()
    [row] = [row for row in rows if row.doc_type == "segment"]

    assert (row.in_database, row.in_fallback) == (2, 2)
    assert row.in_engine == (2 if engine_name == "elasticsearch" else None)
    assert not row.drift


def test_withdrawn_contribution_leaves_nothing_to_find(
    home_page, engine_name, django_capture_on_commit_callbacks
):
    index = archive_index(home_page)
    index.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        contribution = contribution_create(data=contribution_data(title="Le lavoir de la cité 9"))
        contribution.refresh_from_db()
        item = contribution.item.specific
        SegmentFactory(interview=InterviewFactory(page=item), text="On lavait les bleus.")
        item.get_latest_revision().publish()
    assert search("lavoir").count == 1
    assert len(passages("bleus")) == 1

    with django_capture_on_commit_callbacks(execute=True):
        contribution_withdraw(contribution=contribution)

    assert search("lavoir").count == 0
    assert search("bleus").count == 0
    assert not SearchEntry.objects.exists()
