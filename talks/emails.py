"""E-mails to the speakers, in French in ``talks/templates/talks/email/``.

Services queue them inside their own transaction (``outbox.services.mail_queue``); the builders
run at sending time and read the rows afresh: a talk withdrawn in between, its contact erased,
is not mailed about."""

from __future__ import annotations

from functools import partial

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.links import site_root
from outbox.messages import message_from_template
from outbox.services import mail_builder, mail_queue
from talks.links import talk_speaker_token, talk_speaker_url
from talks.models import RemarkStatus, Talk, TalkContact, TalkStatus, TownAnswer

_message = partial(message_from_template, folder="talks/email")


def _contact(talk_id: int) -> TalkContact | None:
    return TalkContact.objects.filter(talk_id=talk_id).select_related("talk__evening").first()


# The call — the proposal received, the invitation, the team's decision ------------------------


def call_received_mail_queue(*, talk: Talk, site_url: str | None = None) -> None:
    """The « bien reçu » mail with the speaker's private link; once per talk."""
    mail_queue(
        builder=call_received_mail,
        object_id=talk.pk,
        payload={"site_root": site_root(site_url)},
        key=f"talks.call.received:{talk.pk}",
    )


@mail_builder
def call_received_mail(*, object_id: int, payload: dict) -> EmailMessage | None:
    contact = _contact(object_id)
    if contact is None or contact.talk.status == TalkStatus.WITHDRAWN:
        return None
    with translation.override(settings.LANGUAGE_CODE):
        return _message(
            template="call_received",
            subject=_("Ch'ti TAIDx : votre proposition d'intervention est bien reçue"),
            to=contact.email,
            context={
                "talk": contact.talk,
                "contact": contact,
                "speaker_url": talk_speaker_url(
                    talk=contact.talk, site_url=payload.get("site_root")
                ),
            },
        )


def call_invitation_mail_queue(*, talk: Talk, message: str, site_url: str | None = None) -> None:
    """The town's invitation, with the team's message and the private link; once per talk."""
    mail_queue(
        builder=call_invitation_mail,
        object_id=talk.pk,
        payload={"site_root": site_root(site_url), "message": message},
        key=f"talks.call.invitation:{talk.pk}",
    )


@mail_builder
def call_invitation_mail(*, object_id: int, payload: dict) -> EmailMessage | None:
    contact = _contact(object_id)
    if contact is None or contact.talk.status == TalkStatus.WITHDRAWN:
        return None
    with translation.override(settings.LANGUAGE_CODE):
        return _message(
            template="call_invitation",
            subject=_("La ville vous invite à prendre la parole au Ch'ti TAIDx"),
            to=contact.email,
            context={
                "talk": contact.talk,
                "contact": contact,
                "message": payload.get("message", ""),
                "speaker_url": talk_speaker_url(
                    talk=contact.talk, site_url=payload.get("site_root")
                ),
            },
        )


def call_decision_mail_queue(*, talk: Talk, site_url: str | None = None) -> None:
    """The team's decision on a proposal, with its reason: once, whatever happens after."""
    mail_queue(
        builder=call_decision_mail,
        object_id=talk.pk,
        payload={"site_root": site_root(site_url)},
        key=f"talks.call.decision:{talk.pk}",
    )


@mail_builder
def call_decision_mail(*, object_id: int, payload: dict) -> EmailMessage | None:
    contact = _contact(object_id)
    if contact is None or contact.talk.status not in (TalkStatus.ACCEPTED, TalkStatus.DECLINED):
        return None
    talk = contact.talk
    with translation.override(settings.LANGUAGE_CODE):
        return _message(
            template="call_decision",
            subject=_("Ch'ti TAIDx : votre intervention « %(title)s » — %(status)s")
            % {"title": talk.title, "status": talk.get_status_display()},
            to=contact.email,
            context={
                "talk": talk,
                "contact": contact,
                "accepted": talk.status == TalkStatus.ACCEPTED,
                "speaker_url": talk_speaker_url(talk=talk, site_url=payload.get("site_root")),
            },
        )


# The evaluation: the town answered (eval) ---------------------------------------------------


def town_answer_mail_queue(*, answer: TownAnswer, site_url: str | None = None) -> None:
    """Tell the speaker the town answered their evaluation, once the transaction commits; once
    per answer, so correcting the answer does not mail again."""
    mail_queue(
        builder=town_answer_mail,
        object_id=answer.pk,
        payload={"site_root": site_root(site_url)},
        key=f"talks.evaluation.answered:{answer.pk}",
    )


@mail_builder
def town_answer_mail(*, object_id: int, payload: dict) -> EmailMessage | None:
    answer = (
        TownAnswer.objects.filter(pk=object_id).select_related("evaluation__talk__evening").first()
    )
    if answer is None:
        return None
    talk = answer.evaluation.talk
    contact = _contact(talk.pk)
    if contact is None or talk.status == TalkStatus.WITHDRAWN:
        return None
    site = payload.get("site_root")
    with translation.override(settings.LANGUAGE_CODE):
        return _message(
            template="evaluation_answered",
            subject=_("La ville a répondu à votre évaluation du Ch'ti TAIDx"),
            to=contact.email,
            context={
                "talk": talk,
                "contact": contact,
                "answer": answer,
                "evaluate_url": f"{site_root(site)}"
                f"{reverse('talks:evaluate', kwargs={'token': talk_speaker_token(talk=talk)})}",
                "changes_url": f"{site_root(site)}{reverse('talks:changes_asked')}",
            },
        )


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
