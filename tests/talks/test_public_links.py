"""A talk and the project it tells link each other, and the archive item recording the talk
shows it with that project: through each one's rule of what the public sees."""

import pytest
from django.urls import reverse

from archive.models import ItemSource
from projects.models import ProjectStatus
from talks.models import TalkStatus
from tests.factories.archive import ArchiveItemPageFactory
from tests.factories.projects import (
    AgreedVersionFactory,
    CompletionReportFactory,
    ProjectContactFactory,
    ProjectFactory,
    ResidentsLineFactory,
    TownLineFactory,
)
from tests.factories.talks import EvaluationFactory, TalkContactFactory, TalkFactory, in_days

pytestmark = pytest.mark.django_db


def recording(index, **fields):
    item = ArchiveItemPageFactory(
        parent=index,
        title="Nadia B. : un jardin, deux ans de patience",
        source=ItemSource.FESTIVAL_RECORDING,
        **fields,
    )
    item.save_revision().publish()
    return item


def told_project(**fields):
    """A completed, public project with its private contact, agreed lines and report."""
    project = ProjectFactory(
        **{
            "title": "Le jardin partagé de la cité 12",
            "status": ProjectStatus.COMPLETED,
            "carrier_name": "Les jardiniers de la cité 12",
            **fields,
        }
    )
    ProjectContactFactory(project=project, email="chantal.secret@exemple.fr")
    CompletionReportFactory(
        project=project, residents_account="Le broyeur est arrivé avec trois semaines de retard."
    )
    version = AgreedVersionFactory(project=project)
    TownLineFactory(version=version, description="Prêt d'un broyeur")
    ResidentsLineFactory(version=version, description="Bêcher les parcelles")
    return project


def talk_url(talk) -> str:
    return reverse("talks:talk", kwargs={"slug": talk.evening.slug, "talk_slug": talk.slug})


# The project's page -------------------------------------------------------------------------


def test_the_project_page_shows_the_talk_that_tells_it_and_its_evaluation(client, archive_index):
    project = told_project()
    talk = TalkFactory(
        project=project,
        title="Deux ans de patience",
        recording=recording(archive_index),
        evening__starts_at=in_days(-3),
    )
    EvaluationFactory(talk=talk, town_should_change="Nommer une personne qui répond.")

    content = client.get(project.get_absolute_url()).content.decode()

    assert "Raconté au Ch'ti TAIDx" in content
    assert talk_url(talk) in content
    assert talk.recording.url in content
    assert "Nommer une personne qui répond." in content


@pytest.mark.parametrize(
    "hidden",
    [
        {"status": TalkStatus.DECLINED},
        {"status": TalkStatus.WITHDRAWN},
        {"status": TalkStatus.PROPOSED},
        {"evening__published": False},
    ],
    ids=["declined", "withdrawn", "proposed", "evening-unpublished"],
)
def test_the_project_page_never_shows_a_talk_the_public_may_not_see(client, hidden):
    project = told_project()
    TalkFactory(project=project, title="Intervention cachée", **hidden)

    content = client.get(project.get_absolute_url()).content.decode()

    assert "Intervention cachée" not in content
    assert "Raconté au Ch'ti TAIDx" not in content


def test_the_project_page_never_shows_the_speakers_contact(client):
    contact = TalkContactFactory(talk__project=told_project(), email="nadia.secret@exemple.fr")

    content = client.get(contact.talk.project.get_absolute_url()).content.decode()

    assert contact.talk.title in content
    assert "nadia.secret@exemple.fr" not in content


def test_the_talk_links_the_project_and_back(client):
    project = told_project()
    talk = TalkFactory(project=project)

    assert project.get_absolute_url() in client.get(talk_url(talk)).content.decode()
    assert talk_url(talk) in client.get(project.get_absolute_url()).content.decode()


# The recording's archive item ----------------------------------------------------------------


def test_the_recording_shows_the_talk_and_the_project_it_tells(client, archive_index):
    item = recording(archive_index)
    project = told_project()
    talk = TalkFactory(project=project, recording=item, title="Deux ans de patience")

    page = client.get(item.url).content.decode()

    assert talk_url(talk) in page
    assert "Deux ans de patience" in page
    assert "Le projet fifty-fifty raconté" in page
    assert reverse("projects:detail", kwargs={"slug": project.slug}) in page
    assert "Les jardiniers de la cité 12" in page
    assert "Prêt d&#x27;un broyeur" in page
    assert "Bêcher les parcelles" in page
    assert "Le broyeur est arrivé avec trois semaines de retard." in page
    assert "chantal.secret@exemple.fr" not in page


@pytest.mark.parametrize(
    "hidden",
    [{"show_publicly": False}, {"status": ProjectStatus.WITHDRAWN}],
    ids=["not-public", "withdrawn"],
)
def test_the_recording_does_not_show_a_hidden_project(client, archive_index, hidden):
    item = recording(archive_index)
    TalkFactory(project=told_project(**hidden), recording=item)

    page = client.get(item.url).content.decode()

    assert "Le jardin partagé de la cité 12" not in page


def test_the_recording_does_not_show_a_talk_the_public_may_not_see(client, archive_index):
    item = recording(archive_index)
    TalkFactory(recording=item, title="Intervention retirée", status=TalkStatus.WITHDRAWN)

    page = client.get(item.url).content.decode()

    assert "Intervention retirée" not in page


@pytest.mark.parametrize("n", [1, 30])
def test_recording_page_queries_do_not_grow(client, archive_index, django_assert_num_queries, n):
    item = recording(archive_index)
    for number in range(n):
        TalkFactory(
            recording=item,
            project=told_project(title=f"Le jardin {number}", slug=f"jardin-{number}"),
        )
    client.get(item.url)

    # 19 for the item, 1 for the project it became (none); its talks, then the projects they
    # tell with their reports, their agreed versions and their lines: four whatever their number.
    # and 5 for its Dublin Core in the head (JSON-LD, description).
    with django_assert_num_queries(20):
        response = client.get(item.url)

    content = response.content.decode()
    assert content.count('class="section item-talk"') == n
    assert content.count('class="section item-project"') == n


@pytest.mark.parametrize("n", [1, 30])
def test_project_page_queries_do_not_grow(client, archive_index, django_assert_num_queries, n):
    project = told_project()
    for _ in range(n):
        talk = TalkFactory(project=project, recording=ArchiveItemPageFactory(parent=archive_index))
        EvaluationFactory(talk=talk)
    client.get(project.get_absolute_url())

    # The project page's 13 (see tests/projects), with its public talks (evening, evaluation and
    # answer joined); their public project; their public recordings (one query, as on the
    # evening's page, see test_public_views).
    with django_assert_num_queries(13):
        response = client.get(project.get_absolute_url())

    assert response.content.decode().count('class="taidx-told__talk"') == n
