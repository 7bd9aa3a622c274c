"""E-mails to a project's carriers, in French in ``projects/templates/projects/email/``.

Queued through the outbox inside the caller's transaction and sent once it commits; the
builders run at sending time and read the rows afresh: a project withdrawn in between (its
contact erased) is not mailed about."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from core.links import site_root
from outbox.services import mail_builder, mail_queue
from projects.links import project_follow_url
from projects.models import Decision

# The town's answers


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
    decision = (
        Decision.objects.filter(pk=object_id).select_related("project", "project__contact").first()
    )
    contact = getattr(decision.project, "contact", None) if decision else None
    if decision is None or contact is None or not contact.email:
        return None
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "decision": decision,
            "project": decision.project,
            "contact": contact,
            "follow_url": project_follow_url(
                project=decision.project, site_url=payload.get("site_root")
            ),
        }
        return EmailMessage(
            subject=_("Votre projet « %(title)s » : %(status)s")
            % {"title": decision.project.title, "status": decision.get_status_display()},
            body=render_to_string("projects/email/decision.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[contact.email],
        )
