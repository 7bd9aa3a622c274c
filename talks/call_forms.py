"""The call's forms: a resident proposes a talk, an invited speaker answers, the team decides
and invites. Errors are French sentences at the field that caused them; what was typed is
kept. The rules themselves are in ``talks.call``: the forms only mirror them for the page."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.form_fields import RowChoiceField
from core.form_protection import HoneypotMixin
from projects.models import Project, ProjectStatus
from talks.call import evenings_open_for_call, talk_told_error


class EveningChoiceField(RowChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.title} — {obj.starts_at:%d/%m/%Y}"


def _told_clean(form: forms.Form, data: dict) -> None:
    if form.has_error("project") or form.has_error("initiative"):
        return
    error = talk_told_error(project=data.get("project"), initiative=data.get("initiative", ""))
    if error:
        form.add_error("initiative", error)


class ProposalForm(HoneypotMixin, forms.Form):
    """What a resident proposes: the evening, what they want to tell, their private contact."""

    evening = EveningChoiceField(
        label=_("Pour quelle soirée ?"),
        queryset=None,
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choisissez la soirée."),
            "invalid_choice": _("L'appel de cette soirée est fermé : choisissez-en une autre."),
        },
    )
    title = forms.CharField(
        label=_("Le titre de votre intervention"),
        max_length=160,
        help_text=_("Provisoire si vous voulez : « Six mois pour une clé »."),
        error_messages={"required": _("Donnez un titre, même provisoire.")},
    )
    speaker_name = forms.CharField(
        label=_("Votre nom affiché"),
        max_length=160,
        help_text=_("Affiché publiquement : « Nadia B. », « Les quatre amies de la MAM »…"),
        error_messages={"required": _("Indiquez le nom à afficher : le vôtre, celui du groupe…")},
    )
    summary = forms.CharField(
        label=_("Ce que je veux raconter"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Quelques lignes : le projet, et comment la coopération avec la ville s'est passée. "
            "Les critiques sont bienvenues."
        ),
        error_messages={"required": _("Dites en quelques lignes ce que vous voulez raconter.")},
    )
    project = forms.ModelChoiceField(
        label=_("Le projet fifty-fifty que vous racontez"),
        queryset=Project.objects.none(),
        required=False,
        empty_label=_("— Pas un projet fifty-fifty —"),
    )
    initiative = forms.CharField(
        label=_("Ou l'initiative que vous racontez, en quelques lignes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    name = forms.CharField(
        label=_("Votre nom"),
        max_length=200,
        error_messages={"required": _("Indiquez votre nom, pour que l'équipe vous réponde.")},
    )
    email = forms.EmailField(
        label=_("Votre adresse e-mail"),
        help_text=_("Votre lien privé y sera envoyé."),
        error_messages={
            "required": _("Indiquez votre adresse e-mail : votre lien privé y sera envoyé."),
            "invalid": _("Cette adresse semble incomplète : vérifiez-la (nom@exemple.fr)."),
        },
    )
    phone = forms.CharField(label=_("Téléphone (facultatif)"), max_length=40, required=False)
    consent_contact = forms.BooleanField(
        label=_("J'accepte que l'équipe Ch'ti TAIDx de la ville me contacte à ce sujet."),
        error_messages={"required": _("Sans cet accord, l'équipe ne peut pas vous répondre.")},
    )
    consent_public = forms.BooleanField(
        label=_(
            "Si l'intervention est retenue, son titre, mon nom affiché et ce résumé peuvent "
            "paraître sur la page de la soirée. Mes coordonnées ne sont jamais publiées."
        ),
        error_messages={
            "required": _(
                "Une intervention retenue est annoncée publiquement : cochez pour accepter."
            )
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evening"].queryset = evenings_open_for_call()
        self.fields["project"].queryset = Project.objects.for_the_public().order_by("title")
        for name in ("name", "email", "phone"):
            self.fields[name].widget.attrs["autocomplete"] = {
                "name": "name",
                "email": "email",
                "phone": "tel",
            }[name]

    def clean(self):
        data = super().clean()
        _told_clean(self, data)
        return data


class InvitationAnswerForm(forms.Form):
    """The invited speaker's answer, from the private link."""

    answer = forms.ChoiceField(
        label=_("Votre réponse"),
        choices=[("yes", _("J'accepte de prendre la parole")), ("no", _("Je décline"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choisissez : accepter ou décliner.")},
    )
    reason = forms.CharField(
        label=_("Si vous déclinez, un mot pour l'équipe (facultatif)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DecisionForm(forms.Form):
    """The team's decision on a proposal; the reason is needed to decline (the service says)."""

    reason = forms.CharField(
        label=_("Motif (obligatoire pour ne pas retenir ; envoyé à l'intervenant)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class InvitationForm(forms.Form):
    """The team's invitation: who, to tell what, and a word of its own."""

    title = forms.CharField(label=_("Titre provisoire de l'intervention"), max_length=160)
    speaker_name = forms.CharField(
        label=_("Nom affiché de l'intervenant"),
        max_length=160,
        help_text=_("L'intervenant pourra le changer avec l'équipe."),
    )
    name = forms.CharField(label=_("Nom de la personne invitée"), max_length=200)
    email = forms.EmailField(label=_("Son adresse e-mail"))
    phone = forms.CharField(label=_("Son téléphone (facultatif)"), max_length=40, required=False)
    project = forms.ModelChoiceField(
        label=_("Le projet fifty-fifty qu'elle raconterait"),
        queryset=Project.objects.none(),
        required=False,
        empty_label=_("— Pas un projet fifty-fifty —"),
    )
    initiative = forms.CharField(
        label=_("Ou l'initiative qu'elle raconterait, en quelques lignes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    message = forms.CharField(
        label=_("Votre mot, joint à l'invitation"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = Project.objects.exclude(
            status=ProjectStatus.WITHDRAWN
        ).order_by("title")

    def clean(self):
        data = super().clean()
        _told_clean(self, data)
        return data
