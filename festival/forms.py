"""Forms of the festival admin."""

from django import forms
from django.utils.translation import gettext_lazy as _

from festival.models import EditionPage


class PrepareNextEditionForm(forms.Form):
    year = forms.IntegerField(label=_("Année de la nouvelle édition"), min_value=1984)
    offset_days = forms.IntegerField(
        label=_("Décalage des dates, en jours"),
        min_value=1,
        max_value=1000,
        help_text=_(
            "Un nombre de semaines entier garde les jours de la semaine : le samedi reste "
            "un samedi. La valeur proposée tombe la même semaine du mois l'an prochain."
        ),
    )

    def clean_year(self):
        year = self.cleaned_data["year"]
        if EditionPage.objects.filter(year=year).exists():
            raise forms.ValidationError(
                _("L'édition %(year)s existe déjà : choisissez une autre année."),
                params={"year": year},
            )
        return year
