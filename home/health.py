"""What /healthz reports: can the site serve, and which services answer."""

import logging
import uuid

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from elasticsearch import Elasticsearch

logger = logging.getLogger(__name__)


def database_state() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        logger.exception("health: database unreachable")
        return "error"
    return "ok"


def search_state() -> str:
    """``database`` when no engine is configured (the embedded default)."""
    if not settings.ELASTICSEARCH_URL:
        return "database"
    try:
        client = Elasticsearch(settings.ELASTICSEARCH_URL, request_timeout=2)
        return "ok" if client.ping() else "error"
    except Exception:
        logger.exception("health: search engine unreachable")
        return "error"


def storage_state() -> str:
    """Write, read back and delete a small file where uploads go."""
    name = f"healthz/{uuid.uuid4().hex}.txt"
    try:
        saved = default_storage.save(name, ContentFile(b"ok"))
        with default_storage.open(saved) as handle:
            intact = handle.read() == b"ok"
        default_storage.delete(saved)
    except Exception:
        logger.exception("health: storage unusable")
        return "error"
    return "ok" if intact else "error"


def site_health() -> tuple[bool, dict[str, str]]:
    """The site can serve as long as its database answers; the rest degrades gracefully."""
    report = {
        "database": database_state(),
        "search": search_state(),
        "storage": storage_state(),
    }
    return report["database"] == "ok", report
