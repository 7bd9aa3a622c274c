"""Volunteers: roles, shifts, the people who sign up and their sign-ups.

Shifts and volunteers belong to an *occasion* (``festival/volunteers/occasions.py``): a
festival edition or a fifty-fifty project's work day, through the ``edition`` or ``work_day``
foreign key (exactly one is set).

Personal data (names, e-mails, phones) lives only in ``Volunteer``: never in a page, a
revision, the search index or the API; it is erased after the occasion unless the person
asked to be contacted again (``festival.volunteers.services.volunteers_erase_expired``)."""

import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from festival.formats import when


class Prerequisite(models.Model):
    """Something a volunteer must confirm before taking a role (18 ans, permis B...)."""

    label = models.CharField(
        _("intitulé"),
        max_length=200,
        unique=True,
        help_text=_("Formulé comme une affirmation : « J'ai 18 ans ou plus »."),
    )

    class Meta:
        verbose_name = _("prérequis")
        verbose_name_plural = _("prérequis")
        ordering = ["label"]

    def __str__(self) -> str:
        return self.label


class VolunteerRole(models.Model):
    """A kind of help the festival needs, shared by every edition (accueil, buvette...)."""

    name = models.CharField(_("nom"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)
    prerequisites = models.ManyToManyField(
        Prerequisite, verbose_name=_("prérequis"), blank=True, related_name="roles"
    )

    panels = [FieldPanel("name"), FieldPanel("description"), FieldPanel("prerequisites")]

    class Meta:
        verbose_name = _("rôle de bénévole")
        verbose_name_plural = _("rôles de bénévoles")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


# Exactly one occasion per shift and per volunteer (``occasions.py``).
ONE_OCCASION = Q(edition__isnull=False, work_day__isnull=True) | Q(
    edition__isnull=True, work_day__isnull=False
)


class Shift(models.Model):
    """A slot of one role during an occasion (at one venue for the festival), for
    ``capacity`` people."""

    edition = models.ForeignKey(
        "festival.EditionPage",
        verbose_name=_("édition"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="shifts",
    )
    # By name: the festival never imports the projects app (a floor above it).
    work_day = models.ForeignKey(
        "projects.WorkDay",
        verbose_name=_("chantier participatif"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="shifts",
    )
    role = models.ForeignKey(
        VolunteerRole, verbose_name=_("rôle"), on_delete=models.PROTECT, related_name="shifts"
    )
    venue = models.ForeignKey(
        "festival.Venue",
        verbose_name=_("lieu"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="shifts",
    )
    start = models.DateTimeField(_("début"))
    end = models.DateTimeField(_("fin"))
    capacity = models.PositiveSmallIntegerField(_("nombre de places"), default=2)
    notes = models.TextField(
        _("remarques"), blank=True, help_text=_("Affiché aux bénévoles : tenue, matériel…")
    )

    panels = [
        FieldRowPanel([FieldPanel("edition", widget=forms.Select), FieldPanel("role")]),
        FieldPanel("venue"),
        FieldRowPanel([FieldPanel("start"), FieldPanel("end"), FieldPanel("capacity")]),
        FieldPanel("notes"),
    ]

    class Meta:
        verbose_name = _("créneau")
        verbose_name_plural = _("créneaux")
        ordering = ["start", "role__name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=models.F("start")), name="festival_shift_end_after_start"
            ),
            models.CheckConstraint(condition=ONE_OCCASION, name="festival_shift_one_occasion"),
        ]

    def __str__(self) -> str:
        return f"{self.role} — {when(self)}"

    def clean(self):
        super().clean()
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": _("La fin du créneau doit suivre son début.")})
        if (self.edition_id is None) == (self.work_day_id is None):
            # Not tied to a field: each admin form shows only its own occasion's key.
            raise ValidationError(
                _("Un créneau appartient soit à une édition, soit à un chantier, jamais aux deux.")
            )

    @property
    def hours(self) -> float:
        return (self.end - self.start).total_seconds() / 3600

    @property
    def occasion(self):
        """What the shift belongs to (``festival/volunteers/occasions.py``)."""
        return self.edition if self.edition_id else self.work_day


class Volunteer(models.Model):
    """A person who signed up for an occasion, known by their e-mail; no account."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    edition = models.ForeignKey(
        "festival.EditionPage",
        verbose_name=_("édition"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="volunteers",
    )
    work_day = models.ForeignKey(
        "projects.WorkDay",
        verbose_name=_("chantier participatif"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="volunteers",
    )
    name = models.CharField(_("nom"), max_length=200)
    email = models.EmailField(_("adresse e-mail"), blank=True)
    phone = models.CharField(_("téléphone"), max_length=40, blank=True)
    first_time = models.BooleanField(_("première fois"), default=False)
    contact_next_year = models.BooleanField(
        _("d'accord pour être recontacté l'an prochain"), default=False
    )
    consented_at = models.DateTimeField(_("consentement donné le"), null=True, blank=True)
    created_at = models.DateTimeField(_("inscrit le"), auto_now_add=True)
    erased_at = models.DateTimeField(_("données effacées le"), null=True, blank=True)
    # What a new sign-up from an already confirmed address asks to change (name, phone,
    # choices): applied only once the address's owner follows the confirmation link.
    pending_profile = models.JSONField(default=dict, blank=True, editable=False)

    # A person, not content: an edition's « usage » in the admin need not list its volunteers,
    # and each sign-up would otherwise queue a reference-index task for nothing.
    wagtail_reference_index_ignore = True

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("email"), FieldPanel("phone")]),
        FieldRowPanel([FieldPanel("first_time"), FieldPanel("contact_next_year")]),
    ]

    class Meta:
        verbose_name = _("bénévole")
        verbose_name_plural = _("bénévoles")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "email"],
                condition=~Q(email=""),
                name="festival_volunteer_one_per_email_and_edition",
            ),
            models.UniqueConstraint(
                fields=["work_day", "email"],
                condition=~Q(email=""),
                name="festival_volunteer_one_per_email_and_work_day",
            ),
            models.CheckConstraint(condition=ONE_OCCASION, name="festival_volunteer_one_occasion"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def occasion(self):
        """What the person signed up for (``festival/volunteers/occasions.py``)."""
        return self.edition if self.edition_id else self.work_day


class SignupStatus(models.TextChoices):
    # Holds a place until the e-mail link is clicked or the hold expires.
    PENDING = "pending", _("en attente de confirmation")
    CONFIRMED = "confirmed", _("confirmé")
    WAITLISTED = "waitlisted", _("liste d'attente")
    CANCELLED = "cancelled", _("annulé")
    EXPIRED = "expired", _("expiré")


# Sign-ups that take a place on the shift.
HOLDING_STATUSES = (SignupStatus.PENDING, SignupStatus.CONFIRMED)
# Sign-ups that still belong to the person's plans (a place or a spot on the waitlist).
ACTIVE_STATUSES = (SignupStatus.PENDING, SignupStatus.CONFIRMED, SignupStatus.WAITLISTED)


class SignupQuerySet(models.QuerySet):
    def holding(self) -> "SignupQuerySet":
        """Sign-ups that take a place on their shift (held or confirmed)."""
        return self.filter(status__in=HOLDING_STATUSES)

    def active(self) -> "SignupQuerySet":
        """Sign-ups still in the person's plans: a place or a spot on the waitlist."""
        return self.filter(status__in=ACTIVE_STATUSES)

    def awaiting_confirmation(self) -> "SignupQuerySet":
        """A place held or a waitlist spot taken whose e-mail link was not followed yet."""
        return self.filter(
            status__in=[SignupStatus.PENDING, SignupStatus.WAITLISTED],
            email_confirmed_at__isnull=True,
        )


class Signup(models.Model):
    """One volunteer on one shift: holding a place, confirmed, or waiting for one."""

    volunteer = models.ForeignKey(
        Volunteer, verbose_name=_("bénévole"), on_delete=models.CASCADE, related_name="signups"
    )
    shift = models.ForeignKey(
        Shift, verbose_name=_("créneau"), on_delete=models.CASCADE, related_name="signups"
    )
    status = models.CharField(
        _("état"), max_length=12, choices=SignupStatus.choices, default=SignupStatus.PENDING
    )
    created_at = models.DateTimeField(_("inscrit le"), auto_now_add=True)
    email_confirmed_at = models.DateTimeField(_("adresse confirmée le"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("annulé le"), null=True, blank=True)
    promoted_at = models.DateTimeField(_("sorti de la liste d'attente le"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("rappel envoyé le"), null=True, blank=True)
    attended = models.BooleanField(_("présent"), null=True, blank=True)
    paired_with = models.ForeignKey(
        "self",
        verbose_name=_("binôme"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Un bénévole expérimenté du même créneau, pour une première fois."),
    )

    objects = SignupQuerySet.as_manager()

    class Meta:
        verbose_name = _("inscription")
        verbose_name_plural = _("inscriptions")
        ordering = ["shift__start", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["volunteer", "shift"],
                condition=Q(status__in=["pending", "confirmed", "waitlisted"]),
                name="festival_signup_once_per_shift",
            )
        ]
        indexes = [models.Index(fields=["shift", "status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.volunteer} — {self.shift}"

    @property
    def is_holding(self) -> bool:
        return self.status in HOLDING_STATUSES

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES
