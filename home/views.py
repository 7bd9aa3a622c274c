from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from home.health import site_health


@never_cache
def healthz(request):
    can_serve, report = site_health()
    return JsonResponse(
        {"status": "ok" if can_serve else "error", **report}, status=200 if can_serve else 503
    )
