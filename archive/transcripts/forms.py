"""Public and admin forms of transcripts; French errors next to the field concerned."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.forms import WagtailAdminModelForm

from archive.models import Interview, Segment, SegmentCorrection, Tape
from archive.models.transcripts import TimecodeFormField
from archive.transcripts.services import MERGE, REPLACE, timeline_duration, transcript_problems
from archive.transcripts.timecodes import Cue, format_timecode
from media.sanitise import sanitise_audio_video


class CorrectionForm(forms.ModelForm):
    """A visitor proposes how a passage should read; an editor decides."""

    class Meta:
        model = SegmentCorrection
        fields = ["proposed_text", "comment", "credit_name"]
        labels = {
            "proposed_text": _("Le passage tel que vous l'entendez"),
            "comment": _("Pourquoi ? (facultatif)"),
            "credit_name": _("Votre nom tel qu'il sera affiché (facultatif)"),
        }
        widgets = {
            "proposed_text": forms.Textarea(attrs={"rows": 5}),
            "comment": forms.Textarea(attrs={"rows": 2}),
        }


class TranscriptImportForm(forms.Form):
    file = forms.FileField(
        label=_("Fichier de transcription"),
        help_text=_("WebVTT (.vtt) ou texte (.txt) avec des temps [HH:MM:SS], en UTF-8."),
    )
    mode = forms.ChoiceField(
        label=_("Que faire des segments actuels ?"),
        choices=[
            (REPLACE, _("Tout remplacer par le fichier")),
            (MERGE, _("Fusionner : le fichier remplace seulement les passages qu'il couvre")),
        ],
        initial=REPLACE,
        widget=forms.RadioSelect,
    )

    max_bytes = 10 * 1024 * 1024

    def clean_file(self):
        upload = self.cleaned_data["file"]
        # Ten hours of speech is about 1 MB of text: anything far bigger is not a transcript.
        if upload.size > self.max_bytes:
            raise ValidationError(
                _("Ce fichier pèse plus de 10 Mo : une transcription est bien plus légère.")
            )
        return upload

    def file_format(self) -> str:
        name = self.cleaned_data["file"].name.lower()
        return "text" if name.endswith(".txt") else "webvtt"


class SplitForm(forms.Form):
    at = TimecodeFormField(label=_("Couper à"))
    text_before = forms.CharField(
        label=_("Texte avant la coupure"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    text_after = forms.CharField(
        label=_("Texte après la coupure"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class ShiftForm(forms.Form):
    offset = forms.CharField(
        label=_("Décalage"),
        help_text=_("Par exemple 00:00:02.5 pour retarder, -00:00:02.5 pour avancer."),
    )
    start_from = TimecodeFormField(label=_("À partir de"), required=False)
    until = TimecodeFormField(label=_("Jusqu'à"), required=False)

    def clean_offset(self) -> int:
        from archive.transcripts.timecodes import TimecodeError, parse_timecode

        value = self.cleaned_data["offset"].strip()
        sign = -1 if value.startswith("-") else 1
        try:
            millis = parse_timecode(value.lstrip("+-"))
        except TimecodeError as error:
            raise ValidationError(str(error)) from error
        if millis == 0:
            raise ValidationError(_("Un décalage de zéro ne change rien."))
        return sign * millis


class SegmentChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Segment) -> str:
        # Who speaks matters: only one person's consecutive segments can be joined.
        voice = f"{obj.speaker} : " if obj.speaker else ""
        text = obj.text if len(obj.text) <= 90 else obj.text[:89] + "…"
        return f"{format_timecode(obj.start)} – {format_timecode(obj.end)} · {voice}{text}"


class MergeForm(forms.Form):
    """Tick the segments that follow each other; the service refuses gaps and two voices."""

    segments = SegmentChoiceField(
        label=_("Segments à réunir"),
        queryset=Segment.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Cochez au moins deux segments qui se suivent, dits par la même personne."),
    )

    def __init__(self, *args, interview: Interview, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["segments"].queryset = interview.segments.order_by("start", "pk")


class InterviewSplitForm(SplitForm):
    """The editor gives a time; the segment being said at that time is the one cut."""

    def __init__(self, *args, interview: Interview, **kwargs):
        super().__init__(*args, **kwargs)
        self.interview = interview
        self.segment: Segment | None = None

    def clean_at(self) -> int:
        at = self.cleaned_data["at"]
        self.segment = (
            self.interview.segments.filter(start__lt=at, end__gt=at).order_by("start", "pk").first()
        )
        if self.segment is None:
            raise ValidationError(
                _(
                    "Aucun segment n'est en cours à %(at)s : choisissez un temps entre le début "
                    "et la fin d'un segment."
                )
                % {"at": format_timecode(at)}
            )
        return at

    def clean(self):
        cleaned = super().clean()
        # Both texts or neither: one alone would lose the other half of what was said.
        before, after = cleaned.get("text_before", ""), cleaned.get("text_after", "")
        if bool(before.strip()) != bool(after.strip()):
            self.add_error(
                "text_after" if before.strip() else "text_before",
                _("Écrivez les deux textes, ou aucun pour couper entre les mots au plus près."),
            )
        return cleaned


class InterviewAdminForm(WagtailAdminModelForm):
    """The Interview's form in the admin: nothing is saved while the time line it would save
    has a problem, and each problem is shown on the segment to correct.

    The rule itself is ``transcript_problems``, the one every import, split and shift uses."""

    def is_valid(self) -> bool:
        if not hasattr(self, "_timeline_valid"):
            valid = super().is_valid()
            self._timeline_valid = self._check_timeline() and valid
        return self._timeline_valid

    def _kept_forms(self, name: str) -> list:
        formset = self.formsets.get(name)
        if formset is None:
            return []
        return [
            form
            for form in formset.forms
            if form.is_valid()
            and (form.has_changed() or not form.empty_permitted)
            and not form.cleaned_data.get("DELETE")
        ]

    def _check_timeline(self) -> bool:
        tapes = [
            Tape(
                media_file=form.cleaned_data.get("media_file"),
                duration=form.cleaned_data.get("duration"),
            )
            for form in self._kept_forms("tapes")
        ]
        page = self.cleaned_data.get("page") if hasattr(self, "cleaned_data") else None
        duration = timeline_duration(tapes=tapes, page_media=getattr(page, "media_file", None))
        segment_forms = self._kept_forms("segments")
        cues = [
            Cue(
                start=form.cleaned_data["start"],
                end=form.cleaned_data["end"],
                text=form.cleaned_data.get("text", ""),
                speaker=form.cleaned_data.get("speaker", ""),
            )
            for form in segment_forms
        ]
        problems = transcript_problems(cues=cues, duration=duration)
        for problem in problems:
            form = segment_forms[problem.index]
            if problem.field in form.fields:
                form.add_error(problem.field, problem.message)
            else:
                form.add_error(None, problem.message)
        if problems:
            self.add_error(
                None,
                ngettext(
                    "La transcription n'est pas enregistrée : un segment a un problème, "
                    "signalé sous lui.",
                    "La transcription n'est pas enregistrée : %(count)s problèmes dans les "
                    "segments, signalés sous chacun d'eux.",
                    len(problems),
                )
                % {"count": len(problems)},
            )
        return not problems


class MediaFileAdminForm(WagtailAdminModelForm):
    """A recording added or replaced in the admin passes the same content checks as an
    upload from the public form; its nature, type, size and length come from the file."""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        self.clean_media = None
        if isinstance(upload, UploadedFile):
            self.clean_media = sanitise_audio_video(upload)
        return upload

    def save(self, commit=True):
        media_file = super().save(commit=False)
        clean = getattr(self, "clean_media", None)
        if clean is not None:
            replaced = self.initial.get("file")
            media_file.kind = clean.kind
            media_file.mime_type = clean.mime_type
            media_file.duration = clean.duration
            media_file.file_size = clean.content.size
            media_file.file.save(clean.content.name, clean.content, save=False)
            if replaced:
                storage, name = media_file.file.storage, str(replaced)
                transaction.on_commit(lambda: storage.delete(name))
        if commit:
            media_file.save()
            self.save_m2m()
        return media_file
