import datetime

import pytest
from django.core import mail
from django.urls import reverse

from outbox.models import OutgoingMail
from projects.models import (
    Decision,
    InternalNote,
    ProgressUpdate,
    ProjectStatus,
    Side,
    UpdateStatus,
)
from tests.factories.media import CustomImageFactory
from tests.factories.projects import (
    DecisionFactory,
    InternalNoteFactory,
    ProgressUpdateFactory,
    ProjectContactFactory,
    ProjectFactory,
    TownRequestFactory,
)

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/fifty-fifty/"


def file_url(project) -> str:
    return reverse("projects_admin:file", args=[project.pk])


def test_list_shows_projects_without_unconfirmed_ones_by_default(team_client, home_page):
    ProjectFactory(title="Des fleurs rue Lamendin", status=ProjectStatus.IN_STUDY)
    ProjectFactory(title="Une proposition pas confirmée", status=ProjectStatus.UNCONFIRMED)

    html = team_client.get(LIST_URL).content.decode()

    assert "Des fleurs rue Lamendin" in html
    assert "À l&#x27;étude" in html
    assert "Une proposition pas confirmée" not in html
    assert file_url(ProjectFactory._meta.model.objects.get(status="in_study")) in html


def test_list_shows_unconfirmed_ones_when_asked(team_client, home_page):
    ProjectFactory(title="Une proposition pas confirmée", status=ProjectStatus.UNCONFIRMED)

    html = team_client.get(LIST_URL, {"status": "unconfirmed"}).content.decode()

    assert "Une proposition pas confirmée" in html


def test_list_filters_by_kind_and_year(team_client, home_page):
    ProjectFactory(title="Le jardin de la cité 12", kind="garden")
    old = ProjectFactory(title="La haie de 2019", kind="planting")
    type(old).objects.filter(pk=old.pk).update(
        created_at=datetime.datetime(2019, 5, 1, tzinfo=datetime.UTC)
    )

    by_kind = team_client.get(LIST_URL, {"kind": "garden"}).content.decode()
    by_year = team_client.get(LIST_URL, {"year": "2019"}).content.decode()

    assert ("Le jardin de la cité 12" in by_kind, "La haie de 2019" in by_kind) == (True, False)
    assert ("Le jardin de la cité 12" in by_year, "La haie de 2019" in by_year) == (False, True)


@pytest.mark.parametrize("n", [1, 30])
def test_list_queries_do_not_grow(team_client, home_page, django_assert_num_queries, n):
    for i in range(n):
        ProjectFactory(title=f"Projet {i}")

    with django_assert_num_queries(11):
        response = team_client.get(LIST_URL)

    html = response.content.decode()
    assert response.status_code == 200
    # Wagtail lists 20 a page.
    assert sum(f"Projet {i}\n" in html for i in range(n)) == min(n, 20)


def test_outsiders_cannot_list_nor_open_projects(outsider_client, home_page):
    project = ProjectFactory()

    assert outsider_client.get(LIST_URL).status_code in (302, 403)
    # Wagtail sends whoever lacks a permission back to the dashboard with a message.
    opened = outsider_client.get(file_url(project))
    answered = outsider_client.post(
        file_url(project), {"action": "decide", "status": "accepted", "answer": "Oui."}
    )

    assert (opened.status_code, answered.status_code) == (302, 302)
    assert project.title not in opened.content.decode()
    assert Decision.objects.count() == 0


def test_file_shows_proposal_requests_contact_notes_and_history(team_client, home_page):
    contact = ProjectContactFactory(project__need="Les enfants n'ont pas d'ombre.")
    project = contact.project
    TownRequestFactory(project=project, description="Prêt d'une tarière")
    InternalNoteFactory(project=project, text="Voir avec les espaces verts.")
    DecisionFactory(project=project, status=ProjectStatus.IN_STUDY, answer="Nous étudions.")

    html = team_client.get(file_url(project)).content.decode()

    assert "Les enfants n&#x27;ont pas d&#x27;ombre." in html
    assert "Prêt d&#x27;une tarière" in html
    assert contact.email in html
    assert "Voir avec les espaces verts." in html
    assert "Nous étudions." in html


def test_team_member_answers_publicly_and_the_proposer_is_told(
    team_client, home_page, django_capture_on_commit_callbacks
):
    contact = ProjectContactFactory()

    with django_capture_on_commit_callbacks(execute=True):
        response = team_client.post(
            file_url(contact.project),
            {"action": "decide", "status": "accepted", "answer": "Bonne idée, allons-y."},
        )

    assert response.status_code == 302
    contact.project.refresh_from_db()
    assert contact.project.status == ProjectStatus.ACCEPTED
    assert list(Decision.objects.values_list("answer", flat=True)) == ["Bonne idée, allons-y."]
    assert [m.to for m in mail.outbox] == [[contact.email]]


