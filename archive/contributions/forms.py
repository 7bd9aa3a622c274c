"""Public forms of the archive: contribute without an account, complete an item.

Errors are French sentences attached to the field that caused them; what was typed is kept.
The item page shows ``ResidentAdditionForm``, so this module reads the model modules
themselves, never the ``archive.models`` package that imports the item page."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from archive.contributions.models import Contribution, NameDisplay, ResidentAddition
from archive.models.snippets import Place, Theme
from core.form_fields import RowChoiceField, RowsChoiceField
from core.form_protection import HoneypotMixin
from media.models import Licence
from media.sanitise import (
    audio_video_max_bytes,
    image_max_bytes,
    image_pixel_limits_sentence,
    inspect_audio_video,
    inspect_image,
)


def max_photos() -> int:
    return settings.CONTRIBUTION_MAX_PHOTOS


def upload_limits() -> dict:
    """The limits the server applies, handed to the form's script so it can warn before
    sending (``contribute.js`` reads them from the form's ``data-`` attributes)."""
    return {
        "max_photo_bytes": image_max_bytes(),
        "max_media_bytes": audio_video_max_bytes(),
        "max_request_bytes": settings.CONTRIBUTION_MAX_REQUEST_BYTES,
        "max_photos": max_photos(),
    }


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):g}"


# The limits people read are the ones the server applies: formatted from the settings
# (``media.sanitise``) when the form is shown, like the refusal messages.


def _photos_label() -> str:
    return gettext("Photos (%(max)s au plus)") % {"max": max_photos()}


def _photos_help() -> str:
    return gettext(
        "JPEG, PNG, WebP ou HEIC, %(size)s Mo au plus chacune. La position GPS et les "
        "autres informations cachées des photos sont effacées."
    ) % {"size": _megabytes(image_max_bytes())}


