"""E-mails to a project's carriers, in French in ``projects/templates/projects/email/``.

Services queue them inside their own transaction (``outbox.services.mail_queue``); the
builders run at sending time and read the rows afresh: a project withdrawn in between, its
contact erased, is not mailed about."""

from __future__ import annotations

from functools import partial

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils import translation
from django.utils.translation import gettext as _

from core.links import site_root
from outbox.messages import message_from_template
from outbox.services import mail_builder, mail_queue
from projects.links import project_confirm_url, project_follow_url
from projects.models import Decision, Project, ProjectContact

_message = partial(message_from_template, folder="projects/email")


def _contact(project_id: int) -> ProjectContact | None:
    return ProjectContact.objects.filter(project_id=project_id).select_related("project").first()


# The proposal --------------------------------------------------------------------------------


def proposal_mail_queue(*, project: Project, site_url: str | None = None) -> None:
    """The « bien reçu » mail with the private link that confirms the address; once."""
    mail_queue(
        builder=proposal_mail,
        object_id=project.pk,
        payload={"site_root": site_root(site_url)},
        key=f"projects.proposal.received:{project.pk}",
    )


@mail_builder
def proposal_mail(*, object_id: int, payload: dict) -> EmailMessage | None:
    contact = _contact(object_id)
    if contact is None:
        return None
    project = contact.project
    site = payload.get("site_root")
    with translation.override(settings.LANGUAGE_CODE):
        return _message(
            template="proposal_received",
            subject=_("Confirmez votre proposition de projet fifty-fifty"),
            to=contact.email,
            context={
                "project": project,
                "contact": contact,
                "confirm_url": project_confirm_url(project=project, site_url=site),
                "follow_url": project_follow_url(project=project, site_url=site),
            },
        )


# The town's answers --------------------------------------------------------------------------


def decision_mail_queue(*, decision: Decision, site_url: str | None = None) -> None:
    """Tell the proposer about the town's decision once the caller's transaction commits."""
    mail_queue(
        builder=decision_mail,
        object_id=decision.pk,
        payload={"site_root": site_root(site_url)},
        key=f"projects.decision:{decision.pk}",
    )


@mail_builder
def decision_mail(*, object_id: int, payload: dict) -> EmailMessage | None:
    decision = Decision.objects.filter(pk=object_id).first()
    contact = _contact(decision.project_id) if decision else None
    if contact is None or not contact.email:
        return None
    with translation.override(settings.LANGUAGE_CODE):
        return _message(
            template="decision",
            subject=_("Votre projet « %(title)s » : %(status)s")
            % {"title": contact.project.title, "status": decision.get_status_display()},
            to=contact.email,
            context={
                "decision": decision,
                "project": contact.project,
                "contact": contact,
                "follow_url": project_follow_url(
                    project=contact.project, site_url=payload.get("site_root")
                ),
            },
        )
