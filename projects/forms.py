"""The carriers' forms: propose a project on a phone, change it, give news, tell how it went.

Errors are French sentences at the field that caused them; what was typed is kept. Photos go
through the contributions' own field (``MultipleImageField``): the same content checks."""

from django import forms
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from archive.contributions.forms import (
    MultipleFileInput,
    MultipleImageField,
    _photos_help,
    _photos_label,
)
from archive.models.snippets import Place
from core.form_protection import HoneypotMixin
from media.sanitise import image_pixel_limits_sentence
from projects.models import CompletionReport, Project, ProjectKind, RequestKind, TownRequest
from projects.proposals import CONSENT_FIELDS, PROPOSAL_FIELDS

MAX_REQUESTS = 20
PHOTO_ACCEPT = "image/jpeg,image/png,image/webp,image/heic,.heic,.heif"


def _date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _photos_field() -> MultipleImageField:
    return MultipleImageField(
        label=lazy(_photos_label, str)(),
        required=False,
        widget=MultipleFileInput(attrs={"accept": PHOTO_ACCEPT}),
        help_text=format_lazy(
            "{} {}", lazy(_photos_help, str)(), lazy(image_pixel_limits_sentence, str)()
        ),
    )


class ProjectFieldsForm(HoneypotMixin, forms.ModelForm):
    """What the carriers write of their project, when proposing it and when changing it."""

    kind = forms.ChoiceField(
        label=_("De quel genre de projet s'agit-il ?"),
        choices=[("", _("— Choisir —")), *ProjectKind.choices],
        error_messages={"required": _("Choisissez le genre de projet le plus proche.")},
    )
    place = forms.ModelChoiceField(
        label=_("Un lieu de la ville"),
        queryset=Place.objects.order_by("name"),
        required=False,
        empty_label=_("— Choisir un lieu —"),
    )
    latitude = forms.DecimalField(
        label=_("Ou un point : latitude"),
        required=False,
        min_value=-90,
        max_value=90,
        decimal_places=6,
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
        help_text=_("Par exemple 50.4573 ; sur une carte en ligne, un appui long la donne."),
    )
    longitude = forms.DecimalField(
        label=_("longitude"),
        required=False,
        min_value=-180,
        max_value=180,
        decimal_places=6,
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
        help_text=_("Par exemple 2.7912."),
    )

    class Meta:
        model = Project
        fields = [*PROPOSAL_FIELDS, *CONSENT_FIELDS]
        labels = {
            "title": _("Le nom du projet"),
            "need": _("À quoi sert le projet ?"),
            "carrier_kind": _("Qui porte le projet ?"),
            "carrier_name": _("Le nom affiché des porteurs"),
            "address": _("Ou l'adresse, en quelques mots"),
            "commitment": _("Ce que nous nous engageons à faire"),
            "upkeep": _("L'entretien ensuite (facultatif)"),
            "start_on": _("Début souhaité (facultatif)"),
            "end_on": _("Fin prévue (facultatif)"),
            "show_publicly": _("Le projet peut être montré sur le site de la ville."),
            "photos_to_archive": _("Nos photos peuvent rejoindre l'archive des mémoires."),
            "becomes_archive_item": _(
                "Une fois terminé, le projet et son bilan peuvent entrer dans l'archive."
            ),
        }
        help_texts = {
            "address": _("« Au bout de la rue Bollaert, derrière l'école »."),
            "commitment": _(
                "Les tâches, combien de personnes, combien d'heures, quand. La convention "
                "les reprendra ligne à ligne."
            ),
        }
        widgets = {
            "carrier_kind": forms.RadioSelect,
            "need": forms.Textarea(attrs={"rows": 5}),
            "commitment": forms.Textarea(attrs={"rows": 5}),
            "upkeep": forms.Textarea(attrs={"rows": 3}),
            "start_on": _date_input(),
            "end_on": _date_input(),
            "title": forms.TextInput(attrs={"autocomplete": "off"}),
        }
        error_messages = {
            "title": {"required": _("Donnez un nom au projet, même provisoire.")},
            "need": {"required": _("Dites en quelques mots à quoi le projet servira.")},
            "carrier_name": {
                "required": _("Indiquez le nom à afficher : le vôtre, celui du groupe…")
            },
            "commitment": {"required": _("Dites ce que vous ferez vous-mêmes.")},
        }

    def clean(self):
        data = super().clean()
        latitude, longitude = data.get("latitude"), data.get("longitude")
        if (latitude is None) != (longitude is None) and not (
            self.has_error("latitude") or self.has_error("longitude")
        ):
            missing = "longitude" if longitude is None else "latitude"
            self.add_error(missing, _("Un point se donne avec sa latitude et sa longitude."))
        elif not (data.get("place") or latitude is not None or data.get("address")) and not (
            self.has_error("latitude") or self.has_error("longitude")
        ):
            self.add_error(
                "place",
                _(
                    "Dites où : choisissez un lieu, donnez un point (latitude et longitude) "
                    "ou écrivez l'adresse en quelques mots."
                ),
            )
        start, end = data.get("start_on"), data.get("end_on")
        if start and end and end < start:
            self.add_error("end_on", _("La fin vient après le début : vérifiez les dates."))
        return data


