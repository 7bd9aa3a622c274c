"""The Ch'ti TAIDx: residents who carried a project tell, in their own words, how the
cooperation with the town went.

An evening (``Evening``) gathers talks (``Talk``) in order, before the people invited
(``Guest``). A talk comes from the call for speakers (a resident proposes it) or from the
town's invitation; the speaker's contact is private (``TalkContact``). The speaker's text is the
speaker's: every version is kept and none is ever changed (``TextVersion``); the helper with the
« Accompagnement » role only remarks on passages (``Remark``), which the speaker alone accepts or
refuses. With the talk, the speaker evaluates the cooperation (``Evaluation``); the town answers
in a separate, signed text (``TownAnswer``), never an edit of the resident's."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class EveningQuerySet(models.QuerySet):
    def for_the_public(self) -> "EveningQuerySet":
        return self.filter(published=True)


class Evening(models.Model):
    """A Ch'ti TAIDx evening: a festival event or a stand-alone evening."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    slug = models.SlugField(_("adresse"), max_length=80, unique=True)
    title = models.CharField(_("titre"), max_length=160)
    introduction = models.TextField(
        _("présentation"), blank=True, help_text=_("Le thème de la soirée, pour le public.")
    )
    starts_at = models.DateTimeField(_("date et heure"))
    venue = models.ForeignKey(
        "festival.Venue",
        verbose_name=_("lieu"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="taidx_evenings",
    )
    place_label = models.CharField(
        _("lieu en clair"), max_length=255, blank=True, help_text=_("Si le lieu n'est pas listé.")
    )
    festival_event = models.ForeignKey(
        "festival.EventPage",
        verbose_name=_("événement du festival"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="taidx_evenings",
        help_text=_("Quand la soirée fait partie d'une édition des Gohelliades."),
    )
    call_open = models.BooleanField(
        _("appel à intervenants ouvert"),
        default=False,
        help_text=_("Les habitants peuvent proposer une intervention pour cette soirée."),
    )
    call_closes_on = models.DateField(_("fin de l'appel"), null=True, blank=True)
    published = models.BooleanField(_("publiée"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = EveningQuerySet.as_manager()

    class Meta:
        verbose_name = _("soirée Ch'ti TAIDx")
        verbose_name_plural = _("soirées Ch'ti TAIDx")
        ordering = ["-starts_at", "pk"]

    def __str__(self) -> str:
        return self.title


class GuestRole(models.TextChoices):
    MAYOR = "mayor", _("Maire")
    ELECTED = "elected", _("Élu ou élue")
    STAFF = "staff", _("Agent de la ville")
    JOURNALIST = "journalist", _("Journaliste")
    RESIDENT = "resident", _("Habitant ou habitante")
    OTHER = "other", _("Autre")


class Guest(models.Model):
    """Someone invited to the evening: the mayor, staff, elected members, journalists…"""

    evening = models.ForeignKey(Evening, on_delete=models.CASCADE, related_name="guests")
    name = models.CharField(_("nom"), max_length=160)
    role = models.CharField(_("rôle"), max_length=16, choices=GuestRole.choices)
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    class Meta:
        verbose_name = _("invité")
        verbose_name_plural = _("invités")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.name


class TalkOrigin(models.TextChoices):
    PROPOSED = "proposed", _("Proposée par un habitant")
    INVITED = "invited", _("Sur invitation de la ville")


class TalkStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposition reçue")
    INVITED = "invited", _("Invitation envoyée")
    ACCEPTED = "accepted", _("Retenue")
    DECLINED = "declined", _("Non retenue")
    INVITATION_DECLINED = "invitation_declined", _("Invitation déclinée")
    WITHDRAWN = "withdrawn", _("Retirée par l'intervenant")


class TalkQuerySet(models.QuerySet):
    def for_the_public(self) -> "TalkQuerySet":
        """The one rule for what visitors see of the talks: accepted, on a published evening."""
        return self.filter(status=TalkStatus.ACCEPTED, evening__published=True)


class Talk(models.Model):
    """One resident's talk: what they tell, the project it evaluates, the recording after."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    evening = models.ForeignKey(Evening, on_delete=models.CASCADE, related_name="talks")
    slug = models.SlugField(_("adresse"), max_length=80)
    status = models.CharField(
        _("état"),
        max_length=24,
        choices=TalkStatus.choices,
        default=TalkStatus.PROPOSED,
        db_index=True,
    )
    origin = models.CharField(
        _("origine"), max_length=16, choices=TalkOrigin.choices, default=TalkOrigin.PROPOSED
    )
    position = models.PositiveSmallIntegerField(_("ordre de passage"), default=0)
    title = models.CharField(_("titre de l'intervention"), max_length=160)
    speaker_name = models.CharField(
        _("nom affiché de l'intervenant"),
        max_length=160,
        help_text=_("Affiché publiquement : « Nadia B. », « Les quatre amies de la MAM »…"),
    )
    summary = models.TextField(
        _("ce que je veux raconter"),
        help_text=_(
            "Quelques lignes : le projet, et comment la coopération avec la ville s'est passée."
        ),
    )
    # What the talk tells: a fifty-fifty project, or another initiative in a few lines.
    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("projet fifty-fifty raconté"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="talks",
    )
    initiative = models.TextField(
        _("autre initiative racontée"),
        blank=True,
        help_text=_(
            "Si l'intervention ne raconte pas un projet fifty-fifty : "
            "l'initiative en quelques lignes."
        ),
    )
    # After the evening: the recording with its transcript (an oral-history item of the archive).
    recording = models.ForeignKey(
        "archive.ArchiveItemPage",
        verbose_name=_("enregistrement dans l'archive"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="taidx_talks",
    )
    # The speaker's consent: the final text is published with the talk only if they agree.
    publish_text = models.BooleanField(_("texte publié avec l'intervention"), default=False)
    text_final_at = models.DateTimeField(_("texte déclaré final le"), null=True, blank=True)
    decision_reason = models.TextField(_("motif de la décision"), blank=True)
    decided_at = models.DateTimeField(_("décidée le"), null=True, blank=True)
    created_at = models.DateTimeField(_("reçue le"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    withdrawn_at = models.DateTimeField(_("retirée le"), null=True, blank=True)

    objects = TalkQuerySet.as_manager()

    class Meta:
        verbose_name = _("intervention Ch'ti TAIDx")
        verbose_name_plural = _("interventions Ch'ti TAIDx")
        ordering = ["evening", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["evening", "slug"], name="talks_talk_slug_per_evening")
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        """Reads the same as ``TalkQuerySet.for_the_public`` on one instance."""
        return self.status == TalkStatus.ACCEPTED and self.evening.published

    @property
    def text_is_final(self) -> bool:
        return self.text_final_at is not None


class TalkContact(models.Model):
    """The speaker's private contact: never public, erased on withdrawal."""

    talk = models.OneToOneField(Talk, on_delete=models.CASCADE, related_name="contact")
    name = models.CharField(_("nom"), max_length=200)
    email = models.EmailField(_("adresse e-mail"))
    phone = models.CharField(_("téléphone"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("contact de l'intervenant")
        verbose_name_plural = _("contacts des intervenants")

    def __str__(self) -> str:
        return self.name


class TextVersion(models.Model):
    """One version of the speaker's text, as the speaker saved it: written once, never changed.

    Only the speaker makes a version (from the private link, or by accepting a suggestion);
    no admin form, no group and no superuser changes one (``save`` refuses an update)."""

    talk = models.ForeignKey(Talk, on_delete=models.CASCADE, related_name="text_versions")
    number = models.PositiveIntegerField(_("version"))
    body = models.TextField(_("texte"))
    note = models.CharField(_("ce qui a changé"), max_length=255, blank=True)
    from_remark = models.ForeignKey(
        "Remark",
        verbose_name=_("suggestion acceptée"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("écrite le"), auto_now_add=True)

    class Meta:
        verbose_name = _("version du texte")
        verbose_name_plural = _("versions du texte")
        ordering = ["talk", "number"]
        constraints = [
            models.UniqueConstraint(fields=["talk", "number"], name="talks_textversion_number")
        ]

    def __str__(self) -> str:
        return f"{self.talk} — v{self.number}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise ValidationError(
                _("Une version du texte ne se modifie pas : l'intervenant en écrit une nouvelle.")
            )
        super().save(*args, **kwargs)


class RemarkKind(models.TextChoices):
    COMMENT = "comment", _("Commentaire")
    SUGGESTION = "suggestion", _("Suggestion de changement")


class RemarkStatus(models.TextChoices):
    OPEN = "open", _("En attente de l'intervenant")
    ACCEPTED = "accepted", _("Acceptée par l'intervenant")
    REFUSED = "refused", _("Refusée par l'intervenant")
    SEEN = "seen", _("Lue par l'intervenant")


class Remark(models.Model):
    """The « Accompagnement » helper's comment on a passage, or a suggested change to it."""

    talk = models.ForeignKey(Talk, on_delete=models.CASCADE, related_name="remarks")
    version = models.ForeignKey(
        TextVersion,
        verbose_name=_("version lue"),
        on_delete=models.CASCADE,
        related_name="remarks",
    )
    kind = models.CharField(_("nature"), max_length=16, choices=RemarkKind.choices)
    passage = models.TextField(_("passage"))
    comment = models.TextField(_("commentaire"), blank=True)
    replacement = models.TextField(_("texte proposé à la place"), blank=True)
    status = models.CharField(
        _("état"), max_length=16, choices=RemarkStatus.choices, default=RemarkStatus.OPEN
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="taidx_remarks",
    )
    author_name = models.CharField(_("signé"), max_length=160)
    speaker_reply = models.TextField(_("réponse de l'intervenant"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("remarque d'accompagnement")
        verbose_name_plural = _("remarques d'accompagnement")
        ordering = ["talk", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="suggestion") | ~Q(replacement=""),
                name="talks_remark_suggestion_has_replacement",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.passage[:40]}"


RATING_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]


class Evaluation(models.Model):
    """The speaker's evaluation of the cooperation with the town, in their words."""

    talk = models.OneToOneField(Talk, on_delete=models.CASCADE, related_name="evaluation")
    what_worked = models.TextField(_("ce qui a bien marché avec la ville"))
    what_did_not = models.TextField(_("ce qui n'a pas marché"))
    town_should_change = models.TextField(_("ce que la ville devrait changer"))
    # Against the agreement, when the project has one: 1 (not kept) to 5 (fully kept).
    residents_rating = models.PositiveSmallIntegerField(
        _("engagements des habitants tenus (1 à 5)"),
        null=True,
        blank=True,
        validators=RATING_VALIDATORS,
    )
    town_rating = models.PositiveSmallIntegerField(
        _("engagements de la ville tenus (1 à 5)"),
        null=True,
        blank=True,
        validators=RATING_VALIDATORS,
    )
    ratings_comment = models.TextField(_("à propos de ces notes"), blank=True)
    submitted_at = models.DateTimeField(_("envoyée le"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("évaluation de la coopération")
        verbose_name_plural = _("évaluations de la coopération")
        constraints = [
            models.CheckConstraint(
                condition=Q(residents_rating__isnull=True)
                | Q(residents_rating__gte=1, residents_rating__lte=5),
                name="talks_evaluation_residents_rating_range",
            ),
            models.CheckConstraint(
                condition=Q(town_rating__isnull=True) | Q(town_rating__gte=1, town_rating__lte=5),
                name="talks_evaluation_town_rating_range",
            ),
        ]

    def __str__(self) -> str:
        return str(self.talk)


class TownAnswer(models.Model):
    """The town's answer to an evaluation: its own signed text beside the resident's."""

    evaluation = models.OneToOneField(
        Evaluation, on_delete=models.CASCADE, related_name="town_answer"
    )
    body = models.TextField(_("réponse de la ville"))
    signed_by = models.CharField(
        _("signée par"), max_length=160, help_text=_("Nom et fonction : « Le maire, … ».")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("rédigée par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published_at = models.DateTimeField(_("publiée le"), auto_now_add=True)

    class Meta:
        verbose_name = _("réponse de la ville")
        verbose_name_plural = _("réponses de la ville")

    def __str__(self) -> str:
        return self.signed_by
