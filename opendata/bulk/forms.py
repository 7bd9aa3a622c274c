"""The editors' forms: an import (a zip of files and its CSV) and an export."""

from django import forms
from django.utils.translation import gettext_lazy as _

from archive.models import ArchiveCollection


class ImportForm(forms.Form):
    archive = forms.FileField(
        label=_("Fichiers (zip)"),
        required=False,
        help_text=_(
            "Les photos, sons et vidéos, dans un zip ; les noms donnés dans la colonne "
            "« files » du CSV sont ceux du zip. Sans zip, seuls des souvenirs écrits sont créés."
        ),
    )
    metadata = forms.FileField(
        label=_("Description (CSV)"),
        help_text=_(
            "Une ligne par élément, colonnes Dublin Core : title, date, description, creator, "
            "subject, licence, collection, place, files, alt_text… (séparées par des virgules "
            "ou des points-virgules, en UTF-8)."
        ),
    )
    dry_run = forms.BooleanField(
        label=_("Essai à blanc : tout vérifier sans rien enregistrer"), required=False
    )

    def clean_archive(self):
        upload = self.cleaned_data["archive"]
        if upload and not upload.name.lower().endswith(".zip"):
            raise forms.ValidationError(_("Envoyez un fichier .zip (dossier compressé)."))
        return upload

    def clean_metadata(self):
        upload = self.cleaned_data["metadata"]
        if not upload.name.lower().endswith((".csv", ".txt")):
            raise forms.ValidationError(
                _("Envoyez un fichier .csv (dans votre tableur : Enregistrer sous, CSV UTF-8).")
            )
        return upload


class ExportForm(forms.Form):
    collection = forms.ModelChoiceField(
        label=_("Collection"),
        queryset=ArchiveCollection.objects.order_by("name"),
        required=False,
        empty_label=_("Toute l'archive publiée"),
    )
