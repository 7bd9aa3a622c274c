"""One rule for what the public sees (``archive.selectors.public_items``), every channel.

Each hidden kind of item is built as it happens (published then made private, approved under
embargo, withdrawn…), next to a visible item; each channel must show the visible one and not
the hidden one. The search channels answer from the index the signals keep, never rebuilt."""

import datetime
import json
from dataclasses import dataclass

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction, WorkflowState

from archive.contributions.services import contribution_create
from archive.contributions.withdrawal import contribution_withdraw
from archive.models import ArchiveItemPage, Contribution, ItemKind
from search import engine
from tests.factories.archive import ArchiveItemPageFactory, ThemeFactory, contribution_data
from tests.factories.media import CustomImageFactory
from tests.factories.transcripts import InterviewFactory, SegmentFactory, TapeFactory, recording
from tests.search.conftest import (  # noqa: F401 - the real engines
    ENGINE_PARAMS,
    elasticsearch_engine,
    elasticsearch_node,
    opensearch_engine,
    opensearch_node,
)

pytestmark = pytest.mark.django_db

VISIBLE = "coquelicot"
HIDDEN = "mandoline"


@dataclass
class Target:
    """What a channel needs to look for one item (kept after a withdrawal deletes it)."""

    word: str
    pk: int
    url: str
    slug: str
    interview_pk: int
    tape_pk: int
    segment_pk: int
    photo_url: str
    thumbnail_url: str
    recording_url: str
    contribution_pk: int | None = None

    @property
    def title(self) -> str:
        return f"Entretien {self.word}"


def _transcript(page, word: str) -> tuple[int, int, int, str]:
    interview = InterviewFactory(page=page)
    tape = TapeFactory(interview=interview, media_file=recording(title=f"Bande {word}"))
    segment = SegmentFactory(
        interview=interview, start=0, end=5_000, text=f"On chantait {word} au fond du puits."
    )
    return interview.pk, tape.pk, segment.pk, tape.media_file.file.url


def _photo(page) -> tuple[str, str]:
    """The item's cover photo: its file and the thumbnail lists show."""
    image = ArchiveItemPage.objects.get(pk=page.pk).cover_image
    return image.file.url, image.get_rendition("fill-320x240").url


def _target(page, word: str) -> Target:
    interview_pk, tape_pk, segment_pk, recording_url = _transcript(page, word)
    return Target(
        word,
        page.pk,
        page.url,
        page.slug,
        interview_pk,
        tape_pk,
        segment_pk,
        *_photo(page),
        recording_url,
    )


def _item(index, theme, word: str, **fields):
    page = ArchiveItemPageFactory(
        parent=index,
        title=f"Entretien {word}",
        summary=f"Le {word} de la cité.",
        kind=ItemKind.ORAL_HISTORY,
        featured=True,
        cover_image=CustomImageFactory(title=f"Photo {word}"),
        **fields,
    )
    # A theme of its own too: its count on the themes page is this item alone.
    page.themes.set([theme, ThemeFactory(name=f"Thème {word}")])
    page.save()
    return page


def _approve(page, user):
    state = WorkflowState.objects.active().for_instance(page).get()
    state.current_task_state.task.specific.on_action(state.current_task_state, user, "approve")


def _published(index, theme, word, editor):
    page = _item(index, theme, word, live=False)
    page.save_revision().publish()
    return _target(page, word)


def _draft(index, theme, word, editor):
    page = _item(index, theme, word, live=False)
    page.save_revision()
    return _target(page, word)


def _in_moderation(index, theme, word, editor):
    page = _item(index, theme, word, live=False)
    page.save_revision()
    page.get_workflow().start(page, editor)
    return _target(page, word)


def _scheduled(index, theme, word, editor):
    page = _item(index, theme, word, live=False)
    page.go_live_at = timezone.now() + datetime.timedelta(days=10)
    page.save_revision().publish()
    return _target(page, word)


def _contributed(word, **consent):
    contribution = contribution_create(data=contribution_data(title=f"Entretien {word}", **consent))
    page = contribution.item.specific
    page.cover_image = CustomImageFactory(title=f"Photo {word}")
    page.save()
    page.save_revision()
    return contribution, page


