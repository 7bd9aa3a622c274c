"""Personal data of the archive, kept out of pages, revisions, the search index and the API.

A contribution is what a resident sent (and the consent they gave); the page made from it
only carries the display name they chose."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from media.models import Licence
from media.storage import private_storage


class NameDisplay(models.TextChoices):
    FULL_NAME = "full", _("Mon nom complet")
    FIRST_NAME_INITIAL = "initial", _("Mon prénom et l'initiale de mon nom")
    PSEUDONYM = "pseudonym", _("Un pseudonyme")
    ANONYMOUS = "anonymous", _("Anonyme")


class ContributionStatus(models.TextChoices):
    RECEIVED = "received", _("Reçue, en cours de traitement")
    FAILED = "failed", _("Reçue, traitement à reprendre")
    IN_REVIEW = "in_review", _("En relecture par l'équipe de l'archive")
    CHANGES_REQUESTED = "changes_requested", _("Modifications demandées")
    PUBLISHED = "published", _("Publiée")
    DECLINED = "declined", _("Non retenue")
    WITHDRAWN = "withdrawn", _("Retirée")


# Contributions whose consent rules out the public site: no web use, or research only
# (``Contribution.allows_web_publication`` reads the same on one instance).
NOT_FOR_THE_WEB = models.Q(allow_web=False) | models.Q(allow_research=True)

# Stored but not (yet) turned into a draft item: what processing and its retries take up.
STATUSES_TO_PROCESS = (ContributionStatus.RECEIVED, ContributionStatus.FAILED)


class Contribution(models.Model):
    """A resident's submission: what they told, how they want to be named, what they allow."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    status = models.CharField(
        _("état"),
        max_length=20,
        choices=ContributionStatus.choices,
        default=ContributionStatus.RECEIVED,
        db_index=True,
    )
    attempts = models.PositiveSmallIntegerField(_("essais de traitement"), default=0)
    last_error = models.TextField(_("dernière erreur"), blank=True)

    # What they told.
    title = models.CharField(_("titre"), max_length=255)
    story = models.TextField(_("récit"))
    date_label = models.CharField(_("date"), max_length=64, blank=True)
    place = models.ForeignKey(
        "archive.Place", verbose_name=_("lieu"), null=True, blank=True, on_delete=models.SET_NULL
    )
    proposed_place = models.CharField(_("lieu proposé"), max_length=255, blank=True)
    themes = models.ManyToManyField("archive.Theme", verbose_name=_("thèmes"), blank=True)

    # Who they are: never shown, except the display name they chose.
    full_name = models.CharField(_("nom complet"), max_length=255)
    name_display = models.CharField(
        _("nom affiché"), max_length=16, choices=NameDisplay.choices, default=NameDisplay.FULL_NAME
    )
    pseudonym = models.CharField(_("pseudonyme"), max_length=100, blank=True)
    email = models.EmailField(_("courriel"))
    phone = models.CharField(_("téléphone"), max_length=32, blank=True)

    # Consent, as given.
    allow_web = models.BooleanField(_("publication sur le web"), default=True)
    allow_festival = models.BooleanField(_("expositions et projections au festival"), default=False)
    allow_research = models.BooleanField(_("recherche seulement"), default=False)
    licence = models.CharField(
        _("licence"), max_length=32, choices=Licence.choices, default=Licence.CC_BY
    )
    image_rights_attested = models.BooleanField(_("droit à l'image attesté"), default=False)
    is_minor = models.BooleanField(_("contributeur mineur"), default=False)
    parent_name = models.CharField(_("nom du parent"), max_length=255, blank=True)
    parent_consent = models.BooleanField(_("accord du parent"), default=False)
    embargo_until = models.DateField(_("pas de publication avant le"), null=True, blank=True)
    consented_at = models.DateTimeField(_("consentement donné le"), null=True, blank=True)

    item = models.ForeignKey(
        "archive.ArchiveItemPage",
        verbose_name=_("élément d'archive"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contributions",
    )
    # Attached to an item that existed before (``contribution_attach``): withdrawing it then
    # takes back only its own part of that item, found by these.
    attached_to_existing = models.BooleanField(
        _("rattachée à un élément existant"), default=False, editable=False
    )
    attached_block_id = models.CharField(max_length=64, blank=True, editable=False)
    editor_message = models.TextField(_("message de l'équipe"), blank=True)
    created_at = models.DateTimeField(_("reçue le"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("mise à jour le"), auto_now=True)

    class Meta:
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    @property
    def display_name(self) -> str:
        """The only name that may appear in public."""
        if self.name_display == NameDisplay.ANONYMOUS:
            return str(_("Anonyme"))
        if self.name_display == NameDisplay.PSEUDONYM:
            return self.pseudonym or str(_("Anonyme"))
        if self.name_display == NameDisplay.FIRST_NAME_INITIAL:
            parts = self.full_name.split()
            if len(parts) > 1:
                return f"{parts[0]} {parts[-1][0].upper()}."
            return parts[0] if parts else str(_("Anonyme"))
        return self.full_name

    @property
    def allows_web_publication(self) -> bool:
        """The web needs its own consent, and « recherche seulement » rules the web out: the
        instance's reading of ``NOT_FOR_THE_WEB``, which says the same to the database."""
        return self.allow_web and not self.allow_research

    @property
    def is_editable(self) -> bool:
        return self.status in (
            ContributionStatus.RECEIVED,
            ContributionStatus.FAILED,
            ContributionStatus.IN_REVIEW,
            ContributionStatus.CHANGES_REQUESTED,
        )

    @property
    def is_withdrawable(self) -> bool:
        return self.status != ContributionStatus.WITHDRAWN


def contribution_upload_to(instance: "ContributionFile", filename: str) -> str:
    # The name people gave their file may hold their name: keep only a generated one.
    return f"contributions/{instance.contribution.public_id}/{uuid.uuid4().hex}"


class ContributionFileKind(models.TextChoices):
    IMAGE = "image", _("Photo")
    AUDIO_VIDEO = "audio_video", _("Son ou vidéo")


class ContributionFile(models.Model):
    """A file as it arrived, kept privately until it is cleaned, then deleted."""

    kind = models.CharField(
        max_length=16, choices=ContributionFileKind.choices, default=ContributionFileKind.IMAGE
    )
    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE, related_name="files")
    raw = models.FileField(
        _("fichier reçu"), upload_to=contribution_upload_to, storage=private_storage, blank=True
    )
    position = models.PositiveSmallIntegerField(default=0)
    image = models.ForeignKey(
        "media.CustomImage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    media_file = models.ForeignKey(
        "media.MediaFile", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["position"]
        verbose_name = _("fichier d'une contribution")

    def __str__(self) -> str:
        return f"{self.contribution_id}/{self.position}"


class WithdrawalInitiator(models.TextChoices):
    CONTRIBUTOR = "contributor", _("La personne qui avait contribué")
    EDITOR = "editor", _("L'équipe de l'archive, à la demande de la personne")


class Withdrawal(models.Model):
    """An anonymous trace that something was withdrawn: no name, no e-mail, no content."""

    withdrawn_at = models.DateTimeField(_("retiré le"), auto_now_add=True)
    # The random reference of the status link, so that link can still say "retirée".
    reference = models.UUIDField(
        _("référence du lien de suivi"), null=True, blank=True, unique=True
    )
    url_path = models.CharField(
        _("adresse de l'élément retiré"), max_length=255, blank=True, db_index=True
    )
    had_published_item = models.BooleanField(_("l'élément était publié"), default=False)
    initiated_by = models.CharField(
        _("retrait demandé par"),
        max_length=16,
        choices=WithdrawalInitiator.choices,
        default=WithdrawalInitiator.CONTRIBUTOR,
    )

    class Meta:
        verbose_name = _("retrait")
        verbose_name_plural = _("retraits")
        ordering = ["-withdrawn_at"]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.withdrawn_at:%Y-%m-%d}"


class AdditionStatus(models.TextChoices):
    PENDING = "pending", _("À relire")
    PUBLISHED = "published", _("Publiée")
    DECLINED = "declined", _("Refusée")


class ReviewedByTeam(models.Model):
    """What a visitor proposes and the team publishes or declines (an addition to an item, a
    correction of a transcript): its state, when it came and when it was decided."""

    status = models.CharField(
        _("état"),
        max_length=16,
        choices=AdditionStatus.choices,
        default=AdditionStatus.PENDING,
        db_index=True,
    )
    created_at = models.DateTimeField(_("reçue le"), auto_now_add=True)
    reviewed_at = models.DateTimeField(_("relue le"), null=True, blank=True)

    class Meta:
        abstract = True


class ResidentAddition(ReviewedByTeam):
    """« Vous reconnaissez quelqu'un ? » — what a visitor adds to an item, shown once approved."""

    item = models.ForeignKey(
        "archive.ArchiveItemPage", on_delete=models.CASCADE, related_name="additions"
    )
    person_named = models.CharField(_("personne reconnue"), max_length=255, blank=True)
    date_label = models.CharField(_("date"), max_length=64, blank=True)
    comment = models.TextField(_("commentaire"))
    credit_name = models.CharField(_("nom affiché"), max_length=100)
    email = models.EmailField(_("courriel"), blank=True)

    class Meta:
        verbose_name = _("complément d'un habitant")
        verbose_name_plural = _("compléments des habitants")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.credit_name} — {self.item}"
