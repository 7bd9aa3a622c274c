"""A contributor who chose another name than their own is never named, nor reachable, in public."""

import pytest
from wagtail.models import Revision, WorkflowState

from archive.contributions.services import contribution_create
from search import services as search_services
from search.models import SearchEntry
from tests.archive.helpers import describe_photos
from tests.factories.archive import contribution_data
from tests.factories.media import jpeg_with_gps_bytes, upload

pytestmark = pytest.mark.django_db

FULL_NAME = "Jeannine Dupont-Kowalski"
EMAIL = "jeannine.dupont@example.org"
PHONE = "06 12 34 56 78"


@pytest.fixture
def database_search(settings):
    settings.ELASTICSEARCH_URL = ""


def _published(editor, **choice):
    contribution = contribution_create(
        data=contribution_data(full_name=FULL_NAME, email=EMAIL, phone=PHONE, **choice),
        photos=[upload(jpeg_with_gps_bytes(), "IMG_1.jpg", "image/jpeg")],
    )
    describe_photos(contribution)
    state = WorkflowState.objects.active().for_instance(contribution.item).get()
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, editor, "approve")
    search_services.index_rebuild()
    contribution.item.refresh_from_db()
    return contribution


CHOICES = [
    pytest.param(
        {"name_display": "pseudonym", "pseudonym": "La lampiste"},
        ["Jeannine", "Dupont", "Kowalski"],
        "La lampiste",
        id="pseudonym",
    ),
    pytest.param({"name_display": "initial"}, ["Dupont", "Kowalski"], "Jeannine D.", id="initial"),
    pytest.param(
        {"name_display": "anonymous"}, ["Jeannine", "Dupont", "Kowalski"], "Anonyme", id="anonymous"
    ),
]


def _assert_private(text: str, hidden: list[str]) -> None:
    for secret in [*hidden, EMAIL, PHONE, "example.org"]:
        assert secret not in text


@pytest.mark.parametrize(("choice", "hidden", "shown"), CHOICES)
def test_item_page_shows_only_the_chosen_name(
    client, archive_index, editor, database_search, choice, hidden, shown
):
    contribution = _published(editor, **choice)

    html = client.get(contribution.item.url).content.decode()

    assert shown in html
    _assert_private(html, hidden)


@pytest.mark.parametrize(("choice", "hidden", "shown"), CHOICES)
def test_search_api_never_answers_with_the_real_name(
    client, archive_index, editor, database_search, choice, hidden, shown
):
    _published(editor, **choice)

    found = client.get("/api/search/", {"q": "Sainte-Barbe"})
    by_name = client.get("/api/search/", {"q": "Kowalski"})
    by_email = client.get("/api/search/", {"q": "jeannine.dupont"})

    assert found.json()["engine"] == "database"
    assert found.json()["count"] == 1
    _assert_private(found.content.decode(), hidden)
    assert by_name.json()["count"] == 0
    assert by_email.json()["count"] == 0


@pytest.mark.parametrize(("choice", "hidden", "shown"), CHOICES)
def test_search_entries_hold_no_personal_data(
    archive_index, editor, database_search, choice, hidden, shown
):
    _published(editor, **choice)

    entries = list(SearchEntry.objects.values())

    assert entries
    _assert_private(" ".join(str(value) for row in entries for value in row.values()), hidden)


@pytest.mark.parametrize(("choice", "hidden", "shown"), CHOICES)
def test_sitemap_and_search_page_hold_no_personal_data(
    client, archive_index, editor, database_search, choice, hidden, shown
):
    contribution = _published(editor, **choice)

    sitemap = client.get("/sitemap.xml").content.decode()
    page = client.get("/recherche/", {"q": "Sainte-Barbe"}).content.decode()

    assert contribution.item.slug in sitemap
    _assert_private(sitemap, hidden)
    assert contribution.item.title in page
    _assert_private(page, hidden)


def test_item_revisions_hold_no_personal_data(archive_index, editor, database_search):
    contribution = _published(editor, name_display="pseudonym", pseudonym="La lampiste")

    revisions = " ".join(
        str(revision.content) for revision in Revision.objects.for_instance(contribution.item)
    )

    assert "La lampiste" in revisions
    _assert_private(revisions, ["Jeannine", "Dupont", "Kowalski"])
