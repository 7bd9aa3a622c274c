"""Atom and RSS feeds, read with a real feed parser (feedparser)."""

import feedparser
import pytest

from archive.contributions.services import contribution_create
from tests.archive.test_public_channels import HIDDEN, HIDDEN_KINDS, VISIBLE, _world
from tests.factories.archive import (
    ArchiveCollectionFactory,
    ThemeFactory,
    contribution_data,
    published,
)
from tests.factories.festival import (
    EditionPageFactory,
    EventPageFactory,
    FestivalIndexPageFactory,
    paris,
)

pytestmark = pytest.mark.django_db


def _feed(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return feedparser.parse(response.content)


@pytest.mark.parametrize("url", ["/flux/archive.atom", "/flux/archive.rss"])
def test_the_archive_feed_lists_new_items_from_dublin_core(client, archive_index, url):
    item = published(
        archive_index,
        title="La fanfare à la fosse 11",
        summary="La fanfare défile.",
        credit="Club photo",
    )
    item.themes.set([ThemeFactory(name="La fanfare")])
    item.save_revision().publish()

    feed = _feed(client, url)

    assert feed.bozo == 0
    assert feed.feed.link == f"http://testserver{archive_index.url}"
    [entry] = feed.entries
    assert entry.title == "La fanfare à la fosse 11"
    assert entry.link == f"http://testserver{item.url}"
    assert entry.summary == "La fanfare défile."
    assert entry.author == "Club photo"
    assert [tag.term for tag in entry.tags] == ["La fanfare"]


def test_the_atom_feed_is_atom(client, archive_index):
    published(archive_index)

    feed = _feed(client, "/flux/archive.atom")

    assert feed.version == "atom10"
    assert _feed(client, "/flux/archive.rss").version == "rss20"


def test_the_feed_names_the_contributor_as_they_chose(client, archive_index, editor):
    contribution = contribution_create(data=contribution_data(name_display="initial"))
    contribution.item.specific.save_revision().publish()

    content = client.get("/flux/archive.atom").content.decode()

    assert "Jeannine D." in content
    assert "Dupont-Kowalski" not in content
    assert "jeannine.dupont@example.org" not in content


@pytest.mark.parametrize(("extension", "version"), [("atom", "atom10"), ("rss", "rss20")])
def test_a_collection_feed_lists_only_its_items(client, archive_index, extension, version):
    fonds = ArchiveCollectionFactory(name="Fonds Kowalski", slug="fonds-kowalski")
    published(archive_index, title="Dans le fonds", collection=fonds)
    published(archive_index, title="Ailleurs")

    feed = _feed(client, f"/flux/collections/fonds-kowalski.{extension}")

    assert feed.version == version
    assert feed.feed.title == "Gohelliades — collection « Fonds Kowalski »"
    assert [entry.title for entry in feed.entries] == ["Dans le fonds"]


def test_an_unknown_collection_feed_is_not_found(client, archive_index):
    assert client.get("/flux/collections/inconnue.atom").status_code == 404
    assert client.get("/flux/collections/inconnue.rss").status_code == 404


def test_without_a_published_edition_the_programme_feed_is_not_found(client, home_page):
    assert client.get("/flux/programme.atom").status_code == 404
    assert client.get("/flux/programme.rss").status_code == 404


@pytest.mark.parametrize(("extension", "version"), [("atom", "atom10"), ("rss", "rss20")])
def test_the_programme_feed_lists_the_current_editions_events_in_order(
    client, home_page, extension, version
):
    festival = published(home_page, FestivalIndexPageFactory)
    edition = published(festival, EditionPageFactory, year=2099, title="Gohelliades 2099")
    for title, day in (("Le bal", 14), ("La parade", 13)):
        event = EventPageFactory(parent=edition, live=False, title=title)
        event.occurrences.create(start=paris(2099, 6, day, 21), end=paris(2099, 6, day, 23))
        event.save_revision().publish()
    EventPageFactory(parent=edition, live=False, title="Brouillon")

    feed = _feed(client, f"/flux/programme.{extension}")

    assert feed.version == version
    assert feed.feed.title == "Programme des Gohelliades 2099"
    assert [entry.title for entry in feed.entries] == ["La parade", "Le bal"]
    assert feed.entries[0].link == f"http://testserver{edition.url}la-parade/"


def test_the_archive_index_head_links_its_feeds(client, archive_index):
    content = client.get(archive_index.url).content.decode()

    assert (
        '<link rel="alternate" type="application/atom+xml" href="http://testserver/flux/archive.atom"'
        in content
    )


@pytest.mark.parametrize("hidden_kind", HIDDEN_KINDS)
def test_a_hidden_item_is_never_in_a_feed(
    client, archive_index, editor, django_capture_on_commit_callbacks, hidden_kind
):
    _world(archive_index, editor, django_capture_on_commit_callbacks, hidden_kind)

    for url in ("/flux/archive.atom", "/flux/archive.rss"):
        content = client.get(url).content.decode()
        assert VISIBLE in content
        assert HIDDEN not in content


@pytest.mark.parametrize("n", [1, 30])
def test_the_archive_feed_queries_do_not_grow(client, archive_index, django_assert_num_queries, n):
    for number in range(n):
        item = published(archive_index, title=f"Souvenir {number}")
        item.themes.set([ThemeFactory()])
        item.save_revision().publish()

    with django_assert_num_queries(8):
        feed = _feed(client, "/flux/archive.atom")

    assert len(feed.entries) == n


@pytest.mark.parametrize("n", [1, 30])
def test_the_programme_feed_queries_do_not_grow(client, home_page, django_assert_num_queries, n):
    festival = published(home_page, FestivalIndexPageFactory)
    edition = published(festival, EditionPageFactory, year=2099)
    for number in range(n):
        event = EventPageFactory(parent=edition, live=False, title=f"Spectacle {number}")
        event.occurrences.create(start=paris(2099, 6, 13, 21), end=paris(2099, 6, 13, 23))
        event.save_revision().publish()

    with django_assert_num_queries(5):
        feed = _feed(client, "/flux/programme.atom")

    assert len(feed.entries) == n
