import pytest
from django.urls import reverse

from archive.models import ItemKind
from media.models import Licence, MediaFile, MediaKind
from tests.factories.archive import ArchiveCollectionFactory, ArchiveItemPageFactory
from tests.factories.media import CustomImageFactory
from tests.factories.talks import TalkFactory
from tests.factories.transcripts import (
    IndexSegmentFactory,
    InterviewFactory,
    SegmentFactory,
    TapeFactory,
    recording,
)

pytestmark = pytest.mark.django_db

ROOT = "http://testserver"


def _manifest_url(item) -> str:
    return reverse("iiif:manifest", args=[item.pk])


def _photo_item(archive_index, title="Le chevalement du 11/19", **fields):
    return ArchiveItemPageFactory(
        parent=archive_index,
        title=title,
        kind=ItemKind.PHOTO,
        credit="Club photo de Loos",
        cover_image=CustomImageFactory(
            title="Chevalement",
            description="Le chevalement de béton",
            file__width=1600,
            file__height=1000,
        ),
        **fields,
    )


def _oral_history(archive_index):
    item = ArchiveItemPageFactory(
        parent=archive_index, title="Entretien avec Marcel", kind=ItemKind.ORAL_HISTORY
    )
    interview = InterviewFactory(page=item)
    TapeFactory(interview=interview, title="Face A", media_file=recording(seconds=2.0))
    TapeFactory(interview=interview, title="Face B", media_file=recording(seconds=3.0))
    SegmentFactory(interview=interview, start=0, end=1_500, text="On descendait à six heures.")
    SegmentFactory(interview=interview, start=2_500, end=4_000, text="La remonte, le soir.")
    IndexSegmentFactory(interview=interview, start=0, end=2_000, title="L'embauche")
    IndexSegmentFactory(interview=interview, start=2_000, end=None, title="La remonte")
    return item


def test_photo_manifest_paints_the_photo_from_the_image_service(client, archive_index, valid):
    item = _photo_item(archive_index)

    response = client.get(_manifest_url(item))

    data = valid(response.json())
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert data["id"] == f"{ROOT}/iiif/item/{item.pk}/manifest.json"
    assert data["label"] == {"fr": ["Le chevalement du 11/19"]}
    assert data["rights"] == "https://creativecommons.org/licenses/by/4.0/"
    assert data["requiredStatement"] == {
        "label": {"fr": ["Crédit"]},
        "value": {"fr": ["Club photo de Loos"]},
    }
    assert data["homepage"][0]["id"] == f"{ROOT}{item.url}"
    [canvas] = data["items"]
    assert (canvas["width"], canvas["height"]) == (1600, 1000)
    body = canvas["items"][0]["items"][0]["body"]
    service = f"{ROOT}/iiif/image/{item.cover_image_id}"
    assert body["id"] == f"{service}/full/max/0/default.jpg"
    assert body["service"] == [{"id": service, "type": "ImageService3", "profile": "level1"}]


def test_photo_manifest_metadata_is_the_dublin_core_in_french(client, archive_index, valid):
    item = _photo_item(archive_index)

    data = valid(client.get(_manifest_url(item)).json())

    metadata = {entry["label"]["fr"][0]: entry["value"]["fr"] for entry in data["metadata"]}
    assert metadata["Date"] == ["1958/1962", "vers 1960"]
    assert metadata["Nature"] == ["StillImage", "Photographie"]
    assert metadata["Lieux et époque"] == ["années 1950", "années 1960"]


def test_gallery_manifest_has_one_canvas_per_picture_in_page_order(client, archive_index, valid):
    item = _photo_item(archive_index)
    gallery = [CustomImageFactory(title=f"Vue {n}") for n in range(3)]
    for image in gallery:
        item.gallery_images.create(image=image, caption=f"Légende {image.title}")
    item.gallery_images.create(image=item.cover_image)  # the cover again: shown once
    item.save_revision().publish()

    data = valid(client.get(_manifest_url(item)).json())

    labels = [canvas["label"]["fr"][0] for canvas in data["items"]]
    assert labels == ["Le chevalement de béton", "Légende Vue 0", "Légende Vue 1", "Légende Vue 2"]


def test_all_rights_reserved_photo_is_offered_as_large_as_its_page_shows_it(
    client, archive_index, valid
):
    item = _photo_item(archive_index, licence=Licence.ALL_RIGHTS_RESERVED)

    data = valid(client.get(_manifest_url(item)).json())

    canvas = data["items"][0]
    assert (canvas["width"], canvas["height"]) == (1200, 750)
    assert data["rights"] == "http://rightsstatements.org/vocab/InC/1.0/"


