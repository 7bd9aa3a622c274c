"""The home page's calls to act lead straight to their action, and it invites to listen."""

import pytest
from django.urls import reverse
from django.utils import timezone

from archive.models import ItemKind
from tests.factories.archive import ArchiveItemPageFactory
from tests.factories.festival import EditionPageFactory
from tests.factories.transcripts import recording
from tests.factories.volunteers import ShiftFactory

pytestmark = pytest.mark.django_db


def _this_year() -> int:
    return timezone.localdate().year


def test_contribute_call_opens_the_form(client, home_page):
    html = client.get("/").content.decode()

    assert f'href="{reverse("archive:contribute")}"' in html
    assert client.get(reverse("archive:contribute")).status_code == 200


def test_volunteer_call_opens_the_next_editions_shifts(client, festival_index):
    past = EditionPageFactory(parent=festival_index, year=_this_year() - 1)
    ShiftFactory(edition=past)
    coming = EditionPageFactory(parent=festival_index, year=_this_year() + 1)
    ShiftFactory(edition=coming)
    later = EditionPageFactory(parent=festival_index, year=_this_year() + 2)
    ShiftFactory(edition=later)

    html = client.get("/").content.decode()

    signup = reverse("festival_volunteers:signup", args=[coming.year])
    assert f'href="{signup}"' in html
    assert "<form" in client.get(signup).content.decode()


def test_volunteer_call_skips_an_edition_without_shifts_ahead(client, festival_index):
    EditionPageFactory(parent=festival_index, year=_this_year() + 1)  # no shift yet
    later = EditionPageFactory(parent=festival_index, year=_this_year() + 2)
    ShiftFactory(edition=later)

    html = client.get("/").content.decode()

    assert f'href="{reverse("festival_volunteers:signup", args=[later.year])}"' in html


def test_volunteer_call_falls_back_on_the_festival_page(client, festival_index):
    ShiftFactory(edition=EditionPageFactory(parent=festival_index, year=_this_year() - 1))

    html = client.get("/").content.decode()

    assert f'href="{festival_index.url}">Voir les créneaux' in html


def test_home_page_invites_to_listen_to_an_oral_history(client, archive_index):
    ArchiveItemPageFactory(parent=archive_index, kind=ItemKind.ORAL_HISTORY, title="Sans bande")
    ArchiveItemPageFactory(
        parent=archive_index,
        kind=ItemKind.ORAL_HISTORY,
        title="Brouillon",
        media_file=recording(),
        live=False,
    )
    heard = ArchiveItemPageFactory(
        parent=archive_index,
        kind=ItemKind.ORAL_HISTORY,
        title="La voix du galibot",
        media_file=recording(),
    )

    html = client.get("/").content.decode()

    assert "La voix du galibot" in html
    assert f'href="{heard.url}#media-title">Écouter le témoignage' in html
    assert "Brouillon" not in html and "Sans bande" not in html
    assert 'id="media-title"' in client.get(heard.url).content.decode()


def test_home_page_says_nothing_of_listening_without_a_recording(client, archive_index):
    ArchiveItemPageFactory(parent=archive_index, kind=ItemKind.ORAL_HISTORY)

    assert "Écouter le témoignage" not in client.get("/").content.decode()


@pytest.mark.parametrize("n", [1, 30])
def test_home_page_calls_queries_do_not_grow(
    client, archive_index, festival_index, django_assert_num_queries, n
):
    sound = recording()
    for _ in range(n):
        ArchiveItemPageFactory(parent=archive_index, kind=ItemKind.ORAL_HISTORY, media_file=sound)
    edition = EditionPageFactory(parent=festival_index, year=_this_year() + 1)
    for _ in range(n):
        ShiftFactory(edition=edition)
    client.get("/")

    with django_assert_num_queries(8):
        response = client.get("/")

    html = response.content.decode()
    assert html.count("Écouter le témoignage") == 1
    assert reverse("festival_volunteers:signup", args=[edition.year]) in html
