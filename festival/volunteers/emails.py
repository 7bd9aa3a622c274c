"""E-mails to volunteers, written in French in templates under
``festival/templates/festival/volunteers/emails/`` (``<name>_subject.txt`` and ``<name>.txt``).

Confirmations, promotions and reminders go through ``outbox`` (after commit, retried when the
mail server fails); a coordinator's message is sent while they wait, so they see at once
whether it left."""

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.utils import translation

from festival.volunteers.links import confirm_url, my_shifts_url
from festival.volunteers.models import Shift, Signup, SignupStatus, Volunteer
from outbox.services import mail_builder, mail_queue


def _message(name: str, *, to: str, context: dict, reply_to: str = "") -> EmailMessage:
    # Volunteers read French, whatever language the coordinator's admin is in.
    with translation.override(settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string(f"{name}_subject.txt", context).split())
        body = render_to_string(f"{name}.txt", context)
    return EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        reply_to=[reply_to] if reply_to else None,
    )


def _template(name: str) -> str:
    return f"festival/volunteers/emails/{name}"


def confirmation_mail_queue(*, volunteer: Volunteer, site_root: str) -> None:
    """The confirmation link, mailed once the caller's transaction commits (and again later
    if the mail server fails)."""
    mail_queue(builder=confirmation_mail, object_id=volunteer.pk, payload={"site_root": site_root})


def promoted_mail_queue(*, signup: Signup, site_root: str) -> None:
    mail_queue(
        builder=promoted_mail,
        object_id=signup.pk,
        payload={"site_root": site_root},
        key=f"festival.volunteers.promoted:{signup.pk}:{signup.promoted_at:%Y%m%d%H%M%S%f}",
    )


def _unconfirmed(volunteer: Volunteer) -> list[Signup]:
    return list(
        volunteer.signups.awaiting_confirmation().select_related("shift__role", "shift__venue")
    )


def volunteer_links(*, volunteer: Volunteer, site_root: str) -> dict:
    """A volunteer's private links for « Renvoyer mes liens »: « mes créneaux » always, the
    confirmation link while something waits to be confirmed."""
    return {
        "volunteer": volunteer,
        # The archive's « Renvoyer mes liens » mail names it so (archive/emails.py).
        "edition": volunteer.occasion,
        "my_shifts_url": my_shifts_url(volunteer, site_root=site_root),
        "confirm_url": confirm_url(volunteer, site_root=site_root)
        if _unconfirmed(volunteer)
        else "",
    }


@mail_builder
def confirmation_mail(*, object_id: int, payload: dict) -> EmailMessage | None:
    volunteer = (
        Volunteer.objects.filter(pk=object_id)
        .select_related("edition", "work_day__project")
        .first()
    )
    if volunteer is None or not volunteer.email:
        return None
    signups = _unconfirmed(volunteer)
    if not signups:
        return None  # confirmed (or expired) since: nothing left to confirm
    site_root = payload["site_root"]
    return _message(
        _template("confirmation"),
        to=volunteer.email,
        context={
            "volunteer": volunteer,
            "occasion": volunteer.occasion,
            "signups": signups,
            "confirm_url": confirm_url(volunteer, site_root=site_root),
            "my_shifts_url": my_shifts_url(volunteer, site_root=site_root),
            "hold_hours": settings.VOLUNTEER_HOLD_HOURS,
        },
    )


def _confirmed_signup_mail(name: str, *, signup_id: int, site_root: str) -> EmailMessage | None:
    """Mail ``name`` about a place the volunteer holds, read afresh when it leaves: a sign-up
    cancelled or erased since is not mailed about."""
    signup = (
        Signup.objects.filter(pk=signup_id, status=SignupStatus.CONFIRMED)
        .select_related("volunteer", "shift__role", "shift__venue")
        .first()
    )
    if signup is None or not signup.volunteer.email:
        return None
    return _message(
        _template(name),
        to=signup.volunteer.email,
        context={
            "volunteer": signup.volunteer,
            "shift": signup.shift,
            "my_shifts_url": my_shifts_url(signup.volunteer, site_root=site_root),
        },
    )


@mail_builder
def promoted_mail(*, object_id: int, payload: dict) -> EmailMessage | None:
    return _confirmed_signup_mail("promoted", signup_id=object_id, site_root=payload["site_root"])


def reminder_mail_queue(*, signup_id: int, site_root: str) -> None:
    """The reminder before a shift, once per sign-up (``reminders_send`` claims it first)."""
    mail_queue(
        builder=reminder_mail,
        object_id=signup_id,
        payload={"site_root": site_root},
        key=f"festival.volunteers.reminder:{signup_id}",
    )


@mail_builder
def reminder_mail(*, object_id: int, payload: dict) -> EmailMessage | None:
    return _confirmed_signup_mail("reminder", signup_id=object_id, site_root=payload["site_root"])


def send_shift_message(
    *, shift: Shift, volunteers: list[Volunteer], subject: str, body: str, reply_to: str = ""
) -> int:
    messages = []
    for volunteer in volunteers:
        message = _message(
            _template("shift_message"),
            to=volunteer.email,
            context={"volunteer": volunteer, "shift": shift, "subject": subject, "body": body},
            reply_to=reply_to,
        )
        messages.append(message)
    if not messages:
        return 0
    with get_connection() as connection:
        return connection.send_messages(messages) or 0


def called_off_mail_queue(*, volunteer: Volunteer, occasion_title: str, day: str) -> None:
    """Tell someone the occasion they signed up for is called off. The payload carries what
    the mail says: the volunteer's rows are erased with the occasion before it leaves."""
    mail_queue(
        builder=called_off_mail,
        payload={
            "email": volunteer.email,
            "name": volunteer.name,
            "occasion": occasion_title,
            "day": day,
        },
    )


@mail_builder
def called_off_mail(*, object_id: None, payload: dict) -> EmailMessage | None:
    return _message(_template("called_off"), to=payload["email"], context=payload)
