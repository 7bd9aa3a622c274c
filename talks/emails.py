"""E-mails to the speakers, in French in ``talks/templates/talks/email/``.

Services queue them inside their own transaction (``outbox.services.mail_queue``); the builders
run at sending time and read the rows afresh: a talk withdrawn in between, its contact erased,
is not mailed about."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.links import site_root
from outbox.services import mail_builder, mail_queue
from talks.links import talk_speaker_token
from talks.models import RemarkStatus, Talk, TalkContact, TalkStatus


def _message(*, template: str, subject: str, to: str, context: dict) -> EmailMessage:
    return EmailMessage(
        subject=subject,
        body=render_to_string(f"talks/email/{template}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
    )


def _contact(talk_id: int) -> TalkContact | None:
    return TalkContact.objects.filter(talk_id=talk_id).select_related("talk__evening").first()


# The speaker's text (remarks of the « Accompagnement » helper) -------------------------------


def text_remarks_mail_queue(*, talk: Talk, site_url: str | None = None) -> None:
    """Tell the speaker that the helper left remarks on their text: one mail a day at most,
    listing what is still waiting for an answer when it is sent."""
    mail_queue(
        builder=text_remarks_mail,
        object_id=talk.pk,
        payload={"site_root": site_root(site_url)},
        key=f"talks.text.remarks:{talk.pk}:{timezone.localdate().isoformat()}",
    )


@mail_builder
def text_remarks_mail(*, object_id: int, payload: dict) -> EmailMessage | None:
    contact = _contact(object_id)
    if contact is None or contact.talk.status == TalkStatus.WITHDRAWN:
        return None
    talk = contact.talk
    remarks = list(talk.remarks.filter(status=RemarkStatus.OPEN).order_by("created_at", "pk"))
    if not remarks:
        return None
    token = talk_speaker_token(talk=talk)
    with translation.override(settings.LANGUAGE_CODE):
        return _message(
            template="text_remarks",
            subject=_("Des remarques sur votre texte pour le Ch'ti TAIDx"),
            to=contact.email,
            context={
                "talk": talk,
                "contact": contact,
                "remarks": remarks,
                "text_url": f"{site_root(payload.get('site_root'))}"
                f"{reverse('talks:text', kwargs={'token': token})}",
            },
        )
