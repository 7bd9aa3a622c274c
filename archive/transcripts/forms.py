"""Public and admin forms of transcripts; French errors next to the field concerned."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.forms import WagtailAdminModelForm

from archive.models import Interview, Segment, SegmentCorrection, Tape
from archive.transcripts.models import TimecodeFormField
from archive.transcripts.services import (
    MERGE,
    REPLACE,
    EditProblem,
    SegmentChange,
    interview_cues,
    timeline_duration,
    transcript_problems,
)
from core.form_fields import RowsChoiceField
from core.form_protection import HoneypotMixin
from media.sanitise import sanitise_audio_video
from media.timecodes import TimecodeError, format_timecode, parse_timecode


class CorrectionForm(HoneypotMixin, forms.ModelForm):
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
        value = self.cleaned_data["offset"].strip()
        sign = -1 if value.startswith("-") else 1
        try:
            millis = parse_timecode(value.lstrip("+-"))
        except TimecodeError as error:
            raise ValidationError(str(error)) from error
        if millis == 0:
            raise ValidationError(_("Un décalage de zéro ne change rien."))
        return sign * millis


class SegmentChoiceField(RowsChoiceField):
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


class WindowJumpForm(forms.Form):
    """« Aller à » in the segment editor: the window holding that time opens."""

    t = TimecodeFormField(label=_("Aller à"), required=False, help_text=_("Par exemple 1:02:00."))


class SegmentRowForm(forms.ModelForm):
    """One segment of the editor's window: times, who speaks, what is said."""

    class Meta:
        model = Segment
        fields = ["start", "end", "speaker", "text"]
        widgets = {
            "speaker": forms.TextInput(attrs={"size": 12}),
            "text": forms.Textarea(attrs={"rows": 2, "cols": 60}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("start", "end"):
            # The format is said once, above the table, not on each of fifty rows.
            self.fields[name].help_text = ""
            self.fields[name].widget.attrs.update({"size": 12, "inputmode": "decimal"})


class BaseSegmentWindowFormSet(forms.BaseModelFormSet):
    """The rows of one window; ``changes()`` says what the editor changed, and
    ``add_problems()`` puts each problem the service found next to its row and field."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields["id"].error_messages["invalid_choice"] = _(
            "Ce segment a été supprimé entre-temps, peut-être par quelqu'un d'autre : "
            "rouvrez la fenêtre pour voir la transcription telle qu'elle est."
        )

    def changes(self) -> list[SegmentChange]:
        self.changed_forms = []
        changes = []
        for form in self.forms:
            chosen = form.cleaned_data.get("id")
            segment_id = chosen.pk if chosen is not None else form.instance.pk
            if self.can_delete and self._should_delete_form(form):
                if segment_id is None:
                    continue
                change = SegmentChange(segment_id=segment_id, delete=True)
            elif form.has_changed():
                data = form.cleaned_data
                change = SegmentChange(
                    segment_id=segment_id,
                    start=data["start"],
                    end=data["end"],
                    speaker=data.get("speaker", ""),
                    text=data.get("text", ""),
                )
            else:
                continue
            self.changed_forms.append(form)
            changes.append(change)
        return changes

    def add_problems(self, problems: list[EditProblem]) -> None:
        """Problems on segments outside the window are kept in ``other_problems``."""
        by_segment = {form.instance.pk: form for form in self.forms if form.instance.pk}
        self.other_problems = []
        for problem in problems:
            if problem.change is not None:
                form = self.changed_forms[problem.change]
            else:
                form = by_segment.get(problem.segment_id)
            if form is None:
                self.other_problems.append(problem)
            else:
                form.add_error(
                    problem.field if problem.field in form.fields else None, problem.message
                )


SegmentWindowFormSet = forms.modelformset_factory(
    Segment,
    form=SegmentRowForm,
    formset=BaseSegmentWindowFormSet,
    extra=1,
    can_delete=True,
)


class InterviewAdminForm(WagtailAdminModelForm):
    """The Interview's form in the admin: tapes whose lengths would leave segments after the
    end of the recording are not saved, and the form says which segments.

    The segments themselves are edited in the segment editor, window by window; the rule is
    ``transcript_problems``, the one every import, split, shift and edit uses."""

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
        if self.instance.pk is None or "tapes" not in self.formsets:
            return True  # a new interview has no segments yet
        tapes = [
            Tape(
                media_file=form.cleaned_data.get("media_file"),
                duration=form.cleaned_data.get("duration"),
            )
            for form in self._kept_forms("tapes")
        ]
        page = self.cleaned_data.get("page") if hasattr(self, "cleaned_data") else None
        duration = timeline_duration(tapes=tapes, page_media=getattr(page, "media_file", None))
        if duration is None:
            return True
        cues = interview_cues(interview=self.instance)
        # Only what the new lengths cause: a problem already stored is the segment
        # editor's business, and must not keep anyone from correcting a speaker's name.
        before = {(p.index, p.message) for p in transcript_problems(cues=cues)}
        problems = [
            problem
            for problem in transcript_problems(cues=cues, duration=duration)
            if (problem.index, problem.message) not in before
        ]
        if problems:
            self.add_error(
                None,
                ngettext(
                    "Les bandes ne sont pas enregistrées : avec ces durées, un segment "
                    "dépasserait la fin de l'enregistrement. %(first)s",
                    "Les bandes ne sont pas enregistrées : avec ces durées, %(count)s segments "
                    "dépasseraient la fin de l'enregistrement. %(first)s",
                    len(problems),
                )
                % {"count": len(problems), "first": problems[0].message},
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
