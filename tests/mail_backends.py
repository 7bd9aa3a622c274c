"""A mail server that refuses every message, as an SMTP server that is down does."""

import smtplib

from django.core.mail.backends.base import BaseEmailBackend


class RefusingSMTPBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
