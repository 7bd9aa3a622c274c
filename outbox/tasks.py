"""The worker's side of the outbox: a thin wrapper around ``outbox.sending.mail_send``."""

from django_tasks import task

from outbox.sending import mail_send


@task()
def send_queued_mail(mail_id: int) -> str:
    return mail_send(mail_id=mail_id)
