"""A page made private after publication leaves every search at once, and comes back when it
is public again: its own restriction or one above it (login, password or groups), set in code
or in the admin's « Confidentialité » dialog, on the database's index and on the engine."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from archive.models import Contribution
from home.groups import PUBLISHERS_GROUP
from search import services
from search.models import SearchEntry
from tests.factories.festival import EditionPageFactory, FestivalIndexPageFactory, event_at, paris
from tests.factories.media import CustomImageFactory
from tests.factories.transcripts import InterviewFactory, SegmentFactory
from tests.search.conftest import BACKEND_PARAMS, answering_backend
from tests.search.factories import CHURCH, MINER, archive_index, item

pytestmark = pytest.mark.django_db


@pytest.fixture(params=BACKEND_PARAMS)
def backend(request, settings):
    """Which index answers: each real engine's, then the database's (no engine)."""
    return answering_backend(request, settings)


@pytest.fixture
def archive(backend, home_page):
    index = archive_index(home_page)
    church = item(index, **CHURCH, cover_image=CustomImageFactory())
    miner = item(index, **MINER)
    interview = InterviewFactory(page=miner)
    SegmentFactory(interview=interview, text="Au fond, la lampe du galibot s'éteignait.")
    services.index_rebuild()
    return index, church, miner


def found(client, backend, q) -> list[str]:
    answer = client.get("/api/search/", {"q": q}).json()
    assert answer["engine"] == backend
    return [hit.get("parent_title") or hit["title"] for hit in answer["results"]]


def suggested(client, q) -> list[str]:
    return [
        s["title"] for s in client.get("/api/search/autocomplete/", {"q": q}).json()["suggestions"]
    ]


def thumbnail(page) -> str:
    return SearchEntry.objects.get(doc_id=f"archive_item-{page.pk}").thumbnail


def _restrict(page, restriction_type: str) -> PageViewRestriction:
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=restriction_type, password="grisou"
    )
    if restriction_type == PageViewRestriction.GROUPS:
        restriction.groups.set([Group.objects.get(name=PUBLISHERS_GROUP)])
    return restriction


@pytest.mark.parametrize(
    "restriction_type",
    [PageViewRestriction.LOGIN, PageViewRestriction.PASSWORD, PageViewRestriction.GROUPS],
)
def test_item_made_private_leaves_every_search_then_comes_back(
    archive, backend, sync, client, restriction_type
):
    _, church, _ = archive
    picture = thumbnail(church)
    assert picture
    assert CHURCH["title"] in found(client, backend, "eglise")

    with sync:
        restriction = _restrict(church, restriction_type)

    assert found(client, backend, "eglise") == []
    assert suggested(client, "l'eglise") == []
    page = client.get("/recherche/", {"q": "fanfare eglise"}).content.decode()
    assert CHURCH["title"] not in page
    assert CHURCH["summary"] not in page
    assert picture not in page
    assert not SearchEntry.objects.filter(object_id=church.pk).exists()

    with sync:
        restriction.delete()

    assert found(client, backend, "eglise") == [CHURCH["title"]]
    assert suggested(client, "l'eglise") == [CHURCH["title"]]
    assert picture in client.get("/recherche/", {"q": "eglise"}).content.decode()


def test_private_archive_index_hides_every_item_and_passage(archive, backend, sync, client):
    index, _, _ = archive
    assert found(client, backend, "galibot") == [MINER["title"]]

    with sync:
        restriction = _restrict(index, PageViewRestriction.PASSWORD)

    assert found(client, backend, "galibot") == []
    assert found(client, backend, "eglise") == []
    assert suggested(client, "quand mon") == []
    assert not SearchEntry.objects.exists()

    with sync:
        restriction.delete()

    assert found(client, backend, "galibot") == [MINER["title"]]
    assert found(client, backend, "eglise") == [CHURCH["title"]]


def test_privacy_set_in_the_admin_reaches_the_index(archive, backend, sync, client, admin_user):
    _, church, _ = archive
    client.force_login(admin_user)
    url = f"/admin/pages/{church.pk}/privacy/"
    moderators = Group.objects.get(name=PUBLISHERS_GROUP)

    with sync:
        client.post(url, {"restriction_type": "password", "password": "grisou"})
    client.logout()
    assert found(client, backend, "eglise") == []

    client.force_login(admin_user)
    with sync:  # changed, still private
        client.post(url, {"restriction_type": "groups", "groups": [moderators.pk]})
    client.logout()
    assert PageViewRestriction.objects.get(page=church).restriction_type == "groups"
    assert found(client, backend, "eglise") == []

    client.force_login(admin_user)
    with sync:
        client.post(url, {"restriction_type": "none"})
    client.logout()
    assert not PageViewRestriction.objects.exists()
    assert found(client, backend, "eglise") == [CHURCH["title"]]


def test_item_whose_consent_rules_out_the_web_leaves_the_search(archive, backend, sync, client):
    _, church, _ = archive

    with sync:
        Contribution.objects.create(
            title="La Sainte-Barbe",
            story="…",
            full_name="Lucien Martel",
            email="lucien@example.org",
            allow_web=False,
            allow_research=True,
            item=church,
        )

    assert found(client, backend, "eglise") == []
    assert suggested(client, "l'eglise") == []


def test_private_edition_hides_its_events(backend, sync, client, home_page):
    festival = FestivalIndexPageFactory(parent=home_page)
    edition = EditionPageFactory(parent=festival, year=2026)
    event_at(edition=edition, start=paris(2026, 6, 13, 15), title="Le terril raconté")
    services.index_rebuild()
    assert found(client, backend, "terril") == ["Le terril raconté"]

    with sync:
        restriction = _restrict(edition, PageViewRestriction.LOGIN)
    assert found(client, backend, "terril") == []

    with sync:
        restriction.delete()
    assert found(client, backend, "terril") == ["Le terril raconté"]
