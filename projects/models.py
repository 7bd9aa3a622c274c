"""The fifty-fifty: a project residents carry with the town's help, each side's share agreed.

What is public (the project, the town's public answers, the agreement's lines, the approved
progress, the report) and what is private are separate models: the proposer's contact lives
only in ``ProjectContact`` and the team's notes only in ``InternalNote``; neither is ever read
by a page, the search index, the open data or the public PDF."""

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from festival.volunteers.models import Shift
from media.storage import private_storage


class ProjectKind(models.TextChoices):
    PLANTING = "planting", _("Plantation (arbres, haies)")
    FLOWERING = "flowering", _("Fleurissement")
    GARDEN = "garden", _("Jardin partagé")
    CLEANING = "cleaning", _("Propreté, ramassage")
    PREMISES = "premises", _("Rénovation d'un local")
    PATH = "path", _("Chemin, sentier")
    SPORT = "sport", _("Sport et loisirs")
    OTHER = "other", _("Autre projet")


class CarrierKind(models.TextChoices):
    RESIDENT = "resident", _("Un habitant ou une habitante")
    GROUP = "group", _("Un groupe d'habitants")
    ASSOCIATION = "association", _("Une association")


class ProjectStatus(models.TextChoices):
    # Stored, the proposer has not followed the e-mailed link yet: not public, not reviewed.
    UNCONFIRMED = "unconfirmed", _("En attente de confirmation de l'adresse")
    RECEIVED = "received", _("Proposition reçue")
    IN_STUDY = "in_study", _("À l'étude")
    ACCEPTED = "accepted", _("Acceptée")
    ACCEPTED_WITH_CHANGES = "accepted_with_changes", _("Acceptée avec des changements")
    DECLINED = "declined", _("Non retenue")
    AGREED = "agreed", _("Convention signée")
    RUNNING = "running", _("En cours")
    COMPLETED = "completed", _("Terminé")
    WITHDRAWN = "withdrawn", _("Retiré par ses porteurs")


# The town's decisions on a proposal, each with a public reasoned answer.
DECISION_STATUSES = (
    ProjectStatus.IN_STUDY,
    ProjectStatus.ACCEPTED,
    ProjectStatus.ACCEPTED_WITH_CHANGES,
    ProjectStatus.DECLINED,
)
# Once agreed, the proposal is no longer edited: changes go through a new agreement version.
EDITABLE_STATUSES = (
    ProjectStatus.UNCONFIRMED,
    ProjectStatus.RECEIVED,
    ProjectStatus.IN_STUDY,
    ProjectStatus.ACCEPTED,
    ProjectStatus.ACCEPTED_WITH_CHANGES,
)
# Under way: the agreement holds and the work is not done yet. Work days take sign-ups and both
# sides post progress only then.
UNDER_WAY_STATUSES = (ProjectStatus.AGREED, ProjectStatus.RUNNING)
# What the public never sees, whatever the consent.
HIDDEN_STATUSES = (ProjectStatus.UNCONFIRMED, ProjectStatus.WITHDRAWN)


class ProjectQuerySet(models.QuerySet):
    def for_the_public(self) -> "ProjectQuerySet":
        """The one rule for what visitors see: confirmed, shown by consent, not withdrawn."""
        return self.filter(show_publicly=True).exclude(status__in=HIDDEN_STATUSES)


