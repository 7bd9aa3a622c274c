"""The search page and its JSON twin: same parameters, same answer, never a server error."""

import logging

from django.http import HttpRequest, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from search import engine, selectors
from search.forms import SearchForm
from search.query import (
    CONTENT_FACETS,
    FACETS,
    NEAR_DISTANCES,
    SearchParams,
    SearchResults,
    facet_label,
)

logger = logging.getLogger(__name__)


def _results(params: SearchParams) -> SearchResults | None:
    """The selector's answer (it falls back to the database itself), or none at all."""
    try:
        return selectors.search_content(params)
    except Exception:
        logger.exception("Recherche impossible sur la base de données")
        return None


UNAVAILABLE = "La recherche est momentanément indisponible. Réessayez dans quelques minutes."


@require_GET
def search_page(request: HttpRequest):
    form = SearchForm(request.GET)
    params = SearchParams.from_form(form)
    results = _results(params)
    active = [(param, params.filters[param]) for param in FACETS if param in params.filters]
    context = {
        "form": form,
        "params": params,
        "results": results,
        "active_filters": active,
        "removable_filters": _removable_filters(request, params),
        "places": list(form.fields["place_near"].queryset),
        "distances": _distances(params),
        "query_without_page": _query_without(request, "page"),
        "unavailable": _(UNAVAILABLE) if results is None else "",
        # Said only when an engine is configured and failed: the embedded default has none,
        # and its database search is the search, not a stand-in.
        "engine_failed": bool(results) and results.engine == "database" and engine.is_configured(),
    }
    return render(request, "search/search.html", context, status=200 if results else 503)


NEAR_PARAMS = ("place_near", "lat", "lon", "km")


def _query_without(request: HttpRequest, *names: str) -> str:
    """The current query string without ``names``, and back to the first page."""
    query = request.GET.copy()
    for name in (*names, "page"):
        query.pop(name, None)
    return query.urlencode()


def _km_label(km: float) -> str:
    return f"{km:g}".replace(".", ",")


def _removable_filters(request: HttpRequest, params: SearchParams) -> list[dict]:
    """Every filter in force, each with the query that removes it."""
    removable = [
        {
            "label": facet_label(FACETS[param], value),
            "content": param in CONTENT_FACETS,
            "query": _query_without(request, param),
        }
        for param, value in params.filters.items()
    ]
    if params.near:
        values = {"place": params.near_place, "km": _km_label(params.near[2])}
        if params.near_place:
            label = _("À moins de %(km)s km de %(place)s") % values
        else:
            label = _("À moins de %(km)s km du point choisi") % values
        removable.append({"label": label, "query": _query_without(request, *NEAR_PARAMS)})
    return removable


def _distances(params: SearchParams) -> list[dict]:
    """The distances of the « near a place » control, the one in force selected."""
    current = params.near[2] if params.near else None
    kms = sorted({*NEAR_DISTANCES, *([current] if current else [])})
    return [{"value": f"{km:g}", "label": _km_label(km), "selected": km == current} for km in kms]


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
    except Exception:
        logger.exception("Autocomplétion impossible")
        suggestions, engine_name = [], "none"
    return JsonResponse(
        {"suggestions": suggestions, "engine": engine_name},
        json_dumps_params={"ensure_ascii": False},
    )
