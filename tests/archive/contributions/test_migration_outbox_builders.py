"""Mails queued before the contributions moved to their slice are still sent."""

import importlib

import pytest
from django.apps import apps
from django.utils import timezone

from archive.contributions.emails import contribution_mail
from outbox.models import OutgoingMail
from outbox.services import mail_queue

pytestmark = pytest.mark.django_db

migration = importlib.import_module(
    "archive.migrations.0008_outbox_builders_moved_to_contributions"
)


def test_queued_mails_follow_their_builder_and_back():
    queued = OutgoingMail.objects.create(
        builder="archive.emails.contribution_mail", next_attempt_at=timezone.now()
    )
    other = OutgoingMail.objects.create(
        builder="festival.volunteers.emails.signup_mail", next_attempt_at=timezone.now()
    )

    migration.forwards(apps, None)

    queued.refresh_from_db()
    other.refresh_from_db()
    assert queued.builder == "archive.contributions.emails.contribution_mail"
    assert other.builder == "festival.volunteers.emails.signup_mail"

    migration.backwards(apps, None)

    queued.refresh_from_db()
    assert queued.builder == "archive.emails.contribution_mail"


def test_the_new_path_is_the_one_the_outbox_writes():
    mail_queue(builder=contribution_mail, object_id=1, payload={"template": "received"})

    assert OutgoingMail.objects.get().builder == migration.NEW + "contribution_mail"
