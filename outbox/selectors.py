from django.db.models import QuerySet

from outbox.models import MailStatus, OutgoingMail
from outbox.sending import mail_message


def mails_given_up() -> QuerySet[OutgoingMail]:
    """Sending failed too often to go on trying alone, newest first."""
    return OutgoingMail.objects.filter(status=MailStatus.FAILED).order_by("-created_at")


def mail_summary(mail: OutgoingMail) -> tuple[str, str]:
    """``(subject, recipients)`` of a mail as it would go now, for the team; empty when it
    cannot be written any more (the object is gone, or writing it is what fails)."""
    try:
        message = mail_message(mail=mail)
    except Exception:  # noqa: BLE001 - whatever broke the mail, the panel still shows the row
        return "", ""
    if message is None:
        return "", ""
    return message.subject, ", ".join(message.to)
