"""What visitors see of the Ch'ti TAIDx: the evenings, their talks in order, one talk. Only
accepted talks of published evenings, their project and recording only when public, and
never the speaker's contact."""

import datetime

import pytest
from django.urls import reverse

from projects.models import ProjectStatus
from talks.models import GuestRole, TalkStatus
from tests.factories.archive import ArchiveItemPageFactory
from tests.factories.festival import (
    EditionPageFactory,
    EventPageFactory,
    FestivalIndexPageFactory,
    VenueFactory,
)
from tests.factories.projects import ProjectFactory
from tests.factories.talks import (
    EvaluationFactory,
    EveningFactory,
    GuestFactory,
    TalkContactFactory,
    TalkFactory,
    TextVersionFactory,
    in_days,
)

pytestmark = pytest.mark.django_db


def evening_url(evening) -> str:
    return reverse("talks:evening", kwargs={"slug": evening.slug})


def talk_url(talk) -> str:
    return reverse("talks:talk", kwargs={"slug": talk.evening.slug, "talk_slug": talk.slug})


# The evenings ---------------------------------------------------------------------------------


def test_list_shows_the_next_evening_first_with_its_call(client):
    later = EveningFactory(title="Soirée d'automne", starts_at=in_days(90))
    soon = EveningFactory(title="Soirée de printemps", starts_at=in_days(10))

    content = client.get(reverse("talks:list")).content.decode()

    assert content.index("Soirée de printemps") < content.index("Soirée d&#x27;automne")
    assert f"{reverse('talks:propose')}?soiree={soon.slug}" in content
    assert f"?soiree={later.slug}" not in content
    assert reverse("talks:changes_asked") in content


@pytest.mark.parametrize(
    "call",
    [{"call_open": False}, {"call_closes_on": datetime.date(2020, 1, 1)}],
    ids=["closed", "past-its-date"],
)
def test_list_offers_no_proposal_when_the_call_is_not_open(client, call):
    EveningFactory(starts_at=in_days(10), **call)

    content = client.get(reverse("talks:list")).content.decode()

    assert "Proposer une intervention" not in content


def test_list_groups_past_evenings_by_year(client):
    EveningFactory(
        title="Soirée 2019", starts_at=datetime.datetime(2019, 6, 1, 18, tzinfo=datetime.UTC)
    )
    EveningFactory(
        title="Soirée 2023", starts_at=datetime.datetime(2023, 6, 1, 18, tzinfo=datetime.UTC)
    )

    content = client.get(reverse("talks:list")).content.decode()

    assert "<h3>2023</h3>" in content
    assert "<h3>2019</h3>" in content
    assert content.index("Soirée 2023") < content.index("Soirée 2019")
    assert "Aucune soirée n'est annoncée pour l'instant." in content


def test_list_hides_an_unpublished_evening(client):
    EveningFactory(title="Soirée en préparation", published=False)

    content = client.get(reverse("talks:list")).content.decode()

    assert "Soirée en préparation" not in content


@pytest.mark.parametrize("n", [1, 30])
def test_list_queries_do_not_grow(client, django_assert_num_queries, n):
    for number in range(n):
        evening = EveningFactory(starts_at=in_days(-10 - number * 40))
        TalkFactory(evening=evening)
    EveningFactory(starts_at=in_days(10))
    client.get(reverse("talks:list"))  # the site's settings are made on the first view

    # The evenings with their venue, their public talks; three for the site's frame.
    with django_assert_num_queries(4):
        response = client.get(reverse("talks:list"))

    assert response.content.decode().count("1 intervention<") == n


# An evening -----------------------------------------------------------------------------------


def test_evening_lists_its_public_talks_in_order(client):
    evening = EveningFactory()
    TalkFactory(evening=evening, title="Deuxième", position=2)
    TalkFactory(evening=evening, title="Première", position=1)
    for status in (
        TalkStatus.PROPOSED,
        TalkStatus.INVITED,
        TalkStatus.DECLINED,
        TalkStatus.INVITATION_DECLINED,
        TalkStatus.WITHDRAWN,
    ):
        TalkFactory(evening=evening, title=f"Cachée {status}", status=status)

    content = client.get(evening_url(evening)).content.decode()

    assert content.index("Première") < content.index("Deuxième")
    assert "Cachée" not in content


