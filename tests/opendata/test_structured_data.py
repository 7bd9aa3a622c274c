"""schema.org JSON-LD, Open Graph and the meta description, as a crawler reads them."""

import json
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from archive.contributions.services import contribution_create
from archive.models import ItemKind
from archive.transcripts.services import correction_propose, correction_review
from media.models import MediaKind
from projects.models import ProjectStatus
from tests.archive.test_public_channels import HIDDEN_KINDS, _world
from tests.factories.archive import (
    ArchiveCollectionFactory,
    ArchiveItemPageFactory,
    PlaceFactory,
    ThemeFactory,
    contribution_data,
    published,
)
from tests.factories.festival import EditionPageFactory, FestivalIndexPageFactory
from tests.factories.media import CustomImageFactory
from tests.factories.projects import AgreedVersionFactory
from tests.factories.talks import TalkFactory
from tests.factories.transcripts import InterviewFactory, SegmentFactory, TapeFactory, recording

pytestmark = pytest.mark.django_db


class _Head(HTMLParser):
    """The JSON-LD scripts, meta tags and alternate links of a page, as a crawler sees them."""

    def __init__(self):
        super().__init__()
        self.json_ld: list = []
        self.meta: dict[str, list[str]] = {}
        self.alternates: list[dict] = []
        self._in_json_ld = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_json_ld = True
        elif tag == "meta" and ("property" in attrs or "name" in attrs):
            key = attrs.get("property") or attrs.get("name")
            self.meta.setdefault(key, []).append(attrs.get("content"))
        elif tag == "link" and attrs.get("rel") == "alternate":
            self.alternates.append(attrs)

    def handle_endtag(self, tag):
        self._in_json_ld = False

    def handle_data(self, data):
        if self._in_json_ld:
            self.json_ld.append(json.loads(data))


def _head(client, url) -> _Head:
    response = client.get(url)
    assert response.status_code == 200
    head = _Head()
    head.feed(response.content.decode())
    return head


