"""Sending queued e-mail: claimed before sending, so the worker and the periodic retry never
both send it; a failure is recorded and ``mails_retry`` (the periodic jobs) tries again with a
growing wait, up to ``MAX_ATTEMPTS``, after which the mail is left ``failed`` with its reason
for the team."""

from __future__ import annotations

import datetime
import logging

from django.core.mail import EmailMessage
from django.utils import timezone
from django.utils.module_loading import import_string

from core.background import retry_wait
from outbox.models import MailStatus, OutgoingMail

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
# The periodic jobs run every five minutes: the first retry comes at the next run, then the
# waits double (4 min, 8, 16… up to 6 h), about a day in all before giving up.
FIRST_RETRY = datetime.timedelta(minutes=4)
LONGEST_WAIT = datetime.timedelta(hours=6)
# A send claimed this long ago and never finished was cut short (worker killed): try again.
SENDING_LEASE = datetime.timedelta(minutes=30)
# Sent (without their payload) and abandoned mails are kept this long for the team to see.
KEEP_SENT = datetime.timedelta(days=30)


def mail_message(*, mail: OutgoingMail) -> EmailMessage | None:
    """The message ``mail`` stands for, written now; ``None``: nothing to send any more."""
    builder = import_string(mail.builder)
    if not getattr(builder, "is_mail_builder", False):
        raise ValueError(f"{mail.builder} n'est pas un courriel connu")
    return builder(object_id=mail.object_id, payload=mail.payload)


def mail_send(*, mail_id: int, now: datetime.datetime | None = None) -> str:
    """Send one queued mail if nobody else is; returns its status afterwards."""
    now = now or timezone.now()
    claimed = OutgoingMail.objects.filter(pk=mail_id, status=MailStatus.PENDING).update(
        status=MailStatus.SENDING, claimed_at=now
    )
    mail = OutgoingMail.objects.filter(pk=mail_id).first()
    if mail is None:
        return "missing"
    if not claimed:
        return mail.status
    try:
        message = mail_message(mail=mail)
        if message is not None:
            message.send()
    except Exception as error:
        mail.attempts += 1
        mail.last_error = f"{type(error).__name__}: {error}"[:2000]
        if mail.attempts >= MAX_ATTEMPTS:
            mail.status = MailStatus.FAILED
            logger.error("Courriel %s abandonné après %s essais", mail.pk, mail.attempts)
        else:
            mail.status = MailStatus.PENDING
            mail.next_attempt_at = now + retry_wait(
                mail.attempts, first=FIRST_RETRY, longest=LONGEST_WAIT
            )
            logger.warning("Courriel %s non envoyé, nouvel essai prévu", mail.pk, exc_info=True)
        mail.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])
        return mail.status
    mail.status = MailStatus.SENT if message is not None else MailStatus.DROPPED
    mail.sent_at = now
    mail.payload = {}
    mail.last_error = ""
    mail.save(update_fields=["status", "sent_at", "payload", "last_error"])
    return mail.status


def mails_retry(*, now: datetime.datetime | None = None, limit: int = 200) -> int:
    """Send the mails whose turn has come again; returns how many went out."""
    now = now or timezone.now()
    OutgoingMail.objects.filter(
        status=MailStatus.SENDING, claimed_at__lt=now - SENDING_LEASE
    ).update(status=MailStatus.PENDING)
    OutgoingMail.objects.filter(
        status__in=[MailStatus.SENT, MailStatus.DROPPED], sent_at__lt=now - KEEP_SENT
    ).delete()
    # Given up long ago: a « renvoyer mes liens » row still holds the address typed.
    OutgoingMail.objects.filter(status=MailStatus.FAILED, created_at__lt=now - KEEP_SENT).delete()
    due = OutgoingMail.objects.filter(status=MailStatus.PENDING, next_attempt_at__lte=now).order_by(
        "next_attempt_at", "pk"
    )
    sent = 0
    for mail_id in list(due.values_list("pk", flat=True)[:limit]):
        sent += mail_send(mail_id=mail_id, now=now) == MailStatus.SENT
    return sent
