"""The town's team's forms on a project, in the Wagtail admin."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model
from wagtail.images.widgets import AdminImageChooser

from projects.agreements import LINE_FIELDS
from projects.models import AgreementLine, ProjectStatus


class DecisionForm(forms.Form):
    """A change of status with its public reasoned answer."""

    status = forms.ChoiceField(label=_("Nouvel état"))
    answer = forms.CharField(
        label=_("Réponse publique"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,  # the service says what is missing, in one place
        help_text=_(
            "Publiée sur la page du projet et envoyée aux porteurs : dites pourquoi, "
            "et ce qui change s'il y a lieu."
        ),
    )

    def __init__(self, *args, statuses: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            (status, ProjectStatus(status).label) for status in statuses
        ]


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Note interne"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Visible de l'équipe seulement : jamais publiée ni envoyée."),
    )


class TownUpdateForm(forms.Form):
    """The team's own progress update, published at once."""

    text = forms.CharField(label=_("Où en est le projet"), widget=forms.Textarea(attrs={"rows": 4}))
    happened_on = forms.DateField(
        label=_("Date"),
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    # From the image library, whose upload form runs the site's checks (content, GPS removed).
    photo = forms.ModelChoiceField(
        label=_("Photo"),
        queryset=get_image_model().objects.all(),
        required=False,
        widget=AdminImageChooser,
    )
    caption = forms.CharField(label=_("Légende de la photo"), max_length=255, required=False)


class TownAccountForm(forms.Form):
    account = forms.CharField(
        label=_("Le point de vue de la ville"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Publié dans le bilan, à côté du récit des porteurs et signé à part."),
    )
    signed_by = forms.CharField(
        label=_("Signé par"), max_length=120, help_text=_("Nom et fonction.")
    )


DATE_WIDGET = forms.DateInput(attrs={"type": "date"})


class AgreementLineForm(forms.ModelForm):
    """One line of a new version: the town's (kind, value, service) or the residents' (task,
    people, hours, responsible resident)."""

    class Meta:
        model = AgreementLine
        fields = LINE_FIELDS
        # Laid out as a table row: each input wide enough to read what it holds.
        widgets = {
            "start_on": DATE_WIDGET,
            "end_on": DATE_WIDGET,
            "description": forms.TextInput(attrs={"style": "min-width:18rem"}),
            "responsible": forms.TextInput(attrs={"style": "min-width:11rem"}),
            "value": forms.NumberInput(attrs={"style": "min-width:7rem"}),
            "people": forms.NumberInput(attrs={"style": "min-width:5rem"}),
            "hours": forms.NumberInput(attrs={"style": "min-width:6rem"}),
        }

    def clean(self):
        data = super().clean()
        start, end = data.get("start_on"), data.get("end_on")
        if start and end and end < start:
            self.add_error("end_on", _("La fin ne peut pas précéder le début."))
        return data


class BaseAgreementLineFormSet(forms.BaseFormSet):
    default_error_messages = {
        **forms.BaseFormSet.default_error_messages,
        "too_few_forms": _("La convention a au moins une ligne."),
    }


AgreementLineFormSet = forms.formset_factory(
    AgreementLineForm,
    formset=BaseAgreementLineFormSet,
    extra=2,
    can_delete=True,
    min_num=1,
    validate_min=True,
)


class VersionSummaryForm(forms.Form):
    summary = forms.CharField(
        label=_("Ce qui change"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("En quelques mots, pour les porteurs qui vont relire cette version."),
    )

    def __init__(self, *args, first: bool, **kwargs):
        super().__init__(*args, **kwargs)
        # The first version changes nothing; each later one tells the carriers what moved.
        self.fields["summary"].required = not first
        self.fields["summary"].error_messages["required"] = _(
            "Dites aux porteurs ce qui change par rapport à la version précédente."
        )


class DeliveryForm(forms.Form):
    """What was actually provided or given against one agreed line."""

    value = forms.DecimalField(
        label=_("Valeur fournie (€)"), required=False, min_value=0, max_digits=9, decimal_places=2
    )
    hours = forms.DecimalField(
        label=_("Heures données"), required=False, min_value=0, max_digits=7, decimal_places=1
    )
    note = forms.CharField(label=_("Ce qui a été fait"), required=False, max_length=255)
    on = forms.DateField(label=_("Fourni le"), required=False, widget=DATE_WIDGET)

    @classmethod
    def for_line(cls, line: AgreementLine, data=None) -> "DeliveryForm":
        return cls(
            data,
            prefix=f"line-{line.pk}",
            initial={
                "value": line.delivered_value,
                "hours": line.delivered_hours,
                "note": line.delivered_note,
                "on": line.delivered_on,
            },
        )
