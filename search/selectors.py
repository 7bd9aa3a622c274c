"""Searching: one query built with the DSL for the engine, the database when it cannot answer."""

import logging

from django.db.models import QuerySet
from elasticsearch.dsl import Q, Search

from archive.models import Place
from search import engine, fallback
from search.analysis import query_terms
from search.query import (
    FACETS,
    MARK_END,
    MARK_START,
    PAGE_SIZE,
    SearchParams,
    SearchResults,
    hit_from_source,
    kind_label,
    marked_html,
    passages_grouped,
    sorted_facets,
)

logger = logging.getLogger(__name__)
FACET_SIZE = 1000  # every value, not the engine's default ten


def places_on_map() -> QuerySet[Place]:
    """Places a visitor can search around: those with coordinates, by name."""
    return Place.objects.filter(latitude__isnull=False, longitude__isnull=False).order_by("name")


def search_content(params: SearchParams) -> SearchResults:
    """Answer from Elasticsearch when configured and healthy, otherwise from the database:
    the one place that falls back, for the page and the API alike."""
    if engine.is_available():
        try:
            return _passages_grouped(_engine_search(params))
        except engine.ENGINE_ERRORS as error:
            engine.mark_down(error)
        except Exception:
            # An answer the engine gave but we could not read: the database still answers.
            logger.exception("Recherche impossible avec le moteur, essai sur la base")
    return _passages_grouped(fallback.search(params))


def _passages_grouped(results: SearchResults) -> SearchResults:
    results.results = passages_grouped(results.results)
    return results


def build_search(params: SearchParams) -> Search:
    search = Search(using=engine.get_client(), index=engine.alias_name())
    if params.q:
        search = search.query(
            Q(
                "bool",
                must=[
                    Q(
                        "multi_match",
                        query=params.q,
                        fields=["title^3", "body"],
                        type="cross_fields",
                        operator="and",
                    )
                ],
                should=[Q("match_phrase", title={"query": params.q, "boost": 2})],
            )
        )
        search = search.highlight(
            "body", fragment_size=180, number_of_fragments=2, no_match_size=180
        ).highlight_options(pre_tags=[MARK_START], post_tags=[MARK_END], encoder="default")
        search = search.suggest(
            "spelling",
            params.q,
            phrase={
                "field": "spelling.phrases",
                "size": 1,
                "max_errors": 2,
                "confidence": 0.0,
                "direct_generator": [
                    {"field": "spelling", "suggest_mode": "always", "min_word_length": 3}
                ],
            },
        )
    for param, value in params.filters.items():
        search = search.filter("term", **{FACETS[param]: value})
    if params.near:
        lat, lon, km = params.near
        search = search.filter(
            "geo_distance", distance=f"{km}km", location={"lat": lat, "lon": lon}
        )
    for facet in FACETS.values():
        search.aggs.bucket(facet, "terms", field=facet, size=FACET_SIZE)
    if params.sort == "date" or not params.q:
        search = search.sort({"date": {"order": "desc", "missing": "_last"}}, "_score")
    # Exact counts (« 11049 résultats », not the engine's default floor of 10,000): counting
    # every match costs little beside the facets, which visit every match anyway.
    search = search.extra(track_total_hits=True).source(HIT_FIELDS)
    return search[params.offset : params.offset + PAGE_SIZE]


# What a hit on the page shows (``hit_from_source``): nothing else travels or is decoded.
HIT_FIELDS = [
    "title",
    "url",
    "doc_type",
    "kind",
    "date",
    "date_label",
    "places",
    "thumbnail",
    "timecode",
    "parent_title",
]
# The parts of the answer we read; the engine leaves the rest (hits' ids, scores, shards…) out.
ANSWER_PARTS = [
    "hits.total",
    "hits.hits._source",
    "hits.hits.highlight",
    "aggregations.*.buckets.key",
    "aggregations.*.buckets.doc_count",
    "suggest.spelling.options.text",
]