def test_answer_required_keeps_what_was_chosen(team_client, home_page):
    project = ProjectFactory()

    response = team_client.post(
        file_url(project), {"action": "decide", "status": "declined", "answer": ""}
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Écrivez la réponse publique" in html
    assert '<option value="declined" selected>' in html
    assert OutgoingMail.objects.count() == 0


def test_team_member_adds_an_internal_note(team_client, home_page, team_member):
    project = ProjectFactory()

    team_client.post(file_url(project), {"action": "note", "text": "Appeler M. Dufour."})

    note = InternalNote.objects.get()
    assert (note.project, note.text, note.author) == (project, "Appeler M. Dufour.", team_member)


def test_team_member_publishes_or_declines_residents_updates(team_client, home_page):
    kept = ProgressUpdateFactory(text="Les trous sont creusés.")
    dropped = ProgressUpdateFactory(project=kept.project, text="Hors sujet.")

    team_client.post(
        file_url(kept.project), {"action": "review", "update": kept.pk, "publish": "yes"}
    )
    team_client.post(
        file_url(kept.project), {"action": "review", "update": dropped.pk, "publish": "no"}
    )

    kept.refresh_from_db()
    dropped.refresh_from_db()
    assert (kept.status, dropped.status) == (UpdateStatus.PUBLISHED, UpdateStatus.DECLINED)


def test_team_posts_its_own_update_published_at_once(team_client, home_page):
    project = ProjectFactory(status=ProjectStatus.RUNNING)

    team_client.post(
        file_url(project),
        {"action": "update", "text": "La ville a livré le paillis.", "happened_on": "2026-04-02"},
    )

    update = ProgressUpdate.objects.get()
    assert (update.side, update.status) == (Side.TOWN, UpdateStatus.PUBLISHED)


def test_team_signs_its_account_in_the_report(team_client, home_page):
    project = ProjectFactory(status=ProjectStatus.COMPLETED)

    team_client.post(
        file_url(project),
        {
            "action": "account",
            "account-account": "Une belle coopération, des délais à tenir.",
            "account-signed_by": "Mme Leclercq, adjointe",
        },
    )

    project.report.refresh_from_db()
    assert project.report.town_signed_by == "Mme Leclercq, adjointe"
    assert project.report.town_submitted_at is not None


def test_dashboard_lists_proposals_waiting_for_an_answer(team_client, home_page):
    ProjectFactory(title="Un composteur partagé", status=ProjectStatus.RECEIVED)
    ProjectFactory(title="Déjà décidé", status=ProjectStatus.DECLINED)

    html = team_client.get("/admin/").content.decode()

    assert "1 projet fifty-fifty attend une réponse" in html
    assert "Un composteur partagé" in html
    assert "Déjà décidé" not in html


def test_menu_hides_fifty_fifty_from_outsiders(outsider_client, home_page):
    html = outsider_client.get("/admin/").content.decode()

    assert "Fifty-fifty" not in html


def test_team_member_sees_the_fifty_fifty_menu(team_client, home_page):
    html = team_client.get("/admin/").content.decode()

    assert "Fifty-fifty" in html


def test_edit_form_corrects_public_text_never_the_contact_nor_the_status(team_client, home_page):
    contact = ProjectContactFactory()

    html = team_client.get(f"/admin/fifty-fifty/edit/{contact.project.pk}/").content.decode()

    assert 'name="title"' in html
    assert 'name="status"' not in html
    assert contact.email not in html


def test_nobody_adds_or_deletes_projects_in_the_admin(admin_client, home_page):
    project = ProjectFactory()

    assert admin_client.get("/admin/fifty-fifty/new/").status_code == 302
    admin_client.post(f"/admin/fifty-fifty/delete/{project.pk}/")

    assert type(project).objects.filter(pk=project.pk).exists()


def test_team_update_carries_a_photo_from_the_library(team_client, home_page):
    project = ProjectFactory(status=ProjectStatus.RUNNING)
    image = CustomImageFactory()

    team_client.post(
        file_url(project),
        {
            "action": "update",
            "text": "La haie est plantée.",
            "happened_on": "2026-04-02",
            "photo": image.pk,
            "caption": "Les plants en place",
        },
    )

    [photo] = ProgressUpdate.objects.get().photos.all()
    assert (photo.project, photo.image, photo.caption) == (project, image, "Les plants en place")