def test_evening_shows_its_place_guests_and_call(client):
    evening = EveningFactory(place_label="Salle Marie-Curie", starts_at=in_days(10))
    GuestFactory(evening=evening, name="Jean-François C.", role=GuestRole.MAYOR)
    GuestFactory(evening=evening, name="Claire D.", role=GuestRole.JOURNALIST)
    GuestFactory(evening=evening, name="Paul E.", role=GuestRole.JOURNALIST)

    content = client.get(evening_url(evening)).content.decode()

    assert "Salle Marie-Curie" in content
    assert "<dt>Maire</dt><dd>Jean-François C.</dd>" in content
    assert "<dt>Journaliste</dt><dd>Claire D., Paul E.</dd>" in content
    assert f"?soiree={evening.slug}" in content
    assert '"@type": "Event"' in content


def test_an_unpublished_evening_is_not_found(client):
    evening = EveningFactory(published=False)
    talk = TalkFactory(evening=evening)

    assert client.get(evening_url(evening)).status_code == 404
    assert client.get(talk_url(talk)).status_code == 404


def test_after_the_evening_a_card_offers_the_public_recording(client, archive_index):
    evening = EveningFactory(starts_at=in_days(-3))
    recording = ArchiveItemPageFactory(parent=archive_index, title="Enregistrement de Nadia")
    TalkFactory(evening=evening, title="Enregistrée", recording=recording)
    draft = ArchiveItemPageFactory(parent=archive_index, title="Brouillon", live=False)
    TalkFactory(evening=evening, title="Pas encore publiée", recording=draft)

    content = client.get(evening_url(evening)).content.decode()

    assert content.count("Écouter l'enregistrement") == 1


def test_before_the_evening_no_card_offers_a_recording(client, archive_index):
    evening = EveningFactory(starts_at=in_days(3))
    recording = ArchiveItemPageFactory(parent=archive_index)
    TalkFactory(evening=evening, recording=recording)

    content = client.get(evening_url(evening)).content.decode()

    assert "Écouter l'enregistrement" not in content


@pytest.mark.parametrize("n", [1, 30])
def test_evening_queries_do_not_grow(client, archive_index, django_assert_num_queries, n):
    evening = EveningFactory(starts_at=in_days(-3))
    for _ in range(n):
        TalkFactory(
            evening=evening,
            project=ProjectFactory(status=ProjectStatus.COMPLETED),
            recording=ArchiveItemPageFactory(parent=archive_index),
        )
        GuestFactory(evening=evening)
    client.get(evening_url(evening))  # the site's settings are made on the first view

    # The evening and venue, its guests, its talks (evening, evaluation and answer joined),
    # their public projects, their public recordings (and the archive's view restrictions it
    # reads first); five for the site's frame and the recordings' addresses.
    with django_assert_num_queries(8):
        response = client.get(evening_url(evening))

    assert response.content.decode().count("Écouter l'enregistrement") == n


# A talk ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "status",
    [
        TalkStatus.PROPOSED,
        TalkStatus.INVITED,
        TalkStatus.DECLINED,
        TalkStatus.INVITATION_DECLINED,
        TalkStatus.WITHDRAWN,
    ],
)
def test_a_talk_not_accepted_is_not_found(client, status):
    talk = TalkFactory(status=status)

    assert client.get(talk_url(talk)).status_code == 404


def test_talk_links_its_public_project(client):
    project = ProjectFactory(status=ProjectStatus.COMPLETED, title="La haie des Provinces")
    talk = TalkFactory(project=project)

    content = client.get(talk_url(talk)).content.decode()

    assert project.get_absolute_url() in content
    assert "La haie des Provinces" in content


def test_talk_hides_a_project_the_public_may_not_see(client):
    project = ProjectFactory(
        status=ProjectStatus.COMPLETED, title="Projet retiré", show_publicly=False
    )
    talk = TalkFactory(project=project)

    content = client.get(talk_url(talk)).content.decode()

    assert "Projet retiré" not in content


