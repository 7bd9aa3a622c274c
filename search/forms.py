"""The search box and its filters, as the page and the API read them from the address."""

from django import forms
from django.utils.translation import gettext_lazy as _

from search.selectors import places_on_map


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Rechercher"), required=False, max_length=200)
    kind = forms.CharField(required=False, max_length=64)
    theme = forms.CharField(required=False, max_length=255)
    place = forms.CharField(required=False, max_length=255)
    decade = forms.RegexField(regex=r"^\d{4}$", required=False)
    collection = forms.CharField(required=False, max_length=255)
    edition = forms.RegexField(regex=r"^\d{4}$", required=False)
    sort = forms.ChoiceField(
        choices=[("relevance", _("pertinence")), ("date", _("date"))], required=False
    )
    page = forms.IntegerField(min_value=1, max_value=500, required=False)
    lat = forms.FloatField(min_value=-90, max_value=90, required=False)
    lon = forms.FloatField(min_value=-180, max_value=180, required=False)
    km = forms.FloatField(min_value=0.1, max_value=200, required=False)
    place_near = forms.ModelChoiceField(
        queryset=None,
        to_field_name="slug",
        required=False,
        label=_("Près d'un lieu"),
        empty_label=_("Partout"),
        error_messages={
            "invalid_choice": _(
                "Ce lieu n'est pas connu ou n'est pas placé sur la carte : "
                "choisissez-en un dans la liste."
            )
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place_near"].queryset = places_on_map()
