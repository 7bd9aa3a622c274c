"""Oral histories: an interview's tapes on one time line, its transcript and its index.

Times are whole milliseconds from the start of the first tape: a segment of the second tape
starts after the whole of the first. An interview without any recording (a transcript kept
on paper, a talk whose video was lost) is complete in itself."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from archive.contributions.models import ReviewedByTeam
from media.timecodes import TimecodeError, format_timecode, parse_timecode


class TimecodeFormField(forms.CharField):
    """An editor types ``01:02:10`` or ``01:02:10.5``; the database keeps milliseconds."""

    def prepare_value(self, value):
        if isinstance(value, int):
            return format_timecode(value)
        return value

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            return parse_timecode(value)
        except TimecodeError as error:
            raise ValidationError(str(error), code="invalid") from error


class TimecodeField(models.PositiveIntegerField):
    """Milliseconds in the database, ``HH:MM:SS`` in forms."""

    def formfield(self, **kwargs):
        kwargs["form_class"] = TimecodeFormField
        kwargs.setdefault("help_text", _("HH:MM:SS, par exemple 01:02:10 ou 01:02:10.500"))
        return models.Field.formfield(self, **kwargs)


class Interview(ClusterableModel):
    """The transcript and index of an oral history or a talk, attached to its archive item."""

    page = models.OneToOneField(
        "archive.ArchiveItemPage",
        verbose_name=_("élément d'archive"),
        on_delete=models.CASCADE,
        related_name="interview",
    )
    language = models.CharField(_("langue"), max_length=16, default="fr")
    speakers_note = models.CharField(
        _("personnes qui parlent"),
        max_length=255,
        blank=True,
        help_text=_("Par exemple : « Marcel D., mineur ; Anne L., intervieweuse »."),
    )
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    panels = [
        FieldPanel("page"),
        FieldRowPanel([FieldPanel("language"), FieldPanel("speakers_note")]),
        InlinePanel("tapes", heading=_("Bandes ou parties"), label=_("Bande")),
        InlinePanel("index_segments", heading=_("Index"), label=_("Chapitre de l'index")),
        # The segments are not inline: an hour holds hundreds of them. The admin edits them
        # window by window (archive.transcripts.admin_views.segments_edit_view).
    ]

    class Meta:
        verbose_name = _("transcription d'entretien")
        verbose_name_plural = _("transcriptions d'entretiens")

    def __str__(self) -> str:
        return str(self.page.title) if self.page_id else str(_("Entretien"))


class Tape(Orderable):
    """One recording of the interview (a cassette side, a part); played one after another."""

    interview = ParentalKey(Interview, on_delete=models.CASCADE, related_name="tapes")
    title = models.CharField(_("titre"), max_length=255, blank=True)
    media_file = models.ForeignKey(
        "media.MediaFile",
        verbose_name=_("son ou vidéo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    duration = TimecodeField(
        _("durée"),
        null=True,
        blank=True,
        help_text=_("Lue dans le fichier ; à saisir seulement pour une bande sans fichier."),
    )

    panels = [FieldPanel("title"), FieldPanel("media_file"), FieldPanel("duration")]

    class Meta(Orderable.Meta):
        verbose_name = _("bande")
        verbose_name_plural = _("bandes")

    @property
    def duration_ms(self) -> int | None:
        """The file's own length when known, else what the editor typed."""
        if self.media_file_id and self.media_file.duration:
            return round(self.media_file.duration * 1000)
        return self.duration


class Segment(models.Model):
    """What was said between two times, by whom, word for word."""

    interview = ParentalKey(Interview, on_delete=models.CASCADE, related_name="segments")
    start = TimecodeField(_("début"))
    end = TimecodeField(_("fin"))
    speaker = models.CharField(_("qui parle"), max_length=80, blank=True)
    text = models.TextField(_("texte"))

    panels = [
        FieldRowPanel([FieldPanel("start"), FieldPanel("end"), FieldPanel("speaker")]),
        FieldPanel("text"),
    ]

    class Meta:
        verbose_name = _("segment")
        verbose_name_plural = _("segments")
        ordering = ["start", "pk"]
        indexes = [models.Index(fields=["interview", "start"])]

    def __str__(self) -> str:
        return f"[{format_timecode(self.start)}] {self.text[:60]}"


class IndexSegment(ClusterableModel):
    """A chapter of the interview's index (OHMS style): where a subject starts and ends."""

    interview = ParentalKey(Interview, on_delete=models.CASCADE, related_name="index_segments")
    start = TimecodeField(_("début"))
    end = TimecodeField(_("fin"), null=True, blank=True)
    title = models.CharField(_("titre"), max_length=255)
    synopsis = models.TextField(_("résumé"), blank=True)
    keywords = models.CharField(
        _("mots-clés"), max_length=500, blank=True, help_text=_("Séparés par des virgules.")
    )
    places = ParentalManyToManyField("archive.Place", verbose_name=_("lieux"), blank=True)

    panels = [
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
        FieldPanel("title"),
        FieldPanel("synopsis"),
        MultiFieldPanel([FieldPanel("keywords"), FieldPanel("places")], heading=_("Repères")),
    ]

    class Meta:
        verbose_name = _("chapitre de l'index")
        verbose_name_plural = _("chapitres de l'index")
        ordering = ["start", "pk"]

    def __str__(self) -> str:
        return f"[{format_timecode(self.start)}] {self.title}"

    @property
    def keyword_list(self) -> list[str]:
        return [word.strip() for word in self.keywords.split(",") if word.strip()]


class SegmentCorrection(ReviewedByTeam):
    """A visitor's proposed correction of a segment, applied only once an editor accepts it."""

    segment = models.ForeignKey(Segment, on_delete=models.CASCADE, related_name="corrections")
    proposed_text = models.TextField(_("texte proposé"))
    comment = models.TextField(_("commentaire"), blank=True)
    credit_name = models.CharField(_("nom affiché"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("correction proposée")
        verbose_name_plural = _("corrections proposées")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.segment} — {self.proposed_text[:40]}"
