"""E-mails to volunteers, written in French in templates under
``festival/templates/festival/volunteers/emails/`` (``<name>_subject.txt`` and ``<name>.txt``)."""

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from festival.models import Shift, Signup, SignupStatus, Volunteer


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


def my_shifts_url(volunteer: Volunteer, site_root: str) -> str:
    from festival.volunteers.services import volunteer_link_token

    path = reverse("festival_volunteers:my_shifts", args=[volunteer_link_token(volunteer)])
    return f"{site_root}{path}"


def send_confirmation(*, volunteer: Volunteer, site_root: str) -> None:
    from festival.volunteers import conf
    from festival.volunteers.services import volunteer_confirm_token

    signups = list(
        volunteer.signups.filter(
            status__in=[SignupStatus.PENDING, SignupStatus.WAITLISTED],
            email_confirmed_at__isnull=True,
        ).select_related("shift__role", "shift__venue")
    )
    if not signups or not volunteer.email:
        return
    confirm_path = reverse("festival_volunteers:confirm", args=[volunteer_confirm_token(volunteer)])
    _message(
        _template("confirmation"),
        to=volunteer.email,
        context={
            "volunteer": volunteer,
            "edition": volunteer.edition,
            "signups": signups,
            "confirm_url": f"{site_root}{confirm_path}",
            "my_shifts_url": my_shifts_url(volunteer, site_root),
            "hold_hours": conf.get("HOLD_HOURS"),
        },
    ).send()


def send_promoted(*, signup: Signup, site_root: str) -> None:
    volunteer = signup.volunteer
    if not volunteer.email:
        return
    _message(
        _template("promoted"),
        to=volunteer.email,
        context={
            "volunteer": volunteer,
            "shift": signup.shift,
            "my_shifts_url": my_shifts_url(volunteer, site_root),
        },
    ).send()


def send_reminder(*, signup: Signup, site_root: str) -> None:
    _message(
        _template("reminder"),
        to=signup.volunteer.email,
        context={
            "volunteer": signup.volunteer,
            "shift": signup.shift,
            "my_shifts_url": my_shifts_url(signup.volunteer, site_root),
        },
    ).send()


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
