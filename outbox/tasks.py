"""The worker's side of the outbox: a thin wrapper around ``outbox.services.mail_send``."""

from django_tasks import task


@task()
def send_queued_mail(mail_id: int) -> str:
    from outbox.services import mail_send

    return mail_send(mail_id=mail_id)