def test_talk_tells_another_initiative(client):
    talk = TalkFactory(initiative="Quatre amies ouvrent une maison d'assistantes maternelles.")

    content = client.get(talk_url(talk)).content.decode()

    assert "L'initiative racontée" in content
    assert "Quatre amies ouvrent une maison d&#x27;assistantes maternelles." in content


def test_talk_links_its_public_recording(client, archive_index):
    recording = ArchiveItemPageFactory(parent=archive_index, title="Nadia, enregistrée")
    talk = TalkFactory(recording=recording, evening__starts_at=in_days(-3))

    content = client.get(talk_url(talk)).content.decode()

    assert recording.url in content
    assert "Écouter et lire la transcription dans l'archive" in content


def test_talk_hides_a_recording_the_archive_does_not_show(client, archive_index):
    draft = ArchiveItemPageFactory(parent=archive_index, slug="brouillon", live=False)
    talk = TalkFactory(recording=draft)

    content = client.get(talk_url(talk)).content.decode()

    assert "/brouillon/" not in content
    assert "transcription" not in content


@pytest.mark.parametrize(
    ("final", "publish", "shown"),
    [(True, True, True), (True, False, False), (False, True, False)],
    ids=["final-and-agreed", "not-agreed", "not-final"],
)
def test_talk_shows_the_final_text_only_when_the_speaker_agrees(client, final, publish, shown):
    talk = TalkFactory(
        publish_text=publish,
        text_final_at=datetime.datetime(2026, 5, 1, tzinfo=datetime.UTC) if final else None,
    )
    TextVersionFactory(talk=talk, body="Première version.")
    TextVersionFactory(talk=talk, body="Version finale du texte.")

    content = client.get(talk_url(talk)).content.decode()

    assert ("Version finale du texte." in content) is shown
    assert "Première version." not in content


def test_talk_shows_its_evaluation(client):
    evaluation = EvaluationFactory(town_should_change="Un référent par projet, avec un délai.")

    content = client.get(talk_url(evaluation.talk)).content.decode()

    assert "Un référent par projet, avec un délai." in content


def test_the_speakers_contact_is_never_in_a_page(client):
    contact = TalkContactFactory(
        name="Nadia Benali-Secret", email="nadia.secret@exemple.fr", phone="06 99 88 77 66"
    )
    talk = contact.talk

    for url in (reverse("talks:list"), evening_url(talk.evening), talk_url(talk)):
        content = client.get(url).content.decode()
        for private in (contact.name, contact.email, contact.phone):
            assert private not in content


@pytest.mark.parametrize("n", [1, 30])
def test_talk_queries_do_not_grow(client, archive_index, django_assert_num_queries, n):
    talk = TalkFactory(
        project=ProjectFactory(status=ProjectStatus.COMPLETED),
        recording=ArchiveItemPageFactory(parent=archive_index),
        publish_text=True,
        text_final_at=datetime.datetime(2026, 5, 1, tzinfo=datetime.UTC),
    )
    EvaluationFactory(talk=talk)
    for _ in range(n):
        TextVersionFactory(talk=talk)
        TalkFactory(evening=talk.evening)
    client.get(talk_url(talk))  # the site's settings are made on the first view

    # The talk (evening, venue, evaluation, answer joined), its public project, its public
    # recording (and the archive's view restrictions it reads first), its final text; four
    # for the site's frame and the recording's address.
    with django_assert_num_queries(7):
        response = client.get(talk_url(talk))

    assert response.status_code == 200


def test_evening_links_its_public_festival_event_and_venue(client, home_page):
    festival = FestivalIndexPageFactory(parent=home_page)
    edition = EditionPageFactory(parent=festival)
    event = EventPageFactory(parent=edition, title="Ch'ti TAIDx aux Gohelliades")
    draft = EventPageFactory(parent=edition, title="Soirée en brouillon", live=False)
    shown = EveningFactory(festival_event=event, venue=VenueFactory(name="Salle Bigotte"))
    hidden = EveningFactory(festival_event=draft)

    content = client.get(evening_url(shown)).content.decode()

    assert "Ch&#x27;ti TAIDx aux Gohelliades" in content
    assert event.url in content
    assert "Salle Bigotte" in content
    assert "Soirée en brouillon" not in client.get(evening_url(hidden)).content.decode()