def test_oral_history_puts_the_tapes_on_one_time_line(client, archive_index, valid):
    item = _oral_history(archive_index)

    data = valid(client.get(_manifest_url(item)).json())

    [canvas] = data["items"]
    canvas_id = f"{ROOT}/iiif/item/{item.pk}/canvas/recording"
    assert canvas["id"] == canvas_id
    assert canvas["duration"] == 5.0
    paintings = canvas["items"][0]["items"]
    assert [p["target"] for p in paintings] == [f"{canvas_id}#t=0,2", f"{canvas_id}#t=2,5"]
    assert [p["body"]["type"] for p in paintings] == ["Sound", "Sound"]
    assert [p["body"]["duration"] for p in paintings] == [2.0, 3.0]
    assert paintings[0]["body"]["id"].startswith(f"{ROOT}/media/audio_video/")


def test_oral_history_transcript_is_supplementing_annotations_in_time(client, archive_index, valid):
    item = _oral_history(archive_index)

    data = valid(client.get(_manifest_url(item)).json())

    canvas = data["items"][0]
    [page] = canvas["annotations"]
    assert [
        (a["motivation"], a["target"].split("#")[1], a["body"]["value"]) for a in page["items"]
    ] == [
        ("supplementing", "t=0,1.5", "On descendait à six heures."),
        ("supplementing", "t=2.5,4", "La remonte, le soir."),
    ]
    assert page["items"][0]["body"]["type"] == "TextualBody"


def test_oral_history_chapters_are_ranges(client, archive_index, valid):
    item = _oral_history(archive_index)

    data = valid(client.get(_manifest_url(item)).json())

    canvas_id = data["items"][0]["id"]
    assert [(r["label"]["fr"][0], r["items"][0]["id"]) for r in data["structures"]] == [
        ("L'embauche", f"{canvas_id}#t=0,2"),
        ("La remonte", f"{canvas_id}#t=2,5"),
    ]


def _recorded_talk(archive_index):
    """A Ch'ti TAIDx talk as the archive keeps it: one film, its transcript, no tapes."""
    film = MediaFile.objects.create(
        title="Soirée TAIDx",
        kind=MediaKind.VIDEO,
        file="audio_video/taidx.mp4",
        mime_type="video/mp4",
        duration=754.5,
    )
    item = ArchiveItemPageFactory(
        parent=archive_index,
        title="Notre jardin et la mairie",
        kind=ItemKind.ORAL_HISTORY,
        media_file=film,
    )
    interview = InterviewFactory(page=item)
    SegmentFactory(interview=interview, start=0, end=4_000, text="Bonsoir à tous.")
    IndexSegmentFactory(interview=interview, start=0, end=None, title="Le jardin")
    TalkFactory(recording=item, title="Notre jardin et la mairie")
    return item


def test_talk_manifest_paints_its_film_on_one_video_canvas(client, archive_index, valid):
    item = _recorded_talk(archive_index)

    data = valid(client.get(_manifest_url(item)).json())

    [canvas] = data["items"]
    assert canvas["duration"] == 754.5
    [painting] = canvas["items"][0]["items"]
    assert painting["target"] == f"{canvas['id']}#t=0,754.5"
    assert (painting["body"]["type"], painting["body"]["format"]) == ("Video", "video/mp4")
    assert painting["body"]["id"] == f"{ROOT}/media/audio_video/taidx.mp4"
    [transcript] = canvas["annotations"]
    assert [a["body"]["value"] for a in transcript["items"]] == ["Bonsoir à tous."]
    assert [r["items"][0]["id"] for r in data["structures"]] == [f"{canvas['id']}#t=0,754.5"]


def test_collection_lists_the_manifests_of_its_public_items(client, archive_index, valid):
    collection = ArchiveCollectionFactory(name="Fonds Dupont", slug="fonds-dupont")
    shown = _photo_item(archive_index, collection=collection)
    _photo_item(archive_index, "Le bal", collection=collection, live=False)
    ArchiveItemPageFactory(parent=archive_index, collection=collection)  # nothing to view

    response = client.get(reverse("iiif:collection", args=["fonds-dupont"]))

    data = valid(response.json())
    assert response["Access-Control-Allow-Origin"] == "*"
    assert data["label"] == {"fr": ["Fonds Dupont"]}
    assert data["items"] == [
        {
            "id": f"{ROOT}/iiif/item/{shown.pk}/manifest.json",
            "type": "Manifest",
            "label": {"fr": ["Le chevalement du 11/19"]},
        }
    ]


def test_collection_of_every_manifest_type_is_valid(client, archive_index, valid):
    collection = ArchiveCollectionFactory(slug="fonds-mixte")
    kinds = [
        _photo_item(archive_index, collection=collection),
        _oral_history(archive_index),
        _recorded_talk(archive_index),
    ]
    for item in kinds[1:]:
        item.collection = collection
        item.save_revision().publish()

    data = valid(client.get(reverse("iiif:collection", args=["fonds-mixte"])).json())

    assert len(data["items"]) == 3
    for reference in data["items"]:
        valid(client.get(reference["id"].removeprefix(ROOT)).json())