def test_a_photo_item_is_a_photograph_from_dublin_core(client, archive_index):
    item = published(
        archive_index,
        title="La fanfare à la fosse 11",
        summary="La fanfare des mineurs défile.",
        kind=ItemKind.PHOTO,
        date_label="années 1950",
        credit="Club photo de Loos",
        cover_image=CustomImageFactory(description="La fanfare en uniforme"),
        collection=ArchiveCollectionFactory(name="Fonds Kowalski", slug="fonds-kowalski"),
    )
    item.themes.set([ThemeFactory(name="La fanfare")])
    item.places.set([PlaceFactory(name="Fosse 11")])
    item.save_revision().publish()

    [data] = _head(client, item.url).json_ld

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Photograph"
    assert data["name"] == "La fanfare à la fosse 11"
    assert data["url"] == f"http://testserver{item.url}"
    assert data["creator"] == [{"@type": "Person", "name": "Club photo de Loos"}]
    assert data["temporalCoverage"] == "1950/1959"
    assert data["keywords"] == ["La fanfare"]
    assert data["contentLocation"] == [{"@type": "Place", "name": "Fosse 11"}]
    assert data["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert data["isPartOf"]["@type"] == "Collection"
    assert (
        data["isPartOf"]["url"]
        == f"http://testserver{archive_index.url}collections/fonds-kowalski/"
    )
    assert data["image"].startswith("http://testserver/")


def test_an_oral_history_is_an_audio_object_with_its_transcript(client, archive_index):
    item = published(archive_index, title="Entretien avec Lucien", kind=ItemKind.ORAL_HISTORY)
    interview = InterviewFactory(page=item)
    TapeFactory(interview=interview, media_file=recording(title="Bande 1"))
    SegmentFactory(interview=interview, start=0, end=5_000, text="On descendait à six heures.")

    [data] = _head(client, item.url).json_ld

    assert data["@type"] == "AudioObject"
    assert data["transcript"] == "On descendait à six heures."


def test_an_oral_history_json_ld_follows_an_accepted_correction_at_once(client, archive_index):
    item = published(archive_index, kind=ItemKind.ORAL_HISTORY)
    segment = SegmentFactory(interview=InterviewFactory(page=item), text="On descendait à six.")
    assert _head(client, item.url).json_ld[0]["transcript"] == "On descendait à six."
    correction = correction_propose(segment=segment, proposed_text="On descendait à sept.")

    correction_review(correction=correction, accept=True)

    assert _head(client, item.url).json_ld[0]["transcript"] == "On descendait à sept."


def test_a_recorded_video_is_a_video_object(client, archive_index):
    video = recording(title="Film")
    video.kind = MediaKind.VIDEO
    video.mime_type = "video/mp4"
    video.save()
    item = published(archive_index, kind=ItemKind.ORAL_HISTORY, media_file=video)

    [data] = _head(client, item.url).json_ld

    assert data["@type"] == "VideoObject"
    assert data["encodingFormat"] == "video/mp4"


def test_a_memory_is_a_creative_work(client, archive_index):
    item = published(archive_index, kind=ItemKind.MEMORY)

    [data] = _head(client, item.url).json_ld

    assert data["@type"] == "CreativeWork"


def test_a_collection_page_is_a_collection_of_its_public_items(client, archive_index):
    fonds = ArchiveCollectionFactory(name="Fonds Kowalski", slug="fonds-kowalski")
    item = published(archive_index, title="Dans le fonds", collection=fonds)
    ArchiveItemPageFactory(parent=archive_index, title="Brouillon", live=False, collection=fonds)

    head = _head(client, f"{archive_index.url}collections/fonds-kowalski/")

    [data] = head.json_ld
    assert data["@type"] == "Collection"
    assert data["hasPart"] == [
        {"@type": "CreativeWork", "name": "Dans le fonds", "url": f"http://testserver{item.url}"}
    ]
    assert [link["href"] for link in head.alternates] == [
        "http://testserver/flux/archive.atom",
        "http://testserver/flux/archive.rss",
        "http://testserver/flux/collections/fonds-kowalski.atom",
        "http://testserver/flux/collections/fonds-kowalski.rss",
    ]


def test_the_json_ld_names_the_contributor_as_they_chose(client, archive_index, editor):
    contribution = contribution_create(data=contribution_data(name_display="initial"))
    item = contribution.item.specific
    item.save_revision().publish()

    content = client.get(item.url).content.decode()
    [data] = _head(client, item.url).json_ld

    assert data["creator"] == [{"@type": "Person", "name": "Jeannine D."}]
    assert "Dupont-Kowalski" not in content
    assert "jeannine.dupont@example.org" not in content


def test_an_item_page_has_open_graph_and_a_description(client, archive_index):
    item = published(
        archive_index,
        title="Le terril 74",
        summary="Le plus haut terril d'Europe.",
        cover_image=CustomImageFactory(description="Le terril au couchant"),
    )

    meta = _head(client, item.url).meta

    assert meta["description"] == ["Le plus haut terril d'Europe."]
    assert meta["og:title"] == ["Le terril 74"]
    assert meta["og:type"] == ["article"]
    assert meta["og:url"] == [f"http://testserver{item.url}"]
    assert meta["og:image:alt"] == ["Le terril au couchant"]


def test_every_public_page_has_open_graph(client, home_page, archive_index):
    for url in (home_page.url, archive_index.url, f"{archive_index.url}themes/"):
        meta = _head(client, url).meta
        assert len(meta["og:title"]) == 1
        assert meta["og:site_name"] == ["Gohelliades — Loos-en-Gohelle"]


def test_fifty_fifty_and_taidx_pages_have_a_description_and_open_graph_once(client, home_page):
    project = AgreedVersionFactory(
        project__status=ProjectStatus.RUNNING,
        project__title="Le jardin de la cité 5",
        project__need="Des bacs de culture <b>au pied</b> des corons.",
    ).project
    talk = TalkFactory(title="Notre jardin et la mairie", summary="Ce que la ville a donné.")
    pages = {
        reverse("projects:list"): ("Projets fifty-fifty", None),
        reverse("projects:tally"): ("Le bilan des projets fifty-fifty", None),
        reverse("projects:detail", kwargs={"slug": project.slug}): (
            "Le jardin de la cité 5",
            "Des bacs de culture au pied des corons.",
        ),
        reverse("talks:list"): ("Ch'ti TAIDx", None),
        reverse("talks:changes_asked"): ("Ce qui doit changer — Ch'ti TAIDx", None),
        reverse("talks:evening", kwargs={"slug": talk.evening.slug}): (
            talk.evening.title,
            talk.evening.introduction,
        ),
        reverse("talks:talk", kwargs={"slug": talk.evening.slug, "talk_slug": talk.slug}): (
            "Notre jardin et la mairie",
            "Ce que la ville a donné.",
        ),
    }

    for path, (title, description) in pages.items():
        meta = _head(client, path).meta
        assert meta["og:title"] == [title], path
        assert meta["og:url"] == [f"http://testserver{path}"], path
        assert meta["og:site_name"] == ["Gohelliades — Loos-en-Gohelle"], path
        [text] = meta["description"]
        assert meta["og:description"] == [text], path
        if description:
            assert text == description, path
        else:
            assert text, path


def test_festival_pages_keep_their_own_open_graph_once(client, home_page):
    festival = published(home_page, FestivalIndexPageFactory)
    edition = published(festival, EditionPageFactory, year=2099, title="Gohelliades 2099")

    head = _head(client, edition.url)

    assert head.meta["og:title"] == ["Gohelliades 2099"]
    assert "http://testserver/flux/programme.atom" in [link["href"] for link in head.alternates]


@pytest.mark.parametrize("hidden_kind", HIDDEN_KINDS)
def test_a_hidden_item_never_has_structured_data(
    client, archive_index, editor, django_capture_on_commit_callbacks, hidden_kind
):
    _, visible, hidden = _world(
        archive_index, editor, django_capture_on_commit_callbacks, hidden_kind
    )

    # The hidden item's own page is never served (404, or the login page when private).
    assert client.get(hidden.url).status_code != 200
    assert [data["name"] for data in _head(client, visible.url).json_ld] == [visible.title]
    assert hidden.word not in client.get(visible.url).content.decode()
