"""A completed project enters the archive with its carriers' consent, and a Ch'ti TAIDx talk
shows the project it tells."""

import datetime

import pytest
from django.urls import reverse
from wagtail.models import Page, Revision

from archive.models import ArchiveItemPage, ItemSource
from archive.selectors import public_items
from media.collections import PUBLIC
from projects.archiving import ARCHIVE_CREDIT, ProjectNotArchivable, project_archive
from projects.models import ProjectStatus
from projects.proposals import project_withdraw
from tests.factories.archive import PlaceFactory
from tests.factories.media import CustomImageFactory
from tests.factories.projects import (
    AgreedVersionFactory,
    CompletionReportFactory,
    ProjectContactFactory,
    ProjectFactory,
    ProjectPhotoFactory,
    ResidentsLineFactory,
    TownLineFactory,
)

pytestmark = pytest.mark.django_db

RESIDENTS_ACCOUNT = (
    "La mairie a tenu parole, mais le broyeur est arrivé avec trois semaines de retard."
)
TOWN_ACCOUNT = "Le retard est le nôtre : le broyeur était en panne."


def completed_project(**fields):
    """A completed, public project whose carriers consented to the archive and to its photos,
    with its private contact, agreed lines, report and a captioned photo."""
    fields = {
        "title": "Le jardin partagé de la cité 12",
        "status": ProjectStatus.COMPLETED,
        "becomes_archive_item": True,
        "photos_to_archive": True,
        "carrier_name": "Les jardiniers de la cité 12",
        "agreed_at": datetime.datetime(2017, 5, 1, tzinfo=datetime.UTC),
        "completed_at": datetime.datetime(2018, 10, 1, tzinfo=datetime.UTC),
        **fields,
    }
    project = ProjectFactory(**fields)
    ProjectContactFactory(
        project=project, name="Chantal Lefebvre", email="chantal.secret@exemple.fr"
    )
    CompletionReportFactory(
        project=project,
        residents_account=RESIDENTS_ACCOUNT,
        town_account=TOWN_ACCOUNT,
        town_signed_by="L'adjoint à la participation",
    )
    version = AgreedVersionFactory(project=project)
    TownLineFactory(version=version, description="Prêt d'un broyeur")
    ResidentsLineFactory(version=version, description="Bêcher les parcelles")
    return project


def test_archived_project_is_a_public_item_found_in_the_archive(client, archive_index):
    place = PlaceFactory(name="Cité 12")
    project = completed_project(place=place)
    ProjectPhotoFactory(project=project, caption="Les premières récoltes")

    item = project_archive(project=project)

    project.refresh_from_db()
    assert project.archive_item == item
    assert list(public_items().filter(pk=item.pk)) == [item]
    assert item.title == "Le jardin partagé de la cité 12"
    assert item.summary == project.need
    assert item.source == ItemSource.EDITORIAL
    assert item.credit == ARCHIVE_CREDIT
    assert item.date_label == "2017–2018"
    assert list(item.places.all()) == [place]
    item.cover_image.refresh_from_db()
    assert item.cover_image.collection.name == PUBLIC
    page = client.get(item.url).content.decode()
    assert RESIDENTS_ACCOUNT.replace("'", "&#x27;") in page
    assert TOWN_ACCOUNT.replace("'", "&#x27;") in page
    assert reverse("projects:detail", kwargs={"slug": project.slug}) in page
    assert "Le jardin partagé de la cité 12" in client.get(archive_index.url).content.decode()


def test_archiving_without_the_carriers_consent_is_refused_in_french(archive_index):
    project = completed_project(becomes_archive_item=False)

    with pytest.raises(ProjectNotArchivable) as refused:
        project_archive(project=project)

    assert "Les porteurs n'ont pas accepté" in str(refused.value)
    project.refresh_from_db()
    assert project.archive_item is None
    assert ArchiveItemPage.objects.count() == 0


def test_archiving_a_project_not_completed_is_refused(archive_index):
    project = completed_project(status=ProjectStatus.RUNNING)

    with pytest.raises(ProjectNotArchivable) as refused:
        project_archive(project=project)

    assert str(refused.value) == "Seul un projet terminé, avec son bilan, entre dans l'archive."


def test_archiving_twice_returns_the_same_item(archive_index):
    project = completed_project()

    first = project_archive(project=project)
    second = project_archive(project=project)

    assert second == first
    assert ArchiveItemPage.objects.count() == 1


def test_photos_stay_out_without_their_consent(archive_index):
    project = completed_project(photos_to_archive=False)
    photo = ProjectPhotoFactory(project=project, caption="Les premières récoltes")

    item = project_archive(project=project)

    assert item.cover_image is None
    photo.image.refresh_from_db()
    assert photo.image.collection.name != PUBLIC


def test_a_caption_gives_a_photo_its_alt_text_and_a_photo_without_either_stays_out(
    archive_index,
):
    project = completed_project()
    captioned = ProjectPhotoFactory(
        project=project, caption="Les premières récoltes", image=CustomImageFactory(description="")
    )
    ProjectPhotoFactory(project=project, caption="", image=CustomImageFactory(description=""))

    item = project_archive(project=project)

    assert item.cover_image == captioned.image
    assert item.cover_image.description == "Les premières récoltes"
    assert item.gallery_images.count() == 0


def test_withdrawal_erases_the_item_and_its_revisions(client, archive_index):
    project = completed_project()
    item = project_archive(project=project)
    path = item.url_path.removeprefix("/accueil")

    project_withdraw(project=project)

    assert not Page.objects.filter(pk=item.pk).exists()
    assert not Revision.objects.filter(object_id=str(item.pk)).exists()
    assert client.get(path).status_code == 404


def test_the_contact_never_appears_on_the_item(client, archive_index):
    project = completed_project()

    item = project_archive(project=project)

    page = client.get(item.url).content.decode()
    revision = item.latest_revision.content
    for private in ("Chantal Lefebvre", "chantal.secret@exemple.fr", "06 12 34 56 78"):
        assert private not in page
        assert private not in str(revision)


# The town's team, from the project's admin page ----------------------------------------------


def file_url(project) -> str:
    return reverse("projects_admin:file", args=[project.pk])


def test_the_team_archives_from_the_project_admin_page(team_client, team_member, archive_index):
    project = completed_project()
    assert "Verser dans l'archive" in team_client.get(file_url(project)).content.decode()

    response = team_client.post(file_url(project), {"action": "archive"}, follow=True)

    project.refresh_from_db()
    assert project.archive_item is not None
    assert project.archive_item.live is True
    assert project.archive_item.latest_revision.user == team_member
    assert "Le projet est dans l&#x27;archive" in response.content.decode()


def test_the_team_is_not_offered_to_archive_without_consent(team_client, archive_index):
    project = completed_project(becomes_archive_item=False)

    page = team_client.get(file_url(project)).content.decode()

    assert "Verser dans l'archive" not in page


def test_an_outsider_cannot_archive(outsider_client, archive_index):
    project = completed_project()

    response = outsider_client.post(file_url(project), {"action": "archive"})

    # Wagtail sends whoever lacks a permission back to the dashboard with a message.
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.archive_item is None