def _media_help() -> str:
    return gettext("MP3, M4A, WAV, OGG, MP4, MOV ou WebM, %(size)s Mo au plus.") % {
        "size": _megabytes(audio_video_max_bytes())
    }


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleImageField(forms.FileField):
    """Up to ``max_photos()`` pictures, each checked by its content."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if not files:
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return []
        if len(files) > max_photos():
            raise ValidationError(
                _("Vous avez choisi %(count)s photos : %(max)s au plus par envoi.")
                % {"count": len(files), "max": max_photos()},
                code="too_many_files",
            )
        errors = []
        for number, upload in enumerate(files, start=1):
            try:
                inspect_image(upload)
            except ValidationError as error:
                errors.append(
                    ValidationError(
                        _("Photo %(number)s : %(message)s")
                        % {"number": number, "message": " ".join(error.messages)},
                        code=error.code,
                    )
                )
        if errors:
            raise ValidationError(errors)
        return files


class AudioVideoField(forms.FileField):
    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload:
            inspect_audio_video(upload)
        return upload


def _date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ContributionForm(HoneypotMixin, forms.Form):
    """Everything the issue asks for, in the order a person thinks of it on a phone."""

    title = forms.CharField(
        label=_("Titre de votre souvenir"),
        max_length=255,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    story = forms.CharField(
        label=_("Racontez"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Ce dont vous vous souvenez : qui, quoi, comment. Prenez votre temps."),
    )
    date_label = forms.CharField(
        label=_("Quand ?"),
        max_length=64,
        required=False,
        help_text=_(
            "Comme vous le diriez : « 12 mai 1968 », « été 1975 », « vers 1960 », « années 50 »."
        ),
    )
    place = RowChoiceField(
        label=_("Où ?"),
        queryset=Place.objects.order_by("name"),
        required=False,
        empty_label=_("— Choisir un lieu —"),
    )
    proposed_place = forms.CharField(
        label=_("Ou proposez un lieu qui n'est pas dans la liste"),
        max_length=255,
        required=False,
    )
    themes = RowsChoiceField(
        label=_("Thèmes"),
        queryset=Theme.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    photos = MultipleImageField(
        label=lazy(_photos_label, str)(),
        required=False,
        widget=MultipleFileInput(
            attrs={"accept": "image/jpeg,image/png,image/webp,image/heic,.heic,.heif"}
        ),
        help_text=format_lazy(
            "{} {}", lazy(_photos_help, str)(), lazy(image_pixel_limits_sentence, str)()
        ),
    )
    media = AudioVideoField(
        label=_("Un son ou une vidéo (facultatif)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "audio/*,video/*"}),
        help_text=lazy(_media_help, str)(),
    )
    full_name = forms.CharField(
        label=_("Vos prénom et nom"),
        max_length=255,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        help_text=_("Ils restent privés si vous choisissez un autre affichage."),
    )
    name_display = forms.ChoiceField(
        label=_("Comment votre nom apparaît-il sous votre souvenir ?"),
        choices=NameDisplay.choices,
        initial=NameDisplay.FIRST_NAME_INITIAL,
        widget=forms.RadioSelect,
    )
    pseudonym = forms.CharField(label=_("Pseudonyme"), max_length=100, required=False)
    email = forms.EmailField(
        label=_("Votre adresse électronique"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_(
            "Jamais affichée. Nous y envoyons le lien privé pour suivre, modifier ou "
            "retirer votre souvenir."
        ),
    )
    phone = forms.CharField(
        label=_("Téléphone (facultatif)"),
        max_length=32,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    allow_web = forms.BooleanField(
        label=_("Publication sur le site de l'archive"), required=False, initial=True
    )
    allow_festival = forms.BooleanField(
        label=_("Expositions et projections pendant le festival"), required=False
    )
    allow_research = forms.BooleanField(label=_("Recherche seulement (non publié)"), required=False)
    licence = forms.ChoiceField(
        label=_("Ce que les autres peuvent en faire"),
        choices=Licence.choices,
        initial=Licence.CC_BY,
        widget=forms.RadioSelect,
    )
    image_rights_attested = forms.BooleanField(
        label=_(
            "Les personnes reconnaissables sur mes photos ou ma vidéo sont d'accord "
            "(droit à l'image)."
        ),
        required=False,
    )
    is_minor = forms.BooleanField(label=_("J'ai moins de 18 ans"), required=False)
    parent_name = forms.CharField(
        label=_("Nom de votre parent ou tuteur"), max_length=255, required=False
    )
    parent_consent = forms.BooleanField(
        label=_("Mon parent ou tuteur est d'accord avec cet envoi."), required=False
    )
    embargo_until = forms.DateField(
        label=_("Ne pas publier avant le (facultatif)"),
        required=False,
        widget=_date_input(),
    )
    accept = forms.BooleanField(
        label=_(
            "Je confie ce souvenir à l'archive selon les choix ci-dessus ; je pourrai le "
            "retirer à tout moment."
        ),
    )

    def clean(self):
        data = super().clean()
        photos = data.get("photos") or []
        if data.get("name_display") == NameDisplay.PSEUDONYM and not data.get("pseudonym"):
            self.add_error("pseudonym", _("Indiquez le pseudonyme à afficher."))
        if not (data.get("allow_web") or data.get("allow_festival") or data.get("allow_research")):
            self.add_error(
                "allow_web", _("Choisissez au moins un usage : site, festival ou recherche.")
            )
        elif data.get("allow_research") and (data.get("allow_web") or data.get("allow_festival")):
            self.add_error(
                "allow_research",
                _(
                    "« Recherche seulement » exclut le site et le festival : décochez ce choix, "
                    "ou les deux autres."
                ),
            )
        if (photos or data.get("media")) and not data.get("image_rights_attested"):
            self.add_error(
                "image_rights_attested",
                _(
                    "Avec des photos ou une vidéo, confirmez que les personnes reconnaissables "
                    "sont d'accord."
                ),
            )
        if data.get("is_minor"):
            if not data.get("parent_name"):
                self.add_error("parent_name", _("Indiquez le nom de votre parent ou tuteur."))
            if not data.get("parent_consent"):
                self.add_error(
                    "parent_consent",
                    _("Avant 18 ans, l'accord d'un parent ou tuteur est nécessaire."),
                )
        embargo = data.get("embargo_until")
        if embargo and embargo <= timezone.localdate():
            self.add_error("embargo_until", _("Choisissez une date à venir, ou laissez vide."))
        return data


class ContributionEditForm(HoneypotMixin, forms.ModelForm):
    """While in review, the contributor may still change what they told."""

    class Meta:
        model = Contribution
        fields = ["title", "story", "date_label", "place", "proposed_place", "themes"]
        field_classes = {"place": RowChoiceField, "themes": RowsChoiceField}
        labels = {
            "title": _("Titre de votre souvenir"),
            "story": _("Racontez"),
            "date_label": _("Quand ?"),
            "place": _("Où ?"),
            "proposed_place": _("Ou proposez un lieu qui n'est pas dans la liste"),
        }
        widgets = {
            "themes": forms.CheckboxSelectMultiple,
            "story": forms.Textarea(attrs={"rows": 8}),
        }


class ResidentAdditionForm(HoneypotMixin, forms.ModelForm):
    """« Vous reconnaissez quelqu'un ? » — held for review before it shows."""

    class Meta:
        model = ResidentAddition
        fields = ["person_named", "date_label", "comment", "credit_name", "email"]
        labels = {
            "person_named": _("Qui reconnaissez-vous ? (facultatif)"),
            "date_label": _("Une date ? (facultatif)"),
            "comment": _("Votre complément"),
            "credit_name": _("Votre nom tel qu'il sera affiché"),
            "email": _("Votre adresse électronique (facultatif, jamais affichée)"),
        }
        widgets = {"comment": forms.Textarea(attrs={"rows": 3})}


class LinksResendForm(HoneypotMixin, forms.Form):
    """« Renvoyer mes liens »: only an address, no account."""

    email = forms.EmailField(
        label=_("Votre adresse électronique"),
        help_text=_(
            "Celle que vous avez donnée en confiant un souvenir, un complément ou en vous "
            "inscrivant comme bénévole. Les liens partent vers elle seule."
        ),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Indiquez votre adresse électronique : vos liens y seront envoyés."),
            "invalid": _("Cette adresse semble incomplète, par exemple : nom@exemple.fr."),
        },
    )
