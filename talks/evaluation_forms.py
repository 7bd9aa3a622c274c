"""The speaker's evaluation form (from the private link) and the town's answer form (admin).

The forms only read what was typed; the rules (texts required, ratings only against an agreed
agreement, a signed answer) live in ``talks.evaluations``, whose French errors the views put
back next to the fields."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.form_protection import HoneypotMixin
from talks.evaluations import RATING_WORDS

RATING_CHOICES = [(rating, f"{rating} — {words}") for rating, words in RATING_WORDS.items()]


def _text(label, help_text="", *, required=True):
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=required,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Écrivez quelques mots ici.")},
    )


class EvaluationForm(HoneypotMixin, forms.Form):
    """The three texts, and when the talk tells a project with an agreed agreement, the two
    ratings 1–5 in words and a comment (``ratings_apply``)."""

    what_worked = _text(_("Ce qui a bien marché avec la ville"))
    what_did_not = _text(_("Ce qui n'a pas marché"))
    town_should_change = _text(
        _("Ce que la ville devrait changer"),
        _("Publié aussi sur la page « Ce qui doit changer », où la ville répond."),
    )
    residents_rating = forms.TypedChoiceField(
        label=_("Les engagements des habitants ont-ils été tenus ?"),
        choices=RATING_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choisissez une note de 1 (pas tenus) à 5.")},
    )
    town_rating = forms.TypedChoiceField(
        label=_("Les engagements de la ville ont-ils été tenus ?"),
        choices=RATING_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choisissez une note de 1 (pas tenus) à 5.")},
    )
    ratings_comment = _text(
        _("À propos de ces notes"),
        _("Facultatif : ce qui explique vos notes."),
        required=False,
    )

    RATING_FIELDS = ("residents_rating", "town_rating", "ratings_comment")

    def __init__(self, *args, ratings_apply: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.ratings_apply = ratings_apply
        if not ratings_apply:
            for name in self.RATING_FIELDS:
                del self.fields[name]

    def text_fields(self):
        return [self[name] for name in ("what_worked", "what_did_not", "town_should_change")]

    def rating_fields(self):
        return [self[name] for name in self.RATING_FIELDS if name in self.fields]

    def submitted(self) -> dict:
        """What the service takes: the ratings empty when they do not apply."""
        data = self.cleaned_data
        return {
            "what_worked": data["what_worked"],
            "what_did_not": data["what_did_not"],
            "town_should_change": data["town_should_change"],
            "residents_rating": data.get("residents_rating"),
            "town_rating": data.get("town_rating"),
            "ratings_comment": data.get("ratings_comment", ""),
        }


class TownAnswerForm(forms.Form):
    """The town's own text; nothing of the resident's evaluation is a field here."""

    body = forms.CharField(
        label=_("Réponse de la ville"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Publiée à côté de l'évaluation, jamais à sa place."),
        error_messages={"required": _("Écrivez la réponse de la ville.")},
    )
    signed_by = forms.CharField(
        label=_("Signée par"),
        max_length=160,
        help_text=_("Nom et fonction : « Le maire, … »."),
        error_messages={
            "required": _(
                "Une réponse de la ville est signée : indiquez le nom et la fonction de qui "
                "la signe."
            )
        },
    )
