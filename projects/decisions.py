"""The town's decisions on a project: each change of status is a public reasoned answer.

``project_decide`` is the one way a status changes in the admin: it checks the move is one the
town may make from where the project stands, writes the ``Decision`` (the public history) and
queues the proposer's e-mail, all in one transaction."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from projects.emails import decision_mail_queue
from projects.models import DECISION_STATUSES, Decision, Project, ProjectStatus

# Where the town may answer a proposal from: before the agreement, a decision can be revised.
ANSWERABLE_STATUSES = (ProjectStatus.RECEIVED, *DECISION_STATUSES)

# For each status the town can set, the statuses it can be set from.
ALLOWED_FROM: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(DECISION_STATUSES, ANSWERABLE_STATUSES),
    ProjectStatus.RUNNING: (ProjectStatus.AGREED,),
    ProjectStatus.COMPLETED: (ProjectStatus.RUNNING,),
}


def project_statuses_allowed(*, project: Project) -> list[str]:
    """The statuses the town may move ``project`` to now, in the order they are offered."""
    return [
        status
        for status, sources in ALLOWED_FROM.items()
        if project.status in sources and status != project.status
    ]


@transaction.atomic
def project_decide(*, project: Project, status: str, answer: str, user=None) -> Decision:
    """Move ``project`` to ``status`` with a public ``answer``; the proposer is told by e-mail.

    Raises ``ValidationError`` (on ``status`` or ``answer``) with a message for the team."""
    project = Project.objects.select_for_update().get(pk=project.pk)
    answer = (answer or "").strip()
    if status not in project_statuses_allowed(project=project):
        raise ValidationError(
            {
                "status": _(
                    "Le projet est « %(current)s » : il ne peut pas passer à « %(wanted)s »."
                )
                % {
                    "current": project.get_status_display(),
                    "wanted": ProjectStatus(status).label
                    if status in ProjectStatus.values
                    else status,
                }
            }
        )
    if not answer:
        raise ValidationError(
            {
                "answer": _(
                    "Écrivez la réponse publique : elle est publiée sur la page du projet et "
                    "envoyée aux porteurs. Dites pourquoi."
                )
            }
        )
    now = timezone.now()
    project.status = status
    fields = ["status", "updated_at"]
    if status == ProjectStatus.COMPLETED:
        project.completed_at = now
        fields.append("completed_at")
    project.save(update_fields=fields)
    decision = Decision.objects.create(
        project=project, status=status, answer=answer, decided_by=user
    )
    decision_mail_queue(decision=decision)
    return decision
