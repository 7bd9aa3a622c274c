"""Forms of the speaker's text (private link) and of the helper's remarks (admin).

There is no form anywhere that edits a version: the speaker's form writes a new one through
``talks.texts.text_version_write``."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.form_protection import HoneypotMixin
from talks.models import RemarkKind


class TextForm(HoneypotMixin, forms.Form):
    body = forms.CharField(
        label=_("Votre texte"),
        widget=forms.Textarea(attrs={"rows": 18, "class": "text-body"}),
        help_text=_(
            "Écrivez avec vos mots ; chaque enregistrement garde une version, et vous pouvez "
            "revenir sur chacune."
        ),
        error_messages={"required": _("Le texte est vide : écrivez au moins quelques mots.")},
    )
    note = forms.CharField(
        label=_("Ce qui a changé (facultatif)"),
        max_length=255,
        required=False,
        help_text=_("Un mot pour vous y retrouver : « la fin réécrite », « les dates »…"),
    )


class FinalForm(HoneypotMixin, forms.Form):
    # On the same page as the text's form: a prefix keeps their honeypots apart.
    prefix = "final"

    publish = forms.BooleanField(
        label=_("Publier mon texte avec l'intervention"),
        required=False,
        help_text=_(
            "Si vous cochez, votre texte paraîtra sur la page de votre intervention, tel que "
            "vous l'avez écrit. Sinon, il reste entre vous et l'accompagnement."
        ),
    )


class AnswerForm(HoneypotMixin, forms.Form):
    DECISIONS = (("accept", _("Accepter")), ("refuse", _("Refuser")), ("seen", _("Lu")))

    # Given by the button pressed (« Accepter », « Refuser », « Lu »).
    decision = forms.ChoiceField(
        choices=DECISIONS,
        widget=forms.HiddenInput,
        error_messages={"required": _("Choisissez : accepter, refuser ou marquer comme lu.")},
    )
    reply = forms.CharField(
        label=_("Votre réponse (facultatif)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, remark=None, **kwargs):
        # One form per remark on the page: the prefix keeps their fields apart.
        super().__init__(*args, prefix=f"remark-{remark.pk}" if remark else None, **kwargs)


class RemarkForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Nature"),
        choices=RemarkKind.choices,
        initial=RemarkKind.COMMENT,
        widget=forms.RadioSelect,
    )
    passage = forms.CharField(
        label=_("Passage"),
        widget=forms.Textarea(attrs={"rows": 3, "data-text-passage": ""}),
        help_text=_(
            "Sélectionnez le passage dans le texte ci-dessus (il se recopie ici), ou collez-le "
            "tel quel."
        ),
    )
    comment = forms.CharField(
        label=_("Commentaire"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    replacement = forms.CharField(
        label=_("Texte proposé à la place"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Pour une suggestion : l'intervenant l'accepte ou la refuse."),
    )
