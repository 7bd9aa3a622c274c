"""Withdrawal: the carriers' data and photos go, the town's public answers stay, anonymous."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail

from festival.volunteers.models import SignupStatus, Volunteer
from media.models import CustomImage
from projects.agreements import agreement_version_create
from projects.links import project_follow_path, project_follow_token
from projects.models import (
    AgreementLine,
    ProjectContact,
    ProjectPhoto,
    ProjectStatus,
    Side,
    WorkDay,
)
from projects.progress import progress_post
from projects.proposals import project_propose, project_withdraw
from projects.reports import report_residents_write
from tests.factories.media import jpeg_with_gps_bytes, upload
from tests.factories.projects import (
    DecisionFactory,
    ProjectFactory,
    WorkDayFactory,
    proposal_data,
    today,
)
from tests.factories.volunteers import WorkDaySignupFactory

pytestmark = pytest.mark.django_db


def _follow(project) -> str:
    return project_follow_path(token=project_follow_token(project=project))


def test_withdraw_erases_contact_photos_and_words_and_keeps_decisions():
    project = project_propose(
        data=proposal_data(), photos=[upload(jpeg_with_gps_bytes(), "a.jpg", "image/jpeg")]
    )
    image = project.photos.get().image
    image_name = image.file.name
    storage = image.file.storage
    DecisionFactory(project=project, status=ProjectStatus.ACCEPTED, answer="Oui, bravo.")
    agreement_version_create(
        project=project,
        lines=[{"side": Side.RESIDENTS, "description": "Planter", "responsible": "Chantal L."}],
    )
    project.status = ProjectStatus.RUNNING
    project.save()
    progress_post(
        project=project, side=Side.RESIDENTS, text="Creusé.", happened_on=datetime.date(2026, 5, 1)
    )
    report_residents_write(project=project, account="Chantal raconte.")

    project_withdraw(project=project)

    project.refresh_from_db()
    assert project.status == ProjectStatus.WITHDRAWN
    assert project.withdrawn_at is not None
    assert project.is_public is False
    assert ProjectContact.objects.count() == 0
    assert ProjectPhoto.objects.count() == 0
    assert CustomImage.objects.count() == 0
    assert storage.exists(image_name) is False
    assert project.updates.count() == 0
    assert project.report.residents_account == ""
    assert (project.carrier_name, project.address) == ("", "")
    assert list(AgreementLine.objects.values_list("responsible", flat=True)) == [""]
    assert [d.answer for d in project.decisions.all()] == ["Oui, bravo."]


def test_withdraw_deletes_raw_photos_never_cleaned():
    unreadable = upload(b"not a photo" * 20, "a.jpg", "image/jpeg")
    project = project_propose(data=proposal_data(), photos=[unreadable])
    raw = project.photos.get().raw
    name, storage = raw.name, raw.storage

    project_withdraw(project=project)

    assert storage.exists(name) is False


def test_withdraw_asks_for_confirmation_first(client, home_page):
    project = ProjectFactory(status=ProjectStatus.RECEIVED)

    response = client.get(_follow(project) + "retirer/")

    project.refresh_from_db()
    assert response.status_code == 200
    assert "Oui, retirer définitivement" in response.content.decode()
    assert project.status == ProjectStatus.RECEIVED


def test_withdraw_from_the_private_link_then_the_link_answers_410_in_french(client, home_page):
    project = ProjectFactory(status=ProjectStatus.IN_STUDY)

    response = client.post(_follow(project) + "retirer/", follow=True)

    project.refresh_from_db()
    assert project.status == ProjectStatus.WITHDRAWN
    assert response.status_code == 410
    html = response.content.decode()
    assert "Ce projet a été retiré" in html
    assert "vos coordonnées sont effacées" in html
    assert client.get(_follow(project) + "modifier/").status_code == 410


def test_withdrawn_project_no_longer_takes_an_agreement(client, home_page):
    """Like every page of the private link once withdrawn: 410, and nothing is agreed."""
    project = ProjectFactory(status=ProjectStatus.ACCEPTED)
    agreement_version_create(
        project=project, lines=[{"side": Side.TOWN, "description": "Plants", "value": Decimal(1)}]
    )
    project_withdraw(project=project)

    assert client.post(_follow(project) + "accepter/1/").status_code == 410


def test_a_proposal_withdrawn_before_its_mail_leaves_is_not_mailed(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        project = project_propose(data=proposal_data())
    project_withdraw(project=project)

    for callback in callbacks:
        callback()

    assert mail.outbox == []


def test_withdrawal_calls_off_the_work_days_to_come_and_tells_who_signed_up(
    django_capture_on_commit_callbacks,
):
    project = ProjectFactory(status=ProjectStatus.RUNNING)
    coming = WorkDayFactory(project=project, title="Plantation de la haie")
    WorkDaySignupFactory(shift__work_day=coming, volunteer__email="marie@exemple.fr")
    WorkDaySignupFactory(
        shift__work_day=coming, volunteer__email="paul@exemple.fr", status=SignupStatus.WAITLISTED
    )
    WorkDaySignupFactory(
        shift__work_day=coming, volunteer__email="parti@exemple.fr", status=SignupStatus.CANCELLED
    )
    past = WorkDayFactory(project=project, date=today() - datetime.timedelta(days=3))
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        project_withdraw(project=project)

    assert sorted(message.to[0] for message in mail.outbox) == [
        "marie@exemple.fr",
        "paul@exemple.fr",
    ]
    assert mail.outbox[0].subject == "Annulé : Plantation de la haie"
    assert "n'aura pas lieu" in mail.outbox[0].body
    assert list(WorkDay.objects.values_list("pk", flat=True)) == [past.pk]
    assert not Volunteer.objects.filter(email__in=["marie@exemple.fr", "paul@exemple.fr"]).exists()
