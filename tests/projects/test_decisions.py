import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from outbox.models import OutgoingMail
from projects.decisions import project_decide
from projects.models import Decision, ProjectStatus
from tests.factories.projects import ProjectContactFactory, ProjectFactory

pytestmark = pytest.mark.django_db

ANSWER = "Le projet répond à un vrai besoin ; les espaces verts prêtent le matériel."


@pytest.mark.parametrize(
    "status",
    [
        ProjectStatus.IN_STUDY,
        ProjectStatus.ACCEPTED,
        ProjectStatus.ACCEPTED_WITH_CHANGES,
        ProjectStatus.DECLINED,
    ],
)
def test_decision_writes_history_and_queues_one_mail(status):
    project = ProjectContactFactory().project

    decision = project_decide(project=project, status=status, answer=ANSWER, user=None)

    project.refresh_from_db()
    assert project.status == status
    assert list(project.decisions.values_list("status", "answer")) == [(status, ANSWER)]
    assert OutgoingMail.objects.count() == 1
    assert OutgoingMail.objects.get().object_id == decision.pk


def test_decision_mail_carries_the_answer_and_the_follow_link(django_capture_on_commit_callbacks):
    contact = ProjectContactFactory(project__title="Une haie rue Basly")

    with django_capture_on_commit_callbacks(execute=True):
        project_decide(
            project=contact.project, status=ProjectStatus.DECLINED, answer=ANSWER, user=None
        )

    [message] = mail.outbox
    assert message.to == [contact.email]
    assert message.subject == "Votre projet « Une haie rue Basly » : Non retenue"
    assert ANSWER in message.body
    assert "/suivi/" in message.body


def test_decision_without_answer_is_refused_in_french():
    project = ProjectFactory()

    with pytest.raises(ValidationError) as error:
        project_decide(project=project, status=ProjectStatus.ACCEPTED, answer="  ", user=None)

    assert "Écrivez la réponse publique" in error.value.message_dict["answer"][0]
    project.refresh_from_db()
    assert project.status == ProjectStatus.RECEIVED
    assert Decision.objects.count() == 0
    assert OutgoingMail.objects.count() == 0


def test_running_only_once_agreed_and_completed_only_once_running():
    project = ProjectFactory(status=ProjectStatus.ACCEPTED)

    with pytest.raises(ValidationError):
        project_decide(project=project, status=ProjectStatus.RUNNING, answer=ANSWER, user=None)
    with pytest.raises(ValidationError):
        project_decide(project=project, status=ProjectStatus.COMPLETED, answer=ANSWER, user=None)

    project.status = ProjectStatus.AGREED
    project.save()
    project_decide(project=project, status=ProjectStatus.RUNNING, answer="Ça démarre.", user=None)
    project_decide(project=project, status=ProjectStatus.COMPLETED, answer="Bravo.", user=None)

    project.refresh_from_db()
    assert project.status == ProjectStatus.COMPLETED
    assert project.completed_at is not None
    assert list(project.decisions.values_list("status", flat=True)) == [
        ProjectStatus.RUNNING,
        ProjectStatus.COMPLETED,
    ]


def test_unconfirmed_proposal_cannot_be_answered():
    project = ProjectFactory(status=ProjectStatus.UNCONFIRMED)

    with pytest.raises(ValidationError) as error:
        project_decide(project=project, status=ProjectStatus.ACCEPTED, answer=ANSWER, user=None)

    assert "status" in error.value.message_dict


def test_mail_not_sent_once_contact_erased(django_capture_on_commit_callbacks):
    project = ProjectFactory()

    with django_capture_on_commit_callbacks(execute=True):
        project_decide(project=project, status=ProjectStatus.IN_STUDY, answer=ANSWER, user=None)

    assert mail.outbox == []
