"""Public and admin forms of transcripts; French errors next to the field concerned."""

from django import forms
from django.utils.translation import gettext_lazy as _

from archive.models import SegmentCorrection
from archive.models.transcripts import TimecodeFormField
from archive.transcripts.services import MERGE, REPLACE


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
        from django.core.exceptions import ValidationError

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
