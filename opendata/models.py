"""What open data keeps of its own: the tombstones OAI-PMH reports (``DeletedRecord``), and
the bulk imports with the items they made (``opendata/bulk/models.py``)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from opendata.bulk.models import ImportedItem, ImportRun  # noqa: F401 - bulk import and export


class DeletedRecord(models.Model):
    """An archive item harvesters may hold that the public may no longer see (unpublished,
    deleted, withdrawn, made private, consent withdrawn): OAI-PMH reports it as deleted
    (``deletedRecord=persistent``) until it comes back. Keeps no metadata, only what the
    header needs."""

    page_id = models.PositiveIntegerField(_("page"), unique=True)
    identifier = models.CharField(_("identifiant OAI"), max_length=255)
    datestamp = models.DateTimeField(_("retiré le"), db_index=True)
    # Its set specs between spaces (" collection:x theme:y "): a lookup every database runs.
    set_specs = models.TextField(_("ensembles"), blank=True)

    class Meta:
        verbose_name = _("notice retirée")
        verbose_name_plural = _("notices retirées")
        ordering = ["page_id"]

    def __str__(self):
        return self.identifier

    @property
    def sets(self) -> list[str]:
        return self.set_specs.split()