def _engine_search(params: SearchParams) -> SearchResults:
    """One request for the page: hits with their highlights, the exact total, every facet's
    counts and the spelling suggestion, read as plain dictionaries."""
    answer = (
        engine.get_client()
        .search(
            index=engine.alias_name(), body=build_search(params).to_dict(), filter_path=ANSWER_PARTS
        )
        .body
    )
    hits = answer.get("hits", {})
    total = hits["total"]["value"]
    results = []
    for hit in hits.get("hits", []):
        fragments = hit.get("highlight", {}).get("body")
        excerpt = " … ".join(fragments) if fragments else ""
        results.append(hit_from_source(hit.get("_source", {}), marked_html(excerpt)))
    aggregations = answer.get("aggregations", {})
    counts = {
        facet: {
            str(bucket["key"]): bucket["doc_count"]
            for bucket in aggregations.get(facet, {}).get("buckets", [])
        }
        for facet in FACETS.values()
    }
    return SearchResults(
        count=total,
        results=results,
        facets=sorted_facets(counts),
        # "Did you mean" only when the words as typed found (almost) nothing.
        suggestion=_suggestion(answer, params.q) if total < 3 else None,
        engine="elasticsearch",
        page=params.page,
    )


def _suggestion(answer: dict, q: str) -> str | None:
    spelling = answer.get("suggest", {}).get("spelling")
    if not q or not spelling:
        return None
    options = spelling[0].get("options", [])
    # « eglise saint vaast » for « l'église Saint-Vaast » is no correction: the same words.
    if options and query_terms(options[0]["text"]) != query_terms(q):
        return options[0]["text"]
    return None


AUTOCOMPLETE_FIELDS = ["title", "url", "kind"]
# Segments share their interview's title: suggesting them would repeat it.
SUGGESTED_TYPES = ["archive_item", "event", "project"]


def autocomplete(q: str, *, limit: int = 8) -> tuple[list[dict], str]:
    """Titles that complete what is being typed (title, url, kind and its label), and which
    engine answered."""
    q = q.strip()
    if len(q) < 2:
        return [], "none"
    suggestions = None
    if engine.is_available():
        try:
            suggestions, engine_name = _engine_autocomplete(q, limit=limit), "elasticsearch"
        except engine.ENGINE_ERRORS as error:
            engine.mark_down(error)
    if suggestions is None:
        suggestions, engine_name = fallback.autocomplete(q, limit=limit), "database"
    for suggestion in suggestions:
        suggestion["kind_label"] = kind_label(suggestion.get("kind", ""))
    return suggestions, engine_name


def _engine_autocomplete(q: str, *, limit: int) -> list[dict]:
    """One request: the completion suggester (titles that begin with what is typed, a typo
    forgiven) first, then titles with a word that begins so (edge n-grams: « terr » finds
    « Le dimanche sur le terril »)."""
    completion = {"field": "suggest", "size": limit, "skip_duplicates": True}
    if len(q) >= 4:  # one typo in four letters is still a guess worth showing
        completion["fuzzy"] = {"fuzziness": 1, "prefix_length": 1}
    search = (
        Search(using=engine.get_client(), index=engine.alias_name())
        .query("match", **{"title.autocomplete": {"query": q, "operator": "and"}})
        .filter("terms", doc_type=SUGGESTED_TYPES)
        .suggest("titles", q, completion=completion)
        .source(AUTOCOMPLETE_FIELDS)[:limit]
    )
    response = search.execute()
    sources = [option._source.to_dict() for option in response.suggest.titles[0].options]
    sources += [hit.to_dict() for hit in response.hits]
    suggestions, seen = [], set()
    for source in sources:
        key = source.get("url") or source.get("title")
        if key in seen:
            continue
        seen.add(key)
        suggestions.append({field: source.get(field, "") for field in AUTOCOMPLETE_FIELDS})
    return suggestions[:limit]
