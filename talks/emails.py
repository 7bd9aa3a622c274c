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
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from core.links import site_root
from outbox.messages import message_from_template
from outbox.services import mail_builder, mail_queue
from talks.links import talk_speaker_token, talk_speaker_url
from talks.models import RemarkStatus, Talk, TalkContact, TalkStatus, TownAnswer

_message = partial(message_from_template, folder="talks/email")


def _contact(talk_id: int) -> TalkContact | None:
    return TalkContact.objects.filter(talk_id=talk_id).select_related("talk__evening").first()


def _standing_contact(talk_id: int) -> TalkContact | None:
    """Whom to mail about the talk, unless it was withdrawn (or its contact erased) since."""
    contact = _contact(talk_id)
    if contact is None or contact.talk.status == TalkStatus.WITHDRAWN:
        return None
    return contact


def _queue(builder, *, object_id: int, key: str, site_url: str | None, **payload) -> None:
    """Queue ``builder``'s mail once under ``key``, with the site's address for its links."""
    mail_queue(
        builder=builder,
        object_id=object_id,
        payload={"site_root": site_root(site_url), **payload},
        key=key,
    )


def _to_speaker(
    contact: TalkContact,
    *,
    template: str,
    subject: Promise,
    subject_values: dict | None = None,
    **context,
) -> EmailMessage:
    """The mail ``template`` to the talk's contact, written in the site's language whatever
    language the worker runs in: ``subject`` (lazy, with its ``subject_values``) too."""
    with translation.override(settings.LANGUAGE_CODE):
        return _message(
            template=template,
            subject=str(subject) % subject_values if subject_values else str(subject),
            to=contact.email,
            context={"talk": contact.talk, "contact": contact, **context},
        )


# The call — the proposal received, the invitation, the team's decision ------------------------


def call_received_mail_queue(*, talk: Talk, site_url: str | None = None) -> None:
    """The « bien reçu » mail with the speaker's private link; once per talk."""
    _queue(
        call_received_mail,
        object_id=talk.pk,
        key=f"talks.call.received:{talk.pk}",
        site_url=site_url,
    )


@mail_builder
def call_received_mail(*, object_id: int, payload: dict) -> EmailMessage | None:
    contact = _standing_contact(object_id)
    if contact is None:
        return None
    return _to_speaker(
        contact,
        template="call_received",
        subject=_("Ch'ti TAIDx : votre proposition d'intervention est bien reçue"),
        speaker_url=talk_speaker_url(talk=contact.talk, site_url=payload.get("site_root")),
    )


def call_invitation_mail_queue(*, talk: Talk, message: str, site_url: str | None = None) -> None:
    """The town's invitation, with the team's message and the private link; once per talk."""
    _queue(
        call_invitation_mail,
        object_id=talk.pk,
        key=f"talks.call.invitation:{talk.pk}",
        site_url=site_url,
        message=message,
    )


@mail_builder
def call_invitation_mail(*, object_id: int, payload: dict) -> EmailMessage | None:
    contact = _standing_contact(object_id)
    if contact is None:
        return None
    return _to_speaker(
        contact,
        template="call_invitation",
        subject=_("La ville vous invite à prendre la parole au Ch'ti TAIDx"),
        message=payload.get("message", ""),
        speaker_url=talk_speaker_url(talk=contact.talk, site_url=payload.get("site_root")),
    )


def call_decision_mail_queue(*, talk: Talk, site_url: str | None = None) -> None:
    """The team's decision on a proposal, with its reason: once, whatever happens after."""
    _queue(
        call_decision_mail,
        object_id=talk.pk,
        key=f"talks.call.decision:{talk.pk}",
        site_url=site_url,
    )


@mail_builder
def call_decision_mail(*, object_id: int, payload: dict) -> EmailMessage | None:
    contact = _contact(object_id)
    if contact is None or contact.talk.status not in (TalkStatus.ACCEPTED, TalkStatus.DECLINED):
        return None
    talk = contact.talk
    return _to_speaker(
        contact,
        template="call_decision",
        subject=_("Ch'ti TAIDx : votre intervention « %(title)s » — %(status)s"),
        subject_values={"title": talk.title, "status": TalkStatus(talk.status).label},
        accepted=talk.status == TalkStatus.ACCEPTED,
        speaker_url=talk_speaker_url(talk=talk, site_url=payload.get("site_root")),
    )


# The evaluation: the town answered (eval) ---------------------------------------------------


def town_answer_mail_queue(*, answer: TownAnswer, site_url: str | None = None) -> None:
    """Tell the speaker the town answered their evaluation, once the transaction commits; once
    per answer, so correcting the answer does not mail again."""
    _queue(
        town_answer_mail,
        object_id=answer.pk,
        key=f"talks.evaluation.answered:{answer.pk}",
        site_url=site_url,
    )


@mail_builder
def town_answer_mail(*, object_id: int, payload: dict) -> EmailMessage | None:
    answer = (
        TownAnswer.objects.filter(pk=object_id).select_related("evaluation__talk__evening").first()
    )
    if answer is None:
        return None
    talk = answer.evaluation.talk
    contact = _standing_contact(talk.pk)
    if contact is None:
        return None
    site = site_root(payload.get("site_root"))
    return _to_speaker(
        contact,
        template="evaluation_answered",
        subject=_("La ville a répondu à votre évaluation du Ch'ti TAIDx"),
        answer=answer,
        evaluate_url=f"{site}"
        f"{reverse('talks:evaluate', kwargs={'token': talk_speaker_token(talk=talk)})}",
        changes_url=f"{site}{reverse('talks:changes_asked')}",
    )


# The speaker's text (remarks of the « Accompagnement » helper) -------------------------------


def text_remarks_mail_queue(*, talk: Talk, site_url: str | None = None) -> None:
    """Tell the speaker that the helper left remarks on their text: one mail a day at most,
    listing what is still waiting for an answer when it is sent."""
    _queue(
        text_remarks_mail,
        object_id=talk.pk,
        key=f"talks.text.remarks:{talk.pk}:{timezone.localdate().isoformat()}",
        site_url=site_url,
    )


@mail_builder
def text_remarks_mail(*, object_id: int, payload: dict) -> EmailMessage | None:
    contact = _standing_contact(object_id)
    if contact is None:
        return None
    talk = contact.talk
    remarks = list(talk.remarks.filter(status=RemarkStatus.OPEN).order_by("created_at", "pk"))
    if not remarks:
        return None
    token = talk_speaker_token(talk=talk)
    return _to_speaker(
        contact,
        template="text_remarks",
        subject=_("Des remarques sur votre texte pour le Ch'ti TAIDx"),
        remarks=remarks,
        text_url=f"{site_root(payload.get('site_root'))}"
        f"{reverse('talks:text', kwargs={'token': token})}",
    )
