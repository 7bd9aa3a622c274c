"""The outbox: after commit, retried with a growing wait, never twice, given up at the cap."""

import datetime
import socket

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from archive.contributions.additions import addition_review
from archive.contributions.emails import contribution_mail_queue
from archive.contributions.services import contribution_decline
from archive.models import Contribution
from outbox.models import MailStatus, OutgoingMail
from outbox.sending import FIRST_RETRY, MAX_ATTEMPTS, SENDING_LEASE, mail_send, mails_retry
from tests.factories.archive import (
    ArchiveItemPageFactory,
    contribution_data,
    contribution_form,
)

pytestmark = pytest.mark.django_db

REFUSING = "tests.mail_backends.RefusingSMTPBackend"
LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


def closed_port() -> int:
    """A local port nobody listens on: connecting to it is refused, as a mail server down."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_down(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = closed_port()
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 2
    return settings


def _contribution(**fields) -> Contribution:
    return Contribution.objects.create(
        **{k: v for k, v in contribution_data(**fields).items() if k != "themes"}
    )


def _later(delta: datetime.timedelta) -> None:
    """The clock moves on: every mail waiting for a retry is due ``delta`` earlier."""
    for row in OutgoingMail.objects.all():
        row.next_attempt_at -= delta
        row.save(update_fields=["next_attempt_at"])


def test_mail_in_a_transaction_that_rolls_back_is_never_sent(
    archive_index, django_capture_on_commit_callbacks, capsys
):
    contribution = _contribution()

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        contribution_decline(contribution=contribution, message="Trop flou.")
        raise RuntimeError("the admin view failed after the decision")
    _later(datetime.timedelta(days=1))
    call_command("run_periodic_jobs")

    assert mail.outbox == []
    assert not OutgoingMail.objects.exists()


def test_mail_goes_only_once_the_transaction_commits(
    archive_index, django_capture_on_commit_callbacks
):
    contribution = _contribution()

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        contribution_decline(contribution=contribution, message="Trop flou.")
        assert mail.outbox == []  # decided, not yet committed
    for callback in callbacks:
        callback()

    [message] = mail.outbox
    assert "Trop flou." in message.body


def test_smtp_down_keeps_the_contribution_and_mails_the_link_at_the_next_run(
    client, archive_index, smtp_down, django_capture_on_commit_callbacks, capsys
):
    form = contribution_form()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/contribuer/", form)

    assert response.status_code == 302
    contribution = Contribution.objects.get()
    assert contribution.title == "Le bal de la fanfare"
    [queued] = OutgoingMail.objects.all()
    assert queued.status == MailStatus.PENDING
    assert queued.attempts == 1
    assert "Connection refused" in queued.last_error or "Errno" in queued.last_error
    thanks = client.get(response["Location"]).content.decode()
    assert "/contribuer/suivi/" in thanks  # the link is not lost meanwhile

    smtp_down.EMAIL_BACKEND = LOCMEM  # the mail server is back
    call_command("run_periodic_jobs")
    assert mail.outbox == []  # too soon: the retry waits its turn
    _later(FIRST_RETRY)
    call_command("run_periodic_jobs")
    call_command("run_periodic_jobs")

    [message] = mail.outbox  # once, however many runs
    assert message.to == ["jeannine@example.org"]
    assert "/contribuer/suivi/" in message.body
    assert OutgoingMail.objects.get().status == MailStatus.SENT


def test_a_mail_is_retried_with_growing_waits_then_given_up(
    archive_index, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = REFUSING
    with django_capture_on_commit_callbacks(execute=True):
        contribution_decline(contribution=_contribution(), message="Trop flou.")
    now = timezone.now()

    waits = []
    for _attempt in range(MAX_ATTEMPTS + 2):
        row = OutgoingMail.objects.get()
        if row.status != MailStatus.PENDING:
            break
        waits.append(row.next_attempt_at - now)
        now = row.next_attempt_at
        mails_retry(now=now)

    row = OutgoingMail.objects.get()
    assert row.status == MailStatus.FAILED
    assert row.attempts == MAX_ATTEMPTS
    assert "SMTPServerDisconnected" in row.last_error  # the reason, for the team
    assert FIRST_RETRY - datetime.timedelta(seconds=5) < waits[0] <= FIRST_RETRY
    assert waits[1:4] == [2 * FIRST_RETRY, 4 * FIRST_RETRY, 8 * FIRST_RETRY]
    settings.EMAIL_BACKEND = LOCMEM
    mails_retry(now=now + datetime.timedelta(days=1))
    assert mail.outbox == []  # past the cap, nobody sends it any more
    mails_retry(now=now + datetime.timedelta(days=31))
    assert not OutgoingMail.objects.exists()  # nor is it kept for ever


def test_a_mail_being_sent_elsewhere_is_not_sent_again_until_its_lease_ends(
    archive_index, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = REFUSING
    with django_capture_on_commit_callbacks(execute=True):
        contribution_decline(contribution=_contribution(), message="Trop flou.")
    settings.EMAIL_BACKEND = LOCMEM
    row = OutgoingMail.objects.get()
    claimed_at = row.next_attempt_at
    OutgoingMail.objects.filter(pk=row.pk).update(status=MailStatus.SENDING, claimed_at=claimed_at)

    assert mails_retry(now=claimed_at + datetime.timedelta(minutes=1)) == 0
    assert mail_send(mail_id=row.pk, now=claimed_at) == MailStatus.SENDING
    assert mail.outbox == []
    assert mails_retry(now=claimed_at + SENDING_LEASE + datetime.timedelta(minutes=1)) == 1
    assert len(mail.outbox) == 1


def test_the_thank_you_mail_goes_once_even_if_queued_again(
    archive_index, django_capture_on_commit_callbacks
):
    contribution = _contribution()
    with django_capture_on_commit_callbacks(execute=True):
        contribution_mail_queue(contribution=contribution, template="received")
        contribution_mail_queue(contribution=contribution, template="received")
    with django_capture_on_commit_callbacks(execute=True):
        contribution_mail_queue(contribution=contribution, template="received")
    _later(datetime.timedelta(days=1))
    mails_retry()

    assert len(mail.outbox) == 1


def test_a_mail_about_a_withdrawn_contribution_is_not_sent(
    archive_index, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = REFUSING
    contribution = _contribution()
    with django_capture_on_commit_callbacks(execute=True):
        contribution_decline(contribution=contribution, message="Trop flou.")
    contribution.delete()  # withdrawn: the personal data is gone
    settings.EMAIL_BACKEND = LOCMEM
    _later(datetime.timedelta(days=1))

    mails_retry()

    assert mail.outbox == []
    assert OutgoingMail.objects.get().status == MailStatus.DROPPED


def test_resident_told_once_per_decision_after_commit(
    archive_index, django_capture_on_commit_callbacks
):
    item = ArchiveItemPageFactory(parent=archive_index)
    item.save_revision().publish()
    addition = item.additions.create(comment="C'est mon oncle.", credit_name="Paul", email="p@x.fr")

    with django_capture_on_commit_callbacks(execute=True):
        addition_review(addition=addition, publish=True)
        addition_review(addition=addition, publish=True)

    assert [m.to for m in mail.outbox] == [["p@x.fr"]]
