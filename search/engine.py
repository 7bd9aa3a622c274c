"""The connection to Elasticsearch and what we know of its health.

When ``ELASTICSEARCH_URL`` is empty there is no engine at all (the embedded default). When a
request fails or times out, the engine is considered down for a short while so that visitors
do not each wait for the timeout: the database answers meanwhile.
"""

import logging
import threading
import time

import elastic_transport
from django.conf import settings
from elasticsearch import ApiError, Elasticsearch, OrjsonSerializer

logger = logging.getLogger(__name__)

# Everything the client raises when the engine is unreachable, slow or refuses a request.
ENGINE_ERRORS = (elastic_transport.TransportError, ApiError)
DOWN_FOR_SECONDS = 30.0

_lock = threading.Lock()
_client: Elasticsearch | None = None
_client_key: tuple | None = None
_down_until = 0.0


def is_configured() -> bool:
    return bool(settings.ELASTICSEARCH_URL)


def get_client() -> Elasticsearch | None:
    """A shared client for the configured URL, or ``None`` when no engine is configured."""
    global _client, _client_key
    if not is_configured():
        return None
    key = (settings.ELASTICSEARCH_URL, settings.ELASTICSEARCH_TIMEOUT)
    with _lock:
        if _client is None or _client_key != key:
            _client = Elasticsearch(
                settings.ELASTICSEARCH_URL,
                request_timeout=settings.ELASTICSEARCH_TIMEOUT,
                max_retries=0,
                retry_on_timeout=False,
                # Answers carry facets and highlights: orjson reads them several times faster.
                serializer=OrjsonSerializer(),
            )
            _client_key = key
        return _client


def alias_name() -> str:
    """The alias every search and every write goes through."""
    return f"{settings.ELASTICSEARCH_INDEX_PREFIX}-content"


def building_alias_name() -> str:
    """Points at the index a rebuild is filling, so that edits made meanwhile reach it too."""
    return f"{alias_name()}-next"


def is_available() -> bool:
    return is_configured() and time.monotonic() >= _down_until


def mark_down(error: Exception) -> None:
    global _down_until
    logger.warning("Moteur de recherche indisponible, repli sur la base de données : %s", error)
    _down_until = time.monotonic() + DOWN_FOR_SECONDS


def reset() -> None:
    """Forget the client and the engine's health (settings changed, tests)."""
    global _client, _client_key, _down_until
    with _lock:
        _client = None
        _client_key = None
        _down_until = 0.0
