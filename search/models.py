"""The database's own copy of what is searchable, for when Elasticsearch is absent or down.

``SearchEntry`` rows are written by the same indexing path as the engine's documents. The
full-text index over them is the database's own, kept current by triggers (see migration
0002): an FTS5 table on SQLite, a weighted ``tsvector`` with a GIN index on PostgreSQL.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    doc_id = models.CharField(max_length=64, unique=True)
    doc_type = models.CharField(max_length=32, db_index=True)
    object_id = models.PositiveIntegerField()
    title = models.TextField()
    body = models.TextField(blank=True)
    kind = models.CharField(max_length=32, blank=True)
    date = models.DateField(null=True, blank=True, db_index=True)
    date_label = models.CharField(max_length=64, blank=True)
    url = models.CharField(max_length=500, blank=True)
    thumbnail = models.CharField(max_length=500, blank=True)
    timecode = models.FloatField(null=True, blank=True)
    parent_title = models.CharField(max_length=255, blank=True)
    # The archive item a transcript segment belongs to: its segments are synced together.
    parent_id = models.PositiveIntegerField(null=True, blank=True, db_index=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("entrée de recherche")
        verbose_name_plural = _("entrées de recherche")

    def __str__(self) -> str:
        return self.doc_id


class SearchFacetValue(models.Model):
    """One value of one facet of an entry (an entry has several places, themes, decades…)."""

    entry = models.ForeignKey(SearchEntry, on_delete=models.CASCADE, related_name="facet_values")
    facet = models.CharField(max_length=32)
    value = models.CharField(max_length=255)

    class Meta:
        indexes = [models.Index(fields=["facet", "value", "entry"])]

    def __str__(self) -> str:
        return f"{self.facet}={self.value}"


class PendingSync(models.Model):
    """A change the engine could not receive yet; retried by the next sync or ``update``."""

    doc_type = models.CharField(max_length=32)
    object_id = models.PositiveIntegerField()
    attempts = models.PositiveSmallIntegerField(default=1)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["doc_type", "object_id"], name="unique_pending_sync")
        ]

    def __str__(self) -> str:
        return f"{self.doc_type}-{self.object_id}"
