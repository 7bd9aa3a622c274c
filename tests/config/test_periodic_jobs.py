"""The scheduler's command: each job done once per need, whatever the number of runs."""

import datetime

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from archive.contributions.services import contribution_create
from archive.models import Contribution, ContributionStatus
from config.management.commands import run_periodic_jobs
from festival.models import Signup, SignupStatus, Volunteer
from projects.models import ProjectPhoto
from tests.factories.archive import (
    ArchiveIndexPageFactory,
    ArchiveItemPageFactory,
    contribution_data,
)
from tests.factories.festival import EditionPageFactory
from tests.factories.media import jpeg_with_gps_bytes, upload
from tests.factories.projects import ProjectFactory
from tests.factories.volunteers import ShiftFactory, SignupFactory, VolunteerFactory

pytestmark = pytest.mark.django_db


def run_jobs(capsys) -> str:
    call_command("run_periodic_jobs")
    return capsys.readouterr().out


def test_reminders_go_out_once_however_often_the_scheduler_runs(
    home_page, capsys, django_capture_on_commit_callbacks
):
    soon = timezone.now() + datetime.timedelta(hours=20)
    shift = ShiftFactory(start=soon, end=soon + datetime.timedelta(hours=3))
    SignupFactory(shift=shift, volunteer__email="lea@exemple.fr")
    SignupFactory(shift=shift, status=SignupStatus.WAITLISTED)
    mail.outbox.clear()

    # The reminders leave through the outbox, once the scheduler's transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        first = run_jobs(capsys)
        run_jobs(capsys)

    assert [message.to for message in mail.outbox] == [["lea@exemple.fr"]]
    assert "Rappels envoyés aux bénévoles : 1" in first
    assert f"{len(run_periodic_jobs.JOBS)}/{len(run_periodic_jobs.JOBS)} tâches faites." in first


def test_unconfirmed_holds_expire_and_old_volunteer_data_is_erased(home_page, capsys):
    soon = timezone.now() + datetime.timedelta(days=10)
    stale = SignupFactory(
        shift=ShiftFactory(start=soon, end=soon + datetime.timedelta(hours=2)),
        status=SignupStatus.PENDING,
        email_confirmed_at=None,
    )
    Signup.objects.filter(pk=stale.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=3)
    )
    long_ago = EditionPageFactory(
        year=2020, start_date=datetime.date(2020, 6, 12), end_date=datetime.date(2020, 6, 14)
    )
    gone = VolunteerFactory(edition=long_ago, email="ancien@exemple.fr")

    run_jobs(capsys)

    stale.refresh_from_db()
    assert stale.status == SignupStatus.EXPIRED
    assert Volunteer.objects.get(pk=gone.pk).email == ""


def test_stored_contribution_is_taken_up_again_but_not_one_just_received(home_page, capsys):
    # No archive index yet: processing fails and leaves the contribution for a retry.
    failed = contribution_create(data=contribution_data(title="Le lavoir"))
    ArchiveIndexPageFactory(parent=home_page)
    # Its first retry comes a few minutes after the failure: as if they had gone by.
    Contribution.objects.filter(pk=failed.pk).update(
        updated_at=timezone.now() - datetime.timedelta(minutes=10)
    )
    # Stored a moment ago, its own task still waiting in the queue.
    just_received = Contribution.objects.create(
        title="Tout juste arrivé",
        story="La remonte du poste de nuit.",
        full_name="Paul Lefebvre",
        email="paul@exemple.fr",
        consented_at=timezone.now(),
    )

    run_jobs(capsys)

    failed.refresh_from_db()
    just_received.refresh_from_db()
    assert failed.status == ContributionStatus.IN_REVIEW
    assert just_received.status == ContributionStatus.RECEIVED


def test_an_embargoed_item_goes_live_when_its_date_has_come(home_page, capsys):
    index = ArchiveIndexPageFactory(parent=home_page)
    item = ArchiveItemPageFactory(parent=index, title="Souvenir sous embargo", live=False)
    item.go_live_at = timezone.now() + datetime.timedelta(days=1)
    item.save_revision().publish()
    item.refresh_from_db()
    assert not item.live
    # The embargo date has come: as if a day had gone by.
    revision = item.latest_revision
    a_minute_ago = timezone.now() - datetime.timedelta(minutes=1)
    revision.content["go_live_at"] = a_minute_ago.isoformat()
    revision.approved_go_live_at = a_minute_ago
    revision.save()

    run_jobs(capsys)

    item.refresh_from_db()
    assert item.live


def test_a_failing_job_does_not_stop_the_others(home_page, capsys, monkeypatch):
    def broken() -> int:
        raise RuntimeError("le serveur de courriel ne répond pas")

    jobs = [run_periodic_jobs.Job("Tâche cassée", broken), *run_periodic_jobs.JOBS]
    monkeypatch.setattr(run_periodic_jobs, "JOBS", jobs)

    with pytest.raises(CommandError, match="1 tâche\\(s\\) en échec"):
        call_command("run_periodic_jobs")

    captured = capsys.readouterr()
    assert "✗ Tâche cassée : échec" in captured.err
    assert f"{len(jobs) - 1}/{len(jobs)} tâches faites." in captured.out


def test_a_projects_photo_left_raw_by_a_failure_is_cleaned_by_the_scheduler(capsys):
    project = ProjectFactory()
    raw = ProjectPhoto(project=project)
    raw.raw.save("upload", upload(jpeg_with_gps_bytes(), "a.jpg", "image/jpeg"), save=True)

    out = run_jobs(capsys)

    raw.refresh_from_db()
    assert raw.image is not None
    assert raw.raw.name == ""
    assert "Photos de projets fifty-fifty encore à nettoyer" in out
