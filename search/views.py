"""The search page and its JSON twin: same parameters, same answer, never a server error."""

import logging

from django.http import HttpRequest, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from search import fallback, selectors
from search.query import FACETS, SearchForm, SearchParams, SearchResults

logger = logging.getLogger(__name__)


def _results(params: SearchParams) -> SearchResults | None:
    try:
        return selectors.search_content(params)
    except Exception:  # noqa: BLE001 - a visitor gets an answer or a message, never a 500
        logger.exception("Recherche impossible avec le moteur, essai sur la base")
    try:
        return fallback.search(params)
    except Exception:  # noqa: BLE001
        logger.exception("Recherche impossible sur la base de données")
        return None


UNAVAILABLE = "La recherche est momentanément indisponible. Réessayez dans quelques minutes."


@require_GET
def search_page(request: HttpRequest):
    form = SearchForm(request.GET)
    params = SearchParams.from_form(form)
    results = _results(params)
    query = request.GET.copy()
    query.pop("page", None)
    active = [(param, params.filters[param]) for param in FACETS if param in params.filters]
    context = {
        "form": form,
        "params": params,
        "results": results,
        "active_filters": active,
        "query_without_page": query.urlencode(),
        "unavailable": _(UNAVAILABLE) if results is None else "",
    }
    return render(request, "search/search.html", context, status=200 if results else 503)


@require_GET
def search_api(request: HttpRequest):
    form = SearchForm(request.GET)
    if not form.is_valid():
        return JsonResponse({"errors": form.errors}, status=400)
    results = _results(SearchParams.from_form(form))
    if results is None:
        return JsonResponse({"error": _(UNAVAILABLE)}, status=503)
    return JsonResponse(results.as_json(), json_dumps_params={"ensure_ascii": False})


@require_GET
def autocomplete_api(request: HttpRequest):
    q = request.GET.get("q", "")[:100]
    try:
        suggestions, engine_name = selectors.autocomplete(q)
    except Exception:  # noqa: BLE001
        logger.exception("Autocomplétion impossible")
        suggestions, engine_name = [], "none"
    return JsonResponse(
        {"suggestions": suggestions, "engine": engine_name},
        json_dumps_params={"ensure_ascii": False},
    )
