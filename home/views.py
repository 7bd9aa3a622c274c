import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.template import loader
from django.views.decorators.cache import never_cache

from home.health import site_health

logger = logging.getLogger(__name__)


@never_cache
def healthz(request):
    can_serve, report = site_health()
    return JsonResponse(
        {"status": "ok" if can_serve else "error", **report}, status=200 if can_serve else 503
    )


# The database is down or restarting: say so, ask to come back, and let the next request
# reconnect on its own (persistent connections are health-checked at the start of a request).
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def server_error(request):
    """Django's 500 handler, but a database that does not answer is a 503, not a bug.

    Called for an exception raised anywhere (view or middleware); the templates use no
    database and no context processor, since the database may be what failed."""
    error = sys.exc_info()[1]
    if isinstance(error, DATABASE_UNAVAILABLE):
        logger.warning("database unavailable: %s", error)
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return HttpResponseServerError(loader.render_to_string("500.html"))
