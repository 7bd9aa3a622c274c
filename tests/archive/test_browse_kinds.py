"""Browsing the archive by kind: oral histories, photos, videos, documents, written memories,
and the Ch'ti TAIDx's talks (registered by the talks app, which the archive does not import)."""

import datetime

import pytest
from django.urls import reverse

from archive.models import ItemKind
from media.models import MediaFile, MediaKind
from talks.models import TalkStatus
from tests.factories.archive import ArchiveItemPageFactory
from tests.factories.media import CustomImageFactory
from tests.factories.talks import EveningFactory, TalkFactory, TextVersionFactory, in_days

pytestmark = pytest.mark.django_db


def _film(title: str = "Film") -> MediaFile:
    return MediaFile.objects.create(
        title=title, kind=MediaKind.VIDEO, file="audio_video/film.mp4", mime_type="video/mp4"
    )


def test_archive_index_links_every_kind(client, archive_index):
    html = client.get(archive_index.url).content.decode()

    for slug in ("temoignages-oraux", "photos", "videos", "documents", "chti-taidx"):
        assert f'href="{archive_index.url}natures/{slug}/"' in html
    assert "Témoignages oraux" in html and "Ch&#x27;ti TAIDx" in html


def test_kinds_page_counts_what_the_public_sees(client, archive_index):
    ArchiveItemPageFactory(parent=archive_index, kind=ItemKind.ORAL_HISTORY)
    ArchiveItemPageFactory(parent=archive_index, kind=ItemKind.ORAL_HISTORY)
    ArchiveItemPageFactory(parent=archive_index, kind=ItemKind.ORAL_HISTORY, live=False)
    ArchiveItemPageFactory(parent=archive_index, kind=ItemKind.PHOTO, media_file=_film())

    html = client.get(f"{archive_index.url}natures/").content.decode()

    oral = html[html.index("Témoignages oraux") :]
    assert oral.index("2 éléments") < oral.index("Photos")
    videos = html[html.index("Vidéos") :]
    assert videos.index("1 élément") < videos.index("Documents")


def test_oral_histories_list_only_public_oral_histories(client, archive_index):
    ArchiveItemPageFactory(parent=archive_index, kind=ItemKind.ORAL_HISTORY, title="La voix")
    ArchiveItemPageFactory(parent=archive_index, kind=ItemKind.PHOTO, title="Le cliché")
    ArchiveItemPageFactory(
        parent=archive_index, kind=ItemKind.ORAL_HISTORY, title="Le brouillon", live=False
    )

    html = client.get(f"{archive_index.url}natures/temoignages-oraux/").content.decode()

    assert "La voix" in html
    assert "Le cliché" not in html and "Le brouillon" not in html


def test_videos_list_items_of_any_kind_with_a_film(client, archive_index):
    ArchiveItemPageFactory(
        parent=archive_index,
        kind=ItemKind.ORAL_HISTORY,
        title="Entretien filmé",
        media_file=_film(),
    )
    ArchiveItemPageFactory(parent=archive_index, kind=ItemKind.ORAL_HISTORY, title="Sans film")

    html = client.get(f"{archive_index.url}natures/videos/").content.decode()

    assert "Entretien filmé" in html and "Sans film" not in html


def test_documents_and_photos_go_by_kind(client, archive_index):
    ArchiveItemPageFactory(parent=archive_index, kind=ItemKind.OBJECT, title="La lampe")
    ArchiveItemPageFactory(parent=archive_index, kind=ItemKind.PHOTO, title="Le chevalement")

    documents = client.get(f"{archive_index.url}natures/documents/").content.decode()
    photos = client.get(f"{archive_index.url}natures/photos/").content.decode()

    assert "La lampe" in documents and "Le chevalement" not in documents
    assert "Le chevalement" in photos and "La lampe" not in photos


def test_unknown_kind_is_not_found(client, archive_index):
    assert client.get(f"{archive_index.url}natures/sculptures/").status_code == 404


def test_taidx_kind_lists_public_talks_one_can_hear_or_read(client, archive_index):
    heard = ArchiveItemPageFactory(parent=archive_index, kind=ItemKind.ORAL_HISTORY)
    hidden = ArchiveItemPageFactory(parent=archive_index, kind=ItemKind.ORAL_HISTORY, live=False)
    evening = EveningFactory(starts_at=in_days(-10))
    listened = TalkFactory(evening=evening, title="Le jardin à écouter", recording=heard)
    TalkFactory(evening=evening, title="Enregistrement caché", recording=hidden)
    read = TalkFactory(
        evening=evening,
        title="Le texte à lire",
        publish_text=True,
        text_final_at=datetime.datetime(2026, 5, 1, tzinfo=datetime.UTC),
    )
    TextVersionFactory(talk=read)
    unconsented = TalkFactory(
        evening=evening,
        title="Texte non consenti",
        text_final_at=datetime.datetime(2026, 5, 1, tzinfo=datetime.UTC),
    )
    TextVersionFactory(talk=unconsented)
    TalkFactory(
        evening=evening, title="Intervention retirée", recording=heard, status=TalkStatus.WITHDRAWN
    )

    html = client.get(f"{archive_index.url}natures/chti-taidx/").content.decode()

    talk_url = reverse("talks:talk", kwargs={"slug": evening.slug, "talk_slug": listened.slug})
    assert f'href="{talk_url}"' in html
    assert "Le texte à lire" in html and "À lire" in html and "À écouter" in html
    for absent in ("Enregistrement caché", "Texte non consenti", "Intervention retirée"):
        assert absent not in html


def test_kind_list_is_paginated(client, archive_index):
    for _ in range(25):
        ArchiveItemPageFactory(parent=archive_index, kind=ItemKind.PHOTO)

    first = client.get(f"{archive_index.url}natures/photos/").content.decode()
    second = client.get(f"{archive_index.url}natures/photos/?page=2").content.decode()

    assert first.count('class="card"') == 24 and "Page 1 sur 2" in first
    assert second.count('class="card"') == 1


@pytest.mark.parametrize("n", [1, 30])
def test_kind_list_queries_do_not_grow(client, archive_index, django_assert_num_queries, n):
    image = CustomImageFactory()
    for _ in range(n):
        ArchiveItemPageFactory(parent=archive_index, kind=ItemKind.ORAL_HISTORY, cover_image=image)
    client.get(f"{archive_index.url}natures/temoignages-oraux/")  # renditions made once

    with django_assert_num_queries(10):
        response = client.get(f"{archive_index.url}natures/temoignages-oraux/")

    assert response.status_code == 200


@pytest.mark.parametrize("n", [1, 30])
def test_taidx_kind_queries_do_not_grow(client, archive_index, django_assert_num_queries, n):
    item = ArchiveItemPageFactory(parent=archive_index, kind=ItemKind.ORAL_HISTORY)
    for _ in range(n):
        TalkFactory(recording=item, evening=EveningFactory(starts_at=in_days(-10)))

    with django_assert_num_queries(15):
        response = client.get(f"{archive_index.url}natures/chti-taidx/")

    assert response.status_code == 200
    assert response.content.decode().count('class="card"') == min(n, 24)


@pytest.mark.parametrize("n", [1, 30])
def test_kinds_page_queries_do_not_grow(client, archive_index, django_assert_num_queries, n):
    for _ in range(n):
        ArchiveItemPageFactory(parent=archive_index, kind=ItemKind.PHOTO)

    with django_assert_num_queries(15):
        assert client.get(f"{archive_index.url}natures/").status_code == 200
