"""A page made private after publication leaves every search at once, and comes back when it
is public again: its own restriction or one above it (login, password or groups), set in code
or in the admin's « Confidentialité » dialog, a page moved under a private parent or out of it
(one by one or with the admin's bulk move, an edition with its events), pages unpublished in
bulk with those below them; on the database's index and on the engine. Its thumbnail is no
longer served while it is hidden."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from archive.models import Contribution
from home.groups import PUBLISHERS_GROUP
from search import services
from search.models import SearchEntry
from tests.factories.archive import ArchiveIndexPageFactory
from tests.factories.festival import EditionPageFactory, FestivalIndexPageFactory, event_at, paris
from tests.factories.media import CustomImageFactory
from tests.factories.transcripts import InterviewFactory, SegmentFactory
from tests.search.factories import CHURCH, MINER, archive_index, item

pytestmark = pytest.mark.django_db


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


def served(client, url: str) -> bool:
    """The file is handed out, by the embedded server and by the check nginx makes first."""
    response = client.get(url)
    nginx = client.get("/-/media-check", headers={"x-original-uri": url})
    return response.status_code == 200 and nginx.status_code == 204


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
    assert not served(client, picture)

    with sync:
        restriction.delete()

    assert found(client, backend, "eglise") == [CHURCH["title"]]
    assert suggested(client, "l'eglise") == [CHURCH["title"]]
    assert picture in client.get("/recherche/", {"q": "eglise"}).content.decode()
    assert served(client, picture)


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


def test_items_moved_under_a_private_archive_leave_every_search_then_come_back(
    archive, backend, sync, client, admin_user, home_page
):
    _, church, miner = archive
    picture = thumbnail(church)
    reserve = ArchiveIndexPageFactory(parent=home_page, title="Fonds réservé", slug="reserve")
    _restrict(reserve, PageViewRestriction.LOGIN)
    client.force_login(admin_user)

    with sync:  # the admin's bulk move, two pages at once
        client.post(
            f"/admin/bulk/wagtailcore/page/move/?id={church.pk}&id={miner.pk}",
            {"chooser": reserve.pk},
        )
    client.logout()
    church.refresh_from_db()
    assert church.get_parent().pk == reserve.pk
    assert found(client, backend, "eglise") == []
    assert found(client, backend, "galibot") == []
    assert suggested(client, "l'eglise") == []
    assert CHURCH["title"] not in client.get("/recherche/", {"q": "eglise"}).content.decode()
    assert not served(client, picture)

    client.force_login(admin_user)
    with sync:  # one page moved back, through the move dialog
        client.post(f"/admin/pages/{church.pk}/move/{archive[0].pk}/confirm/")
    client.logout()
    assert found(client, backend, "eglise") == [CHURCH["title"]]
    assert suggested(client, "l'eglise") == [CHURCH["title"]]
    assert served(client, picture)
    assert found(client, backend, "galibot") == []


def test_edition_moved_under_a_private_festival_hides_its_events(backend, sync, client, home_page):
    festival = FestivalIndexPageFactory(parent=home_page)
    edition = EditionPageFactory(parent=festival, year=2026)
    event_at(edition=edition, start=paris(2026, 6, 13, 15), title="Le terril raconté")
    hidden = FestivalIndexPageFactory(parent=home_page, title="Archives du festival", slug="old")
    _restrict(hidden, PageViewRestriction.PASSWORD)
    services.index_rebuild()
    assert found(client, backend, "terril") == ["Le terril raconté"]

    with sync:
        edition.move(hidden, pos="last-child")
    assert found(client, backend, "terril") == []

    festival.refresh_from_db()  # the tree changed under the objects in memory
    edition.refresh_from_db()
    with sync:
        edition.move(festival, pos="last-child")
    assert found(client, backend, "terril") == ["Le terril raconté"]


def test_archive_unpublished_in_bulk_with_its_items_leaves_then_comes_back(
    archive, backend, sync, client, admin_user
):
    index, church, _ = archive
    picture = thumbnail(church)
    client.force_login(admin_user)

    with sync:  # the admin's bulk unpublish, the pages below included
        client.post(
            f"/admin/bulk/wagtailcore/page/unpublish/?id={index.pk}",
            {"include_descendants": "on"},
        )
    client.logout()
    assert found(client, backend, "eglise") == []
    assert found(client, backend, "galibot") == []
    assert suggested(client, "quand mon") == []
    assert not SearchEntry.objects.exists()
    assert not served(client, picture)

    client.force_login(admin_user)
    with sync:  # the admin's bulk publish, the pages below included
        client.post(
            f"/admin/bulk/wagtailcore/page/publish/?id={index.pk}",
            {"include_descendants": "on"},
        )
    client.logout()
    assert found(client, backend, "eglise") == [CHURCH["title"]]
    assert found(client, backend, "galibot") == [MINER["title"]]
    assert served(client, picture)
