"""The plain-text mail a builder returns: a template under the app's e-mail folder, sent from
the site's address."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string


def message_from_template(
    *, folder: str, template: str, subject: str, to: str, context: dict
) -> EmailMessage:
    """``folder/template.txt`` rendered with ``context``, to one address."""
    return EmailMessage(
        subject=subject,
        body=render_to_string(f"{folder}/{template}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
    )
