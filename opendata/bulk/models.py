"""What an import run did (for the editors' admin view), and which item each imported row made
(so that running the same import again never duplicates)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from media.storage import private_storage


class ImportState(models.TextChoices):
    WAITING = "waiting", _("En attente")
    RUNNING = "running", _("En cours")
    DONE = "done", _("Terminé")
    FAILED = "failed", _("Échoué")


class ImportRun(models.Model):
    """One import started by an editor (admin) or a command: who, when, how far, what came of it.

    The zip and the CSV sent are stored first (private storage) and read by the background
    task; the report is a CSV of every refused row, in French."""

    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lancé par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    finished_at = models.DateTimeField(_("terminé le"), null=True, blank=True)
    state = models.CharField(
        _("état"), max_length=16, choices=ImportState.choices, default=ImportState.WAITING
    )
    dry_run = models.BooleanField(_("essai à blanc"), default=False)
    archive_file = models.FileField(
        _("fichiers (zip)"), storage=private_storage, upload_to="imports/", blank=True
    )
    metadata_file = models.FileField(
        _("métadonnées (CSV)"), storage=private_storage, upload_to="imports/"
    )
    total = models.PositiveIntegerField(_("lignes"), default=0)
    processed = models.PositiveIntegerField(_("lignes traitées"), default=0)
    created = models.PositiveIntegerField(_("éléments créés"), default=0)
    skipped = models.PositiveIntegerField(_("déjà importés"), default=0)
    refused = models.PositiveIntegerField(_("lignes refusées"), default=0)
    drafts = models.PositiveIntegerField(_("laissés en brouillon"), default=0)
    report = models.FileField(
        _("rapport d'erreurs"), storage=private_storage, upload_to="imports/", blank=True
    )
    error = models.TextField(_("erreur"), blank=True)

    class Meta:
        verbose_name = _("import de collection")
        verbose_name_plural = _("imports de collection")
        ordering = ["-created_at"]
        permissions = [("export_archive", _("Peut exporter l'archive (zip et CSV)"))]

    def __str__(self) -> str:
        return _("Import du %(date)s") % {"date": self.created_at.strftime("%d/%m/%Y %H:%M")}

    @property
    def percent(self) -> int:
        return round(100 * self.processed / self.total) if self.total else 0

    @property
    def is_over(self) -> bool:
        return self.state in (ImportState.DONE, ImportState.FAILED)


class ImportedItem(models.Model):
    """The key of an imported row (its identifier, or its files' checksum) and the item it
    made: a row whose key is known is skipped, so an interrupted import resumes."""

    key = models.CharField(_("clé"), max_length=255, unique=True)
    item = models.ForeignKey(
        "archive.ArchiveItemPage",
        verbose_name=_("élément"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    run = models.ForeignKey(
        ImportRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="items"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("élément importé")
        verbose_name_plural = _("éléments importés")

    def __str__(self) -> str:
        return self.key
