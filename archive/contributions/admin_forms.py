"""Editors' forms on contributions, in the Wagtail admin."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminPageChooser

from archive.models import ArchiveCollection, ArchiveItemPage


class DeclineForm(forms.Form):
    """An editor's word to the contributor whose memory is not kept."""

    message = forms.CharField(
        label=_("Message pour la personne"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Expliquez avec bienveillance pourquoi ce souvenir n'est pas retenu."),
    )


class AttachForm(forms.Form):
    """An editor files a contribution with what the archive already holds."""

    item = forms.ModelChoiceField(
        label=_("Ajouter à un élément existant"),
        queryset=ArchiveItemPage.objects.all(),
        required=False,
        help_text=_(
            "Les photos rejoignent sa galerie, le récit y est ajouté avec le nom choisi par la "
            "personne ; l'élément repasse en relecture."
        ),
    )
    collection = forms.ModelChoiceField(
        label=_("Ranger dans la collection"),
        queryset=ArchiveCollection.objects.order_by("name"),
        required=False,
        empty_label=_("— Aucune —"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].widget = AdminPageChooser(target_models=[ArchiveItemPage])

    def clean(self):
        data = super().clean()
        if not (data.get("item") or data.get("collection")):
            self.add_error("item", _("Choisissez un élément, une collection, ou les deux."))
        return data