def test_collection_with_nothing_public_to_view_is_an_empty_valid_collection(
    client, archive_index, valid
):
    collection = ArchiveCollectionFactory(slug="fonds-vide")
    _photo_item(archive_index, collection=collection, live=False)

    data = valid(client.get(reverse("iiif:collection", args=["fonds-vide"])).json())

    assert data["items"] == []


@pytest.mark.parametrize(
    "broken",
    [
        {"type": "Manifest", "label": {"fr": ["Sans adresse"]}},
        {"id": "http://testserver/m.json", "type": "Manifest"},
        {"id": "http://testserver/m.json", "type": "Canvas", "label": {"fr": ["Toile"]}},
        {"id": "http://testserver/m.json", "type": "Manifest", "label": {"fr": ["x"]}, "lable": 1},
    ],
)
def test_presentation_check_refuses_a_collection_with_a_bad_reference(valid, broken):
    collection = {
        "@context": "http://iiif.io/api/presentation/3/context.json",
        "id": "http://testserver/iiif/collection/fonds.json",
        "type": "Collection",
        "label": {"fr": ["Fonds"]},
        "items": [broken],
    }

    with pytest.raises((AssertionError, ValueError)):
        valid(collection)


def test_presentation_check_refuses_a_manifest_with_a_misspelt_property(
    client, archive_index, valid
):
    data = client.get(_manifest_url(_photo_item(archive_index))).json()
    data["sumary"] = {"fr": ["Une faute de frappe"]}

    with pytest.raises((AssertionError, ValueError)):
        valid(data)


def test_item_without_picture_nor_recording_has_no_manifest(client, archive_index):
    item = ArchiveItemPageFactory(parent=archive_index)

    assert client.get(_manifest_url(item)).status_code == 404


@pytest.mark.parametrize("build", [_photo_item, _oral_history, _recorded_talk])
def test_item_page_links_its_manifest_with_the_iiif_logo(client, archive_index, build):
    item = build(archive_index)

    html = client.get(item.url).content.decode()

    start = html.index(f'<a href="/iiif/item/{item.pk}/manifest.json" rel="alternate"')
    link = html[start : html.index("</a>", start)]
    assert 'type="application/ld+json"' in link
    assert "<svg" in link and 'aria-hidden="true"' in link  # the IIIF logo, then its words
    assert link.endswith("Manifeste IIIF")
    assert client.get(f"/iiif/item/{item.pk}/manifest.json").status_code == 200


def test_item_page_without_picture_nor_recording_has_no_manifest_link(client, archive_index):
    item = ArchiveItemPageFactory(parent=archive_index)

    assert "/manifest.json" not in client.get(item.url).content.decode()


def test_oral_history_heard_nowhere_has_no_manifest_link(client, archive_index):
    """A transcript without any tape the public may hear: no viewer has anything to open."""
    item = ArchiveItemPageFactory(
        parent=archive_index, title="Entretien sans bande", kind=ItemKind.ORAL_HISTORY
    )
    interview = InterviewFactory(page=item)
    SegmentFactory(interview=interview, start=0, end=1_500, text="On descendait à six heures.")

    html = client.get(item.url).content.decode()

    assert "On descendait à six heures." in html
    assert "/manifest.json" not in html
    assert client.get(_manifest_url(item)).status_code == 404


@pytest.mark.parametrize("n", [1, 30])
def test_manifest_queries_do_not_grow(client, archive_index, django_assert_num_queries, n):
    item = _photo_item(archive_index)
    for _ in range(n):
        item.gallery_images.create(image=CustomImageFactory())
    item.save_revision().publish()

    # Which of the pictures a contribution or a project holds back: read once for them all.
    with django_assert_num_queries(16):
        client.get(_manifest_url(item))


@pytest.mark.parametrize("n", [1, 30])
def test_oral_history_manifest_queries_do_not_grow(
    client, archive_index, django_assert_num_queries, n
):
    item = _oral_history(archive_index)
    interview = item.interview
    for k in range(n):
        SegmentFactory(interview=interview, start=k * 100, end=k * 100 + 50)
        IndexSegmentFactory(interview=interview, start=k * 100)

    with django_assert_num_queries(16):
        client.get(_manifest_url(item))


@pytest.mark.parametrize("n", [1, 30])
def test_collection_queries_do_not_grow(client, archive_index, django_assert_num_queries, n):
    collection = ArchiveCollectionFactory(slug="fonds")
    for k in range(n):
        _photo_item(archive_index, f"Vue {k}", collection=collection)

    with django_assert_num_queries(3):
        client.get(reverse("iiif:collection", args=["fonds"]))
