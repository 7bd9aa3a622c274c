"""The public sign-up form and the coordinators' message form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.form_protection import HoneypotMixin


class SignupForm(HoneypotMixin, forms.Form):
    name = forms.CharField(
        label=_("Prénom et nom"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("Indiquez votre nom, pour que l'équipe vous accueille.")},
    )
    email = forms.EmailField(
        label=_("Adresse e-mail"),
        help_text=_(
            "Nous y envoyons le lien de confirmation, puis un rappel avant chaque créneau."
        ),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Indiquez votre adresse e-mail : le lien de confirmation y sera envoyé."),
            "invalid": _("Cette adresse e-mail semble incomplète, par exemple : nom@exemple.fr."),
        },
    )
    phone = forms.CharField(
        label=_("Téléphone (facultatif)"),
        max_length=40,
        required=False,
        help_text=_("Seulement pour vous joindre le jour même."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    shifts = forms.TypedMultipleChoiceField(
        label=_("Créneaux"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choisissez au moins un créneau dans la liste."),
            "invalid_choice": _("Un des créneaux choisis n'existe plus : rechargez la page."),
        },
    )
    first_time = forms.BooleanField(
        label=_("C'est ma première fois comme bénévole (nous vous mettrons en binôme)"),
        required=False,
    )
    prerequisites_confirmed = forms.BooleanField(
        label=_("Je remplis les conditions des rôles choisis (indiquées sous chaque rôle)"),
        required=False,
    )
    consent = forms.BooleanField(
        label=_(
            "J'accepte que mes coordonnées servent à organiser le festival ; elles sont "
            "effacées après l'édition"
        ),
        error_messages={
            "required": _("Cochez cette case pour que nous puissions garder votre inscription.")
        },
    )
    contact_next_year = forms.BooleanField(
        label=_("Je veux bien être recontacté(e) pour l'édition suivante"), required=False
    )

    def __init__(self, *args, shifts, **kwargs):
        super().__init__(*args, **kwargs)
        self.shift_map = {shift.pk: shift for shift in shifts}
        self.fields["shifts"].choices = [(shift.pk, str(shift.pk)) for shift in shifts]

    def selected_ids(self) -> set[int]:
        """Checked shifts as typed, even when the form is invalid (to keep them checked).

        Only the shifts offered: a value sent by hand (« ² » is a digit to ``str.isdigit``
        but not to ``int``) is ignored, never an error."""
        values = self.data.getlist("shifts") if hasattr(self.data, "getlist") else []
        ticked = {str(value) for value in values}
        return {pk for pk in self.shift_map if str(pk) in ticked}

    def clean(self):
        cleaned = super().clean()
        chosen = [self.shift_map[pk] for pk in cleaned.get("shifts") or []]
        needs = any(shift.role.prerequisites.all() for shift in chosen)
        if needs and not cleaned.get("prerequisites_confirmed"):
            self.add_error(
                "prerequisites_confirmed",
                _("Confirmez que vous remplissez les conditions des rôles choisis."),
            )
        return cleaned


class ShiftMessageForm(forms.Form):
    subject = forms.CharField(label=_("Objet"), max_length=150)
    body = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 8}))