def _embargoed(index, theme, word, editor):
    embargo = timezone.localdate() + datetime.timedelta(days=30)
    _contribution, page = _contributed(word, embargo_until=embargo)
    target = _target(page, word)
    _approve(page, editor)
    return target


# What happens to an item once it is live and indexed: each runs after the publication has
# committed (and its indexing with it), as when an editor acts later.


def _consent_changed(**consent):
    def then(target, editor):
        Contribution.objects.create(
            title=target.word,
            story="…",
            full_name="Lucien Martel",
            email="l@example.org",
            item_id=target.pk,
            **consent,
        )

    return then


def _made_private(target, editor):
    PageViewRestriction.objects.create(page_id=target.pk, restriction_type="login")


def _contributed_and_published(index, theme, word, editor):
    contribution, page = _contributed(word)
    target = _target(page, word)
    target.contribution_pk = contribution.pk
    _approve(page, editor)
    return target


def _withdrawn(target, editor):
    contribution_withdraw(contribution=Contribution.objects.get(pk=target.contribution_pk))


# kind -> (how it is built, what happens to it after it is live: None if never live)
HIDDEN_KINDS = {
    "draft": (_draft, None),
    "in moderation": (_in_moderation, None),
    "scheduled": (_scheduled, None),
    "embargoed": (_embargoed, None),
    "research only": (_published, _consent_changed(allow_web=False, allow_research=True)),
    "web consent refused": (_published, _consent_changed(allow_web=False, allow_festival=True)),
    "private page": (_published, _made_private),
    "withdrawn": (_contributed_and_published, _withdrawn),
}


@dataclass
class World:
    index: object
    theme: object
    neighbour_url: str


def _shown(response, word: str) -> bool:
    return response.status_code == 200 and word in response.content.decode()


def _served(client, url: str) -> bool:
    """The file is handed out, by the embedded server and by the check nginx makes first."""
    response = client.get(url)
    nginx = client.get("/-/media-check", headers={"x-original-uri": url})
    return response.status_code == 200 and nginx.status_code == 204


def _json_shows(response, word: str) -> bool:
    return word in json.dumps(response.json(), ensure_ascii=False)


# channel -> (client, world, target) -> does the public see the target there?
CHANNELS = {
    "item page": lambda c, w, t: _shown(c.get(t.url), t.word),
    "archive index": lambda c, w, t: _shown(c.get(w.index.url), t.word),
    "theme list": lambda c, w, t: _shown(c.get(f"{w.index.url}themes/{w.theme.slug}/"), t.word),
    "theme counts": lambda c, w, t: (
        f'Thème {t.word}</a> <span class="count">1 élément'
        in c.get(f"{w.index.url}themes/").content.decode()
    ),
    "decade list": lambda c, w, t: _shown(c.get(f"{w.index.url}decennies/1950/"), t.word),
    # The factory's items begin in 1958 (« vers 1960 »): the timeline's year they lead to.
    "timeline year": lambda c, w, t: _shown(c.get(f"{w.index.url}frise/1958/"), t.word),
    "related items": lambda c, w, t: _shown(c.get(w.neighbour_url), t.word),
    "sitemap": lambda c, w, t: t.slug in c.get("/sitemap.xml").content.decode(),
    # The word typed stays in the search box: the title is what a result shows.
    "search page": lambda c, w, t: _shown(c.get("/recherche/", {"q": t.word}), t.title),
    "search api": lambda c, w, t: _json_shows(c.get("/api/search/", {"q": t.word}), t.word),
    "autocomplete": lambda c, w, t: _json_shows(
        c.get("/api/search/autocomplete/", {"q": t.word}), t.word
    ),
    "transcript vtt": lambda c, w, t: _shown(
        c.get(f"/transcriptions/{t.interview_pk}/transcription.vtt"), t.word
    ),
    "transcript txt": lambda c, w, t: _shown(
        c.get(f"/transcriptions/{t.interview_pk}/transcription.txt"), t.word
    ),
    "captions": lambda c, w, t: _shown(
        c.get(f"/transcriptions/{t.interview_pk}/sous-titres.vtt"), t.word
    ),
    "tape captions": lambda c, w, t: _shown(
        c.get(f"/transcriptions/{t.interview_pk}/bandes/{t.tape_pk}/sous-titres.vtt"), t.word
    ),
    "correction form": lambda c, w, t: _shown(
        c.get(f"/transcriptions/segments/{t.segment_pk}/correction/"), t.word
    ),
    "correction sent": lambda c, w, t: (
        c.post(
            f"/transcriptions/segments/{t.segment_pk}/correction/", {"proposed_text": "Corrigé."}
        ).status_code
        != 404
    ),
    "photo file": lambda c, w, t: _served(c, t.photo_url),
    "thumbnail file": lambda c, w, t: _served(c, t.thumbnail_url),
    "recording file": lambda c, w, t: _served(c, t.recording_url),
    "addition sent": lambda c, w, t: (
        c.post(
            f"/contribuer/complement/{t.pk}/", {"comment": "C'est mon oncle.", "credit_name": "J."}
        ).status_code
        != 404
    ),
}