class Project(models.Model):
    """A fifty-fifty project, as the residents proposed it and the public may read it."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    slug = models.SlugField(_("adresse"), max_length=80, unique=True)
    status = models.CharField(
        _("état"),
        max_length=24,
        choices=ProjectStatus.choices,
        default=ProjectStatus.UNCONFIRMED,
        db_index=True,
    )
    title = models.CharField(_("titre du projet"), max_length=160)
    kind = models.CharField(_("nature"), max_length=16, choices=ProjectKind.choices)
    need = models.TextField(
        _("à quoi sert le projet"), help_text=_("Le besoin auquel il répond, pour qui.")
    )
    carrier_kind = models.CharField(
        _("porté par"), max_length=16, choices=CarrierKind.choices, default=CarrierKind.GROUP
    )
    carrier_name = models.CharField(
        _("nom affiché des porteurs"),
        max_length=120,
        help_text=_("Affiché publiquement : « Les voisins de la rue Bollaert », une association…"),
    )

    # Where: one of the archive's places, a point on the map, or an address in words.
    place = models.ForeignKey(
        "archive.Place",
        verbose_name=_("lieu"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="projects",
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    address = models.CharField(_("adresse en clair"), max_length=255, blank=True)

    # What the residents commit, in their words (the agreement turns it into lines).
    commitment = models.TextField(
        _("ce que nous nous engageons à faire"),
        help_text=_("Les tâches, combien de personnes, combien d'heures, quand."),
    )
    upkeep = models.TextField(_("l'entretien ensuite"), blank=True)
    start_on = models.DateField(_("début souhaité"), null=True, blank=True)
    end_on = models.DateField(_("fin prévue"), null=True, blank=True)

    # Consents, given in the proposal and kept with it.
    show_publicly = models.BooleanField(_("projet visible publiquement"), default=True)
    photos_to_archive = models.BooleanField(_("photos réutilisables dans l'archive"), default=False)
    becomes_archive_item = models.BooleanField(
        _("le projet terminé entre dans l'archive"), default=False
    )

    created_at = models.DateTimeField(_("proposé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)
    confirmed_at = models.DateTimeField(_("adresse confirmée le"), null=True, blank=True)
    agreed_at = models.DateTimeField(_("convention signée le"), null=True, blank=True)
    completed_at = models.DateTimeField(_("terminé le"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("retiré le"), null=True, blank=True)

    # What the archive made of it: the completed project's item. The Ch'ti TAIDx talks that
    # tell it point to it (``talks.Talk.project``): this app does not know them.
    archive_item = models.ForeignKey(
        "archive.ArchiveItemPage",
        verbose_name=_("dans l'archive"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="projects_archived",
    )

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("projet fifty-fifty")
        verbose_name_plural = _("projets fifty-fifty")
        ordering = ["-created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="projects_project_point_complete",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("projects:detail", kwargs={"slug": self.slug})

    @property
    def position(self) -> tuple[float, float] | None:
        """Where the project is on a map: its own point, else its place's; for every channel
        (pages, map, open data, iCal, search)."""
        if self.latitude is not None and self.longitude is not None:
            return float(self.latitude), float(self.longitude)
        if self.place_id and self.place.has_coordinates:
            return float(self.place.latitude), float(self.place.longitude)
        return None

    @property
    def is_editable_by_residents(self) -> bool:
        return self.status in EDITABLE_STATUSES

    @property
    def is_public(self) -> bool:
        """Reads the same as ``ProjectQuerySet.for_the_public`` on one instance."""
        return self.show_publicly and self.status not in HIDDEN_STATUSES


class ProjectContact(models.Model):
    """The proposer's private contact: never public, erased on withdrawal."""

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="contact")
    name = models.CharField(_("nom"), max_length=200)
    email = models.EmailField(_("adresse e-mail"))
    phone = models.CharField(_("téléphone"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("contact des porteurs")
        verbose_name_plural = _("contacts des porteurs")

    def __str__(self) -> str:
        return self.name


class RequestKind(models.TextChoices):
    EQUIPMENT = "equipment", _("Prêt de matériel")
    COACHING = "coaching", _("Accompagnement, conseil")
    MONEY = "money", _("Argent")
    AUTHORISATION = "authorisation", _("Autorisation")
    MATERIALS = "materials", _("Fournitures, matériaux")


class TownRequest(models.Model):
    """One line of what the residents ask the town, in their proposal."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="requests")
    kind = models.CharField(_("nature"), max_length=16, choices=RequestKind.choices)
    description = models.CharField(_("ce que nous demandons"), max_length=255)
    amount = models.DecimalField(
        _("montant (€)"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("demande à la ville")
        verbose_name_plural = _("demandes à la ville")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.description

    def clean(self):
        super().clean()
        if self.kind == RequestKind.MONEY and self.amount is None:
            raise ValidationError({"amount": _("Indiquez le montant demandé, en euros.")})


def project_upload_to(instance, filename: str) -> str:
    return f"projects/{instance.project.public_id}/{uuid.uuid4().hex}"


class ProjectPhoto(models.Model):
    """A photo of the project (with the proposal or a progress update), cleaned like any upload."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="photos")
    update = models.ForeignKey(
        "projects.ProgressUpdate",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="photos",
    )
    # As received, kept privately until cleaned into ``image``, then deleted.
    raw = models.FileField(upload_to=project_upload_to, storage=private_storage, blank=True)
    image = models.ForeignKey(
        "media.CustomImage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    caption = models.CharField(_("légende"), max_length=255, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("photo d'un projet")
        verbose_name_plural = _("photos des projets")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.caption or f"{self.project_id}/{self.position}"


class Decision(models.Model):
    """A change of status by the town, with its public reasoned answer: the project's history.

    Kept (anonymous) when the proposer withdraws: the town's public answers stay on record."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="decisions")
    status = models.CharField(_("nouvel état"), max_length=24, choices=ProjectStatus.choices)
    answer = models.TextField(
        _("réponse publique"),
        help_text=_("Publiée sur la page du projet et envoyée aux porteurs : dites pourquoi."),
    )
    decided_at = models.DateTimeField(_("décidé le"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("réponse de la ville")
        verbose_name_plural = _("réponses de la ville")
        ordering = ["decided_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_status_display()} — {self.decided_at:%Y-%m-%d}"


class InternalNote(models.Model):
    """The team's own notes on a project: never public, never sent."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="internal_notes")
    text = models.TextField(_("note interne"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("écrite le"), auto_now_add=True)

    class Meta:
        verbose_name = _("note interne")
        verbose_name_plural = _("notes internes")
        ordering = ["-created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:60]


class AgreementVersionQuerySet(models.QuerySet):
    def agreed(self) -> "AgreementVersionQuerySet":
        """Versions both sides agreed to (``AgreementVersion.is_agreed`` on one instance)."""
        return self.filter(town_agreed_at__isnull=False, residents_agreed_at__isnull=False)


class AgreementVersion(models.Model):
    """One version of the « convention fifty-fifty »: its lines never change once written.

    Any change makes a new version (``projects.agreements``); the agreement holds when both
    sides agreed to the same version."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="agreements")
    number = models.PositiveSmallIntegerField(_("version"))
    summary = models.TextField(_("ce qui change"), blank=True)
    created_at = models.DateTimeField(_("rédigée le"), auto_now_add=True)
    town_agreed_at = models.DateTimeField(_("acceptée par la ville le"), null=True, blank=True)
    town_agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    residents_agreed_at = models.DateTimeField(
        _("acceptée par les porteurs le"), null=True, blank=True
    )

    objects = AgreementVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("version de la convention")
        verbose_name_plural = _("versions de la convention")
        ordering = ["project", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "number"], name="projects_agreement_one_number_per_project"
            )
        ]

    def __str__(self) -> str:
        return f"{self.project} — v{self.number}"

    @property
    def is_agreed(self) -> bool:
        """Both sides agreed to this very version (``AgreementVersionQuerySet.agreed``)."""
        return self.town_agreed_at is not None and self.residents_agreed_at is not None


class Side(models.TextChoices):
    TOWN = "town", _("La ville")
    RESIDENTS = "residents", _("Les habitants")


class AgreementLine(models.Model):
    """What one side brings, in one version of the agreement, and what was actually delivered.

    The town's lines have a kind (``RequestKind``), a value in euros where it has one and a
    responsible service; the residents' lines a task, a number of people and hours, and a
    responsible resident (the name they chose to show)."""

    version = models.ForeignKey(AgreementVersion, on_delete=models.CASCADE, related_name="lines")
    side = models.CharField(_("qui"), max_length=10, choices=Side.choices)
    kind = models.CharField(_("nature"), max_length=16, choices=RequestKind.choices, blank=True)
    description = models.CharField(_("description"), max_length=255)
    value = models.DecimalField(
        _("valeur (€)"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    responsible = models.CharField(_("responsable"), max_length=120, blank=True)
    people = models.PositiveSmallIntegerField(_("personnes"), null=True, blank=True)
    hours = models.DecimalField(
        _("heures"),
        max_digits=7,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    start_on = models.DateField(_("du"), null=True, blank=True)
    end_on = models.DateField(_("au"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    # Recorded against the agreed version's lines as the project runs.
    delivered_value = models.DecimalField(
        _("valeur fournie (€)"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    delivered_hours = models.DecimalField(
        _("heures données"), max_digits=7, decimal_places=1, null=True, blank=True
    )
    delivered_note = models.CharField(_("ce qui a été fait"), max_length=255, blank=True)
    delivered_on = models.DateField(_("fourni le"), null=True, blank=True)

    class Meta:
        verbose_name = _("ligne de la convention")
        verbose_name_plural = _("lignes de la convention")
        ordering = ["version", "position", "pk"]

    def __str__(self) -> str:
        return self.description


class WorkDay(models.Model):
    """A « chantier participatif » of a project: residents sign up for its shifts, without an
    account, with the volunteer shifts' rules (``festival/volunteers/occasions.py``)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="work_days")
    title = models.CharField(_("intitulé"), max_length=160)
    date = models.DateField(_("date"))
    meeting_point = models.CharField(_("rendez-vous"), max_length=255, blank=True)
    volunteer_call = models.TextField(
        _("appel aux bonnes volontés"),
        blank=True,
        help_text=_("Ce qu'on fera, ce qu'il faut apporter."),
    )

    class Meta:
        verbose_name = _("chantier participatif")
        verbose_name_plural = _("chantiers participatifs")
        ordering = ["date", "pk"]

    def __str__(self) -> str:
        return f"{self.project} — {self.title}"

    # What the volunteer shifts ask of their occasion.
    @property
    def url(self) -> str:
        return reverse("projects:detail", kwargs={"slug": self.project.slug}) + "#chantiers"

    @property
    def volunteer_signup_url(self) -> str:
        return reverse(
            "projects:work_day_signup", kwargs={"slug": self.project.slug, "pk": self.pk}
        )

    @property
    def start_date(self):
        return self.date

    @property
    def end_date(self):
        return self.date


class WorkDayShiftManager(models.Manager):
    def get_queryset(self):
        return super().get_queryset().filter(work_day__isnull=False)


class WorkDayShift(Shift):
    """A work day's shift as the town's team plans it in the admin: the same rows and rules as
    the festival's shifts, under rights of its own (``projects.*_workdayshift``), so the team
    never gets the festival's and reaches no festival shift."""

    objects = WorkDayShiftManager()

    class Meta:
        proxy = True
        verbose_name = _("créneau d'un chantier")
        verbose_name_plural = _("créneaux des chantiers")


class UpdateStatus(models.TextChoices):
    PENDING = "pending", _("À relire")
    PUBLISHED = "published", _("Publiée")
    DECLINED = "declined", _("Refusée")


class ProgressUpdate(models.Model):
    """A dated update on the project's progress; the residents' are held for review."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="updates")
    side = models.CharField(_("écrite par"), max_length=10, choices=Side.choices)
    text = models.TextField(_("où en est le projet"))
    happened_on = models.DateField(_("date"))
    status = models.CharField(
        _("état"),
        max_length=12,
        choices=UpdateStatus.choices,
        default=UpdateStatus.PENDING,
        db_index=True,
    )
    created_at = models.DateTimeField(_("reçue le"), auto_now_add=True)
    reviewed_at = models.DateTimeField(_("relue le"), null=True, blank=True)

    class Meta:
        verbose_name = _("nouvelle du projet")
        verbose_name_plural = _("nouvelles des projets")
        ordering = ["-happened_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.project} — {self.happened_on:%Y-%m-%d}"


class CompletionReport(models.Model):
    """The end of the project: the residents' own account of the cooperation (it may be
    critical) and, separately signed, the town's. Promised versus delivered is computed from
    the agreed version's lines, never typed here."""

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="report")
    residents_account = models.TextField(
        _("le récit des porteurs"),
        help_text=_("Comment s'est passée la coopération avec la ville, avec vos mots."),
    )
    residents_submitted_at = models.DateTimeField(null=True, blank=True)
    town_account = models.TextField(_("le point de vue de la ville"), blank=True)
    town_signed_by = models.CharField(
        _("signé par"), max_length=120, blank=True, help_text=_("Nom et fonction.")
    )
    town_submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("bilan du projet")
        verbose_name_plural = _("bilans des projets")

    def __str__(self) -> str:
        return str(self.project)
