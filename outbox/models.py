"""Every e-mail the site sends, recorded before it goes: a failed send is tried again later.

A row names the function that writes the message (``builder``) and the object it is about,
never the message itself: what a person withdraws or erases is not kept here, and a mail
about something that no longer exists is simply not sent."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MailStatus(models.TextChoices):
    PENDING = "pending", _("À envoyer")
    SENDING = "sending", _("En cours d'envoi")
    SENT = "sent", _("Envoyé")
    DROPPED = "dropped", _("Sans objet (plus rien à dire)")
    FAILED = "failed", _("Abandonné après plusieurs essais")


class OutgoingMail(models.Model):
    builder = models.CharField(_("courriel"), max_length=200)
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    # What the builder needs beyond the object (the site's address, a choice made): no
    # message body. Emptied once the mail is sent.
    payload = models.JSONField(default=dict, blank=True)
    # Mails that must go out once only (« votre souvenir est bien arrivé ») carry a key:
    # queuing the same key again does nothing.
    key = models.CharField(max_length=200, unique=True, null=True, blank=True)
    status = models.CharField(
        _("état"), max_length=16, choices=MailStatus.choices, default=MailStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("essais"), default=0)
    next_attempt_at = models.DateTimeField(_("prochain essai"), db_index=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(_("dernière erreur"), blank=True)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    sent_at = models.DateTimeField(_("envoyé le"), null=True, blank=True)

    class Meta:
        verbose_name = _("courriel à envoyer")
        verbose_name_plural = _("courriels à envoyer")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.builder.rsplit('.', 1)[-1]} #{self.pk} ({self.get_status_display()})"