class ProposalForm(ProjectFieldsForm):
    """The whole proposal, in the order a person thinks of it on a phone."""

    photos = _photos_field()
    contact_name = forms.CharField(
        label=_("Vos prénom et nom"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        help_text=_("Jamais affichés : seule l'équipe de la ville les lit."),
        error_messages={"required": _("Indiquez votre nom : l'équipe de la ville vous écrira.")},
    )
    email = forms.EmailField(
        label=_("Votre adresse électronique"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_(
            "Jamais affichée. Nous y envoyons le lien privé qui confirme la proposition et "
            "permet de la suivre."
        ),
        error_messages={
            "required": _("Indiquez votre adresse électronique : le lien privé y sera envoyé."),
            "invalid": _("Cette adresse semble incomplète, par exemple : nom@exemple.fr."),
        },
    )
    phone = forms.CharField(
        label=_("Téléphone (facultatif)"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )


class TownRequestForm(forms.ModelForm):
    """One line of what the carriers ask the town; an empty line is left out."""

    kind = forms.ChoiceField(
        label=_("Nature"),
        choices=[("", _("— Choisir —")), *RequestKind.choices],
    )

    class Meta:
        model = TownRequest
        fields = ["kind", "description", "amount"]
        labels = {
            "description": _("Ce que nous demandons"),
            "amount": _("Montant en euros (pour une demande d'argent)"),
        }
        widgets = {"amount": forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.01"})}
        error_messages = {
            "description": {"required": _("Décrivez la demande en quelques mots.")},
        }

    def clean(self):
        data = super().clean()
        if data.get("description") and not data.get("kind"):
            self.add_error("kind", _("Choisissez la nature de la demande."))
        return data


TownRequestFormSet = forms.formset_factory(
    TownRequestForm, extra=3, max_num=MAX_REQUESTS, validate_max=True
)


def town_requests_formset(*, data=None, initial=None, prefix: str = "demandes"):
    """The request lines: three empty ones to fill (an empty one is left out)."""
    return TownRequestFormSet(data=data, initial=initial, prefix=prefix)


def town_requests_cleaned(formset) -> list[dict]:
    return [
        form.cleaned_data
        for form in formset.forms
        if form.has_changed() and form.cleaned_data.get("description")
    ]


class ProgressForm(HoneypotMixin, forms.Form):
    text = forms.CharField(
        label=_("Où en est le projet ?"),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Racontez ce qui a été fait, même en une phrase.")},
    )
    happened_on = forms.DateField(
        label=_("C'était le"),
        widget=_date_input(),
        initial=timezone.localdate,
        error_messages={"required": _("Indiquez la date, par exemple aujourd'hui.")},
    )
    photos = _photos_field()

    def clean_happened_on(self):
        day = self.cleaned_data["happened_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(
                _("Cette date est à venir : donnez des nouvelles de ce qui est fait.")
            )
        return day


class ReportForm(HoneypotMixin, forms.ModelForm):
    class Meta:
        model = CompletionReport
        fields = ["residents_account"]
        labels = {"residents_account": _("Votre récit de la coopération avec la ville")}
        help_texts = {
            "residents_account": _(
                "Avec vos mots : ce qui a marché, ce qui a coincé, ce qu'il faudrait changer. "
                "Il sera publié tel quel, critiques comprises."
            )
        }
        widgets = {"residents_account": forms.Textarea(attrs={"rows": 8})}
        error_messages = {
            "residents_account": {"required": _("Écrivez votre récit avant de l'envoyer.")}
        }
