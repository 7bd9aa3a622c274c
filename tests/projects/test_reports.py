"""The completion report: the carriers' own account, and the town's, signed apart."""

import pytest

from projects.links import project_follow_path, project_follow_token
from projects.models import CompletionReport, ProjectStatus
from projects.reports import ReportError, report_residents_write, report_town_write
from tests.factories.projects import ProjectFactory

pytestmark = pytest.mark.django_db


def _follow(project) -> str:
    return project_follow_path(token=project_follow_token(project=project))


def test_residents_write_their_account_once_running_and_may_rewrite_it():
    project = ProjectFactory(status=ProjectStatus.RUNNING)

    report_residents_write(project=project, account="Le matériel est arrivé en retard.")
    report = report_residents_write(project=project, account="Tout s'est bien passé, au fond.")

    assert CompletionReport.objects.count() == 1
    assert report.residents_account == "Tout s'est bien passé, au fond."
    assert report.residents_submitted_at is not None


def test_residents_account_is_refused_before_the_work_starts():
    project = ProjectFactory(status=ProjectStatus.AGREED)

    with pytest.raises(ReportError):
        report_residents_write(project=project, account="Trop tôt.")

    assert CompletionReport.objects.count() == 0


def test_town_account_sits_beside_the_residents_one():
    project = ProjectFactory(status=ProjectStatus.COMPLETED)
    report_residents_write(project=project, account="La mairie a tenu parole.")

    report = report_town_write(
        project=project, account="Un chantier exemplaire.", signed_by="Adjointe aux travaux"
    )

    assert (report.residents_account, report.town_account, report.town_signed_by) == (
        "La mairie a tenu parole.",
        "Un chantier exemplaire.",
        "Adjointe aux travaux",
    )


def test_follow_page_takes_the_account_with_a_french_message(client, home_page):
    project = ProjectFactory(status=ProjectStatus.RUNNING)

    response = client.post(
        _follow(project) + "bilan/",
        {"residents_account": "La ville a répondu vite, mais les plants étaient petits."},
        follow=True,
    )

    html = response.content.decode()
    assert project.report.residents_account.startswith("La ville a répondu vite")
    assert "votre récit est enregistré" in html
    assert "Remplacer mon récit" in html


def test_follow_page_account_error_is_french(client, home_page):
    project = ProjectFactory(status=ProjectStatus.RUNNING)

    response = client.post(_follow(project) + "bilan/", {"residents_account": ""})

    assert response.status_code == 200
    assert "Écrivez votre récit avant de l&#x27;envoyer." in response.content.decode()
    assert CompletionReport.objects.count() == 0
