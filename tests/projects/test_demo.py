"""The demo's fifty-fifty projects: every stage of the cycle, dated from the day they load."""

import datetime

import pytest
from django.utils import timezone

from projects.demo import PROJECTS, ensure_projects
from projects.models import (
    CompletionReport,
    Project,
    ProjectStatus,
    Side,
    UpdateStatus,
    WorkDay,
)
from tests.factories.archive import ArchiveIndexPageFactory

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 12, 7, 10, 0, tzinfo=datetime.UTC)


def test_demo_projects_show_every_stage_once_however_often_loaded():
    ensure_projects(now=NOW)
    ensure_projects(now=NOW)

    statuses = sorted(Project.objects.values_list("status", flat=True))
    assert statuses == sorted(
        [
            ProjectStatus.RECEIVED,
            ProjectStatus.IN_STUDY,
            ProjectStatus.DECLINED,
            ProjectStatus.ACCEPTED_WITH_CHANGES,
            ProjectStatus.AGREED,
            ProjectStatus.RUNNING,
            ProjectStatus.RUNNING,
            ProjectStatus.COMPLETED,
            ProjectStatus.COMPLETED,
            ProjectStatus.COMPLETED,
        ]
    )
    assert Project.objects.for_the_public().count() == len(PROJECTS)


def test_demo_declined_project_says_why_and_the_received_one_is_fresh():
    ensure_projects(now=NOW)

    declined = Project.objects.get(status=ProjectStatus.DECLINED)
    assert "site pollué" in declined.decisions.get(status=ProjectStatus.DECLINED).answer
    received = Project.objects.get(status=ProjectStatus.RECEIVED)
    assert received.created_at == NOW - datetime.timedelta(days=2)
    assert received.decisions.count() == 0


def test_demo_agreed_project_is_agreed_at_its_second_version():
    ensure_projects(now=NOW)

    project = Project.objects.get(status=ProjectStatus.AGREED)
    first, second = project.agreements.order_by("number")
    assert not first.is_agreed
    assert second.is_agreed
    assert second.lines.filter(side=Side.RESIDENTS).count() == 2
    waiting = Project.objects.get(status=ProjectStatus.ACCEPTED_WITH_CHANGES)
    version = waiting.agreements.get()
    assert version.town_agreed_at is not None
    assert version.residents_agreed_at is None


def test_demo_running_projects_have_work_days_to_come_and_a_post_to_review():
    ensure_projects(now=NOW)

    for project in Project.objects.filter(status=ProjectStatus.RUNNING):
        assert project.work_days.filter(date__gt=NOW.date()).exists(), project.slug
    assert (
        Project.objects.get(slug="ramassage-terrils-jumeaux")
        .updates.filter(status=UpdateStatus.PENDING, side=Side.RESIDENTS)
        .count()
        == 1
    )


def test_demo_completed_projects_report_what_each_side_delivered(home_page):
    ensure_projects(now=NOW)

    assert CompletionReport.objects.count() == 3
    garden = Project.objects.get(slug="jardin-partage-cite-des-provinces")
    assert garden.completed_at.year < 2019  # before the talk that tells it
    lines = garden.agreements.get().lines.all()
    assert all(line.delivered_on is not None for line in lines)
    path = Project.objects.get(slug="sentier-balise-terrils")
    residents = path.agreements.get().lines.get(side=Side.RESIDENTS)
    assert residents.delivered_hours < residents.hours  # the critical report: less than promised
    assert "promet vite et livre lentement" in path.report.residents_account


def test_demo_history_is_dated_with_each_projects_own_calendar():
    ensure_projects(now=NOW)

    garden = Project.objects.get(slug="jardin-partage-cite-des-provinces")
    assert [decision.decided_at.year for decision in garden.decisions.all()] == [
        2017,
        2017,
        2017,
        2018,
    ]


def test_demo_work_days_are_open_for_sign_up_with_places_left(client, home_page):
    ensure_projects(now=timezone.now())

    work_day = WorkDay.objects.filter(project__slug="haie-chemin-fosse-12").get()
    html = client.get(work_day.volunteer_signup_url).content.decode()
    assert "Chantier du matin" in html
    assert [shift.signups.count() for shift in work_day.shifts.order_by("start")] == [4, 2]


def test_demo_agreements_are_dated_between_the_proposal_and_today():
    ensure_projects(now=NOW)

    for project in Project.objects.filter(agreements__isnull=False).distinct():
        for version in project.agreements.all():
            for moment in (version.created_at, version.town_agreed_at, version.residents_agreed_at):
                assert moment is None or project.created_at < moment < NOW, project.slug


def test_demo_garden_enters_the_archive_its_carriers_agreed_to(home_page):
    archive = ArchiveIndexPageFactory(parent=home_page)
    archive.save_revision().publish()

    ensure_projects(now=NOW)
    ensure_projects(now=NOW)

    garden = Project.objects.get(slug="jardin-partage-cite-des-provinces")
    assert garden.archive_item.live
    assert "trois mois de retard" in str(garden.archive_item.story)
    assert Project.objects.filter(archive_item__isnull=False).count() == 1
