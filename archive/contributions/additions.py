"""« Vous reconnaissez quelqu'un ? »: what a visitor adds to an item, and the editor's
decision on it."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from archive.contributions import emails
from archive.contributions.models import AdditionStatus, ResidentAddition
from archive.models import ArchiveItemPage


def addition_create(*, item: ArchiveItemPage, data: dict) -> ResidentAddition:
    """« Vous reconnaissez quelqu'un ? » — stored for review, never shown before."""
    return ResidentAddition.objects.create(
        item=item,
        person_named=data.get("person_named", ""),
        date_label=data.get("date_label", ""),
        comment=data["comment"],
        credit_name=data["credit_name"],
        email=data.get("email", ""),
    )


def addition_review(*, addition: ResidentAddition, publish: bool, user=None) -> ResidentAddition:
    """An editor publishes (credited on the item) or declines a resident's addition.

    The decision goes to Wagtail's audit log, and the resident is told by e-mail when they
    left an address."""
    addition.status = AdditionStatus.PUBLISHED if publish else AdditionStatus.DECLINED
    addition.reviewed_at = timezone.now()
    with transaction.atomic():
        addition.save(update_fields=["status", "reviewed_at"])
        log(
            instance=addition,
            action="archive.addition.publish" if publish else "archive.addition.decline",
            user=user,
        )
        emails.addition_mail_queue(addition=addition, published=publish)
    return addition
