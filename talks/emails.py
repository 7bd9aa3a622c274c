"""E-mails to the speakers, in French in ``talks/templates/talks/email/``.

Services queue them inside their own transaction (``outbox.services.mail_queue``); the builders
run at sending time and read the rows afresh: a talk withdrawn in between, its contact erased,
is not mailed about."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string

from talks.models import TalkContact


def _message(*, template: str, subject: str, to: str, context: dict) -> EmailMessage:
    return EmailMessage(
        subject=subject,
        body=render_to_string(f"talks/email/{template}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
    )


def _contact(talk_id: int) -> TalkContact | None:
    return TalkContact.objects.filter(talk_id=talk_id).select_related("talk__evening").first()
