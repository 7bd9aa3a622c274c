"""Queueing e-mail so that none is lost and none goes twice.

``mail_queue`` records the mail in the caller's transaction and hands it to the task queue
once that transaction commits: a mail about something rolled back is never sent, and a
request never waits on (nor fails because of) the mail server. The worker's side — sending,
retrying, giving up — is ``outbox.sending``."""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable

from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from outbox.models import OutgoingMail
from outbox.tasks import send_queued_mail

logger = logging.getLogger(__name__)

Builder = Callable[..., EmailMessage | None]

# The queued task normally sends within seconds; the periodic retry leaves it this long.
QUEUE_GRACE = datetime.timedelta(minutes=5)


def mail_builder(function: Builder) -> Builder:
    """Mark a function ``(*, object_id, payload) -> EmailMessage | None`` as one the outbox
    may call: only marked functions are, whatever a row says. ``None`` means there is
    nothing to send any more (the object was withdrawn or erased)."""
    function.is_mail_builder = True
    return function


def _builder_path(builder: Builder) -> str:
    if not getattr(builder, "is_mail_builder", False):
        raise ValueError(f"{builder!r} n'est pas marqué @mail_builder")
    return f"{builder.__module__}.{builder.__qualname__}"


def mail_queue(
    *,
    builder: Builder,
    object_id: int | None = None,
    payload: dict | None = None,
    key: str | None = None,
    now: datetime.datetime | None = None,
) -> OutgoingMail:
    """Record a mail and send it once the current transaction commits (at once outside one).

    With ``key``, a mail already queued under that key is returned and nothing is added."""
    now = now or timezone.now()
    fields = {
        "builder": _builder_path(builder),
        "object_id": object_id,
        "payload": payload or {},
        "next_attempt_at": now + QUEUE_GRACE,
    }
    if key is None:
        mail = OutgoingMail.objects.create(**fields)
    else:
        mail, created = OutgoingMail.objects.get_or_create(key=key, defaults=fields)
        if not created:
            return mail
    mail_id = mail.pk
    transaction.on_commit(lambda: _enqueue(mail_id), robust=True)
    return mail


def _enqueue(mail_id: int) -> None:
    try:
        send_queued_mail.enqueue(mail_id)
    except Exception:
        # The queue itself is down: the row waits for the periodic retry.
        logger.exception("Courriel %s non confié à la file de tâches", mail_id)
