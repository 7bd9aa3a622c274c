"""Proposing a project: stored whole before anything can fail, confirmed by the mailed link."""

import pytest
from django.core import mail
from django.urls import reverse

from media.models import CustomImage
from outbox.models import OutgoingMail
from projects.links import project_confirm_code, project_follow_url
from projects.models import Project, ProjectContact, ProjectPhoto, ProjectStatus, TownRequest
from projects.photos import ProjectFilesUnavailable, project_photos_retry
from projects.proposals import (
    ProjectNotEditable,
    project_confirm,
    project_edit,
    project_propose,
)
from tests.factories.media import jpeg_with_gps_bytes, upload
from tests.factories.projects import ProjectFactory, TownRequestFactory, proposal_data

pytestmark = pytest.mark.django_db

REQUESTS = [
    {"kind": "money", "description": "Achat de 40 plants", "amount": 320},
    {"kind": "equipment", "description": "Prêt d'une tarière", "amount": None},
]


def test_propose_stores_project_unconfirmed_with_contact_and_requests(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        project = project_propose(data=proposal_data(), requests=REQUESTS)

    project.refresh_from_db()
    assert project.status == ProjectStatus.UNCONFIRMED
    assert project.slug == "une-haie-pour-la-rue-bollaert"
    assert project.contact.email == "chantal@exemple.fr"
    assert [r.description for r in project.requests.all()] == [
        "Achat de 40 plants",
        "Prêt d'une tarière",
    ]
    assert project.is_public is False


def test_propose_mails_a_link_that_confirms_the_address(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        project = project_propose(data=proposal_data(), requests=REQUESTS)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["chantal@exemple.fr"]
    assert message.subject == "Confirmez votre proposition de projet fifty-fifty"
    assert f"{project_follow_url(project=project)}?confirmer=" in message.body
    assert project_confirm_code(project=project) in message.body


def test_propose_gives_each_project_its_own_address():
    first = project_propose(data=proposal_data())
    second = project_propose(data=proposal_data())
    reserved = project_propose(data=proposal_data(title="Proposer"))

    assert (first.slug, second.slug) == (
        "une-haie-pour-la-rue-bollaert",
        "une-haie-pour-la-rue-bollaert-2",
    )
    assert reserved.slug == "proposer-2"


def test_propose_is_stored_when_the_mail_server_is_down(
    settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.mail_backends.RefusingSMTPBackend"

    with django_capture_on_commit_callbacks(execute=True):
        project_propose(data=proposal_data(), requests=REQUESTS)

    assert Project.objects.count() == 1
    assert ProjectContact.objects.get().email == "chantal@exemple.fr"
    assert TownRequest.objects.count() == 2
    assert OutgoingMail.objects.get().status != "sent"


def test_propose_cleans_photos_and_removes_gps_and_raw_file():
    photo = upload(jpeg_with_gps_bytes(), "IMG_1.jpg", "image/jpeg")

    project = project_propose(data=proposal_data(), photos=[photo])

    stored = ProjectPhoto.objects.get(project=project)
    assert stored.raw.name == ""
    assert stored.image is not None
    with stored.image.file.open("rb") as clean:
        content = clean.read()
    assert b"PhoneMaker" not in content
    assert b"Jeannine" not in content
    assert stored.image.collection.name == "Photos en attente de modération"


def test_propose_keeps_the_raw_photo_when_cleaning_fails():
    # Past the form's check (a file swapped on disk, a decoder crash): the cleaning fails.
    unreadable = upload(b"not a photo" * 20, "a.jpg", "image/jpeg")

    project = project_propose(data=proposal_data(), photos=[unreadable])

    stored = ProjectPhoto.objects.get(project=project)
    assert stored.image is None
    assert stored.raw.name != ""
    assert CustomImage.objects.count() == 0
    assert project.contact.email == "chantal@exemple.fr"


def test_propose_keeps_nothing_when_the_storage_refuses_a_photo(monkeypatch):
    storage_class = type(ProjectPhoto._meta.get_field("raw").storage)
    original_save = storage_class.save
    written = []

    def full_after_one(self, name, content, max_length=None):
        if written:
            raise OSError("disk full")
        written.append(original_save(self, name, content, max_length=max_length))
        return written[-1]

    monkeypatch.setattr(storage_class, "save", full_after_one)
    photos = [upload(jpeg_with_gps_bytes(), f"{n}.jpg", "image/jpeg") for n in range(2)]

    with pytest.raises(ProjectFilesUnavailable):
        project_propose(data=proposal_data(), photos=photos)

    storage = ProjectPhoto._meta.get_field("raw").storage
    assert Project.objects.count() == 0
    assert OutgoingMail.objects.count() == 0
    assert [storage.exists(name) for name in written] == [False]


def test_confirm_moves_an_unconfirmed_proposal_to_received_once():
    project = project_propose(data=proposal_data())

    first, second = project_confirm(project=project), project_confirm(project=project)

    project.refresh_from_db()
    assert (first, second) == (True, False)
    assert project.status == ProjectStatus.RECEIVED
    assert project.confirmed_at is not None
    assert project.is_public is True


def test_edit_replaces_fields_and_request_lines_while_editable():
    project = ProjectFactory(status=ProjectStatus.IN_STUDY)
    TownRequestFactory(project=project, description="Ancienne demande")

    project_edit(
        project=project,
        data={"title": "Une haie et un banc", "address": ""},
        requests=REQUESTS[:1],
    )

    project.refresh_from_db()
    assert project.title == "Une haie et un banc"
    assert [r.description for r in project.requests.all()] == ["Achat de 40 plants"]


def test_edit_is_refused_once_the_agreement_holds():
    project = ProjectFactory(status=ProjectStatus.AGREED, title="Avant")

    with pytest.raises(ProjectNotEditable):
        project_edit(project=project, data={"title": "Après"}, requests=[])

    project.refresh_from_db()
    assert project.title == "Avant"


def test_photos_left_raw_are_cleaned_by_the_retry():
    project = project_propose(data=proposal_data())
    raw = ProjectPhoto(project=project)
    raw.raw.save("upload", upload(jpeg_with_gps_bytes(), "a.jpg", "image/jpeg"), save=True)

    waiting = project_photos_retry()

    raw.refresh_from_db()
    assert waiting == 0
    assert raw.image is not None
    assert raw.raw.name == ""


def test_resending_my_links_includes_the_projects_i_carry_and_not_a_withdrawn_one(
    client, home_page, django_capture_on_commit_callbacks
):
    carried = project_propose(data=proposal_data(title="Une haie rue Bollaert"))
    withdrawn = project_propose(data=proposal_data(title="Un banc retiré"))
    Project.objects.filter(pk=withdrawn.pk).update(status=ProjectStatus.WITHDRAWN)
    project_propose(data=proposal_data(title="Le projet d'une autre", email="autre@exemple.fr"))
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("archive:links"), {"email": "CHANTAL@exemple.fr", "website": ""})

    [message] = mail.outbox
    assert message.to == ["CHANTAL@exemple.fr"]
    assert "« Une haie rue Bollaert »" in message.body
    assert project_follow_url(project=carried).split("/", 3)[3] in message.body
    assert "Un banc retiré" not in message.body
    assert "Le projet d'une autre" not in message.body