def _world(archive_index, editor, django_capture_on_commit_callbacks, hidden_kind=None):
    theme = ThemeFactory(name="Les chansons")
    build, then = HIDDEN_KINDS[hidden_kind] if hidden_kind else (None, None)
    with django_capture_on_commit_callbacks(execute=True):
        visible = _published(archive_index, theme, VISIBLE, editor)
        hidden = build(archive_index, theme, HIDDEN, editor) if build else None
        neighbour = ArchiveItemPageFactory(
            parent=archive_index, title="La salle des pendus", live=False
        )
        neighbour.related_items = [visible.pk] + ([hidden.pk] if hidden else [])
        neighbour.save_revision().publish()
    if then is not None:
        with django_capture_on_commit_callbacks(execute=True):
            then(hidden, editor)
    return World(archive_index, theme, neighbour.url), visible, hidden


@pytest.fixture(autouse=True)
def _database_index(settings):
    settings.ELASTICSEARCH_URL = ""
    engine.reset()


# One world per hidden kind, every channel checked in it (a subtest each): the table of
# kinds x channels without building the same items 17 times over.


def test_every_channel_shows_the_visible_item(
    client, archive_index, editor, django_capture_on_commit_callbacks, subtests
):
    world, visible, _ = _world(archive_index, editor, django_capture_on_commit_callbacks)

    for channel, shows in CHANNELS.items():
        with subtests.test(channel=channel):
            assert shows(client, world, visible)


@pytest.mark.parametrize("hidden_kind", HIDDEN_KINDS)
def test_no_channel_shows_a_hidden_item(
    client, archive_index, editor, django_capture_on_commit_callbacks, subtests, hidden_kind
):
    world, visible, hidden = _world(
        archive_index, editor, django_capture_on_commit_callbacks, hidden_kind
    )

    for channel, shows in CHANNELS.items():
        with subtests.test(channel=channel):
            assert not shows(client, world, hidden)
            assert shows(client, world, visible)


SEARCH_CHANNELS = ("search page", "search api", "autocomplete")


@pytest.mark.integration
@pytest.mark.parametrize("hidden_kind", HIDDEN_KINDS)
@pytest.mark.parametrize("engine_key", ENGINE_PARAMS)
def test_the_engine_shows_no_hidden_item(
    request,
    engine_key,
    client,
    archive_index,
    editor,
    django_capture_on_commit_callbacks,
    subtests,
    hidden_kind,
):
    request.getfixturevalue(f"{engine_key}_engine")
    world, visible, hidden = _world(
        archive_index, editor, django_capture_on_commit_callbacks, hidden_kind
    )
    engine.get_client().indices.refresh(index=engine.alias_name())
    assert client.get("/api/search/", {"q": VISIBLE}).json()["engine"] == "elasticsearch"

    for channel in SEARCH_CHANNELS:
        with subtests.test(channel=channel):
            assert not CHANNELS[channel](client, world, hidden)
            assert CHANNELS[channel](client, world, visible)
