import pytest
from django.core import mail
from wagtail.models import WorkflowState

from archive.contributions.services import contribution_create, contribution_update
from archive.models import Contribution, ContributionStatus, ResidentAddition, Withdrawal
from tests.factories.archive import ArchiveItemPageFactory, contribution_data

pytestmark = pytest.mark.django_db


def test_dashboard_lists_pending_contributions(editor_client, archive_index):
    contribution_create(data=contribution_data(title="La lampe de Marcel"))

    html = editor_client.get("/admin/").content.decode()

    assert "1 contribution en attente" in html
    assert "La lampe de Marcel" in html


@pytest.mark.parametrize("n", [1, 30])
def test_contribution_list_queries_do_not_grow(
    editor_client, archive_index, django_assert_num_queries, n
):
    for i in range(n):
        Contribution.objects.create(
            title=f"Souvenir {i}", story="…", full_name="A B", email="a@example.org"
        )
    with django_assert_num_queries(8):
        response = editor_client.get("/admin/snippets/archive/contribution/?status=received")
    html = response.content.decode()
    assert response.status_code == 200
    # Wagtail lists 20 snippets a page.
    assert sum(f"Souvenir {i}<" in html for i in range(n)) == min(n, 20)


def test_contribution_edit_view_offers_actions(editor_client, archive_index):
    contribution = contribution_create(data=contribution_data())

    html = editor_client.get(
        f"/admin/snippets/archive/contribution/edit/{contribution.pk}/"
    ).content.decode()

    assert "Refuser avec un message" in html
    assert f"/admin/pages/{contribution.item.pk}/edit/" in html


def test_decline_mails_the_message_and_leaves_moderation(
    editor_client, archive_index, django_capture_on_commit_callbacks
):
    contribution = contribution_create(data=contribution_data())
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            f"/admin/archive/contributions/{contribution.pk}/refuser/",
            {"message": "La photo est trop floue pour être publiée."},
        )

    assert response.status_code == 302
    contribution.refresh_from_db()
    assert contribution.status == ContributionStatus.DECLINED
    assert not WorkflowState.objects.active().for_instance(contribution.item).exists()
    [message] = mail.outbox
    assert "trop floue" in message.body
    assert message.to == ["jeannine.dupont@example.org"]


def test_decline_requires_a_message_in_french(editor_client, archive_index):
    contribution = contribution_create(data=contribution_data())

    response = editor_client.post(f"/admin/archive/contributions/{contribution.pk}/refuser/", {})

    assert response.status_code == 200
    assert "Champ requis." in response.content.decode()


def test_editor_withdraws_on_request(editor_client, archive_index):
    contribution = contribution_create(data=contribution_data())

    response = editor_client.post(f"/admin/archive/contributions/{contribution.pk}/retirer/")

    assert response.status_code == 302
    assert not Contribution.objects.exists()
    assert Withdrawal.objects.get().initiated_by == "editor"


def test_request_changes_in_workflow_mails_contributor(
    archive_index, editor, django_capture_on_commit_callbacks
):
    contribution = contribution_create(data=contribution_data())
    mail.outbox.clear()
    state = WorkflowState.objects.active().for_instance(contribution.item).get()
    task_state = state.current_task_state

    with django_capture_on_commit_callbacks(execute=True):
        task_state.task.specific.on_action(
            task_state, editor, "reject", comment="Pouvez-vous préciser l'année ?"
        )

    contribution.refresh_from_db()
    assert contribution.status == ContributionStatus.CHANGES_REQUESTED
    assert contribution.editor_message == "Pouvez-vous préciser l'année ?"
    [message] = [m for m in mail.outbox if m.to == ["jeannine.dupont@example.org"]]
    assert "préciser l'année" in message.body


def test_contributor_edit_after_changes_requested_resumes_review(archive_index, editor):
    contribution = contribution_create(data=contribution_data())
    state = WorkflowState.objects.active().for_instance(contribution.item).get()
    state.current_task_state.task.specific.on_action(
        state.current_task_state, editor, "reject", comment="L'année ?"
    )
    contribution.refresh_from_db()

    contribution_update(contribution=contribution, data={"date_label": "1962"})

    contribution.refresh_from_db()
    assert contribution.status == ContributionStatus.IN_REVIEW
    state = WorkflowState.objects.active().for_instance(contribution.item).get()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS


def test_resident_additions_listed_for_review(editor_client, archive_index):
    item = ArchiveItemPageFactory(parent=archive_index)
    ResidentAddition.objects.create(item=item, comment="C'est Marcel", credit_name="Paul W.")

    html = editor_client.get("/admin/snippets/archive/residentaddition/").content.decode()

    assert "Paul W." in html
    assert "1 complément à relire" in editor_client.get("/admin/").content.decode()
