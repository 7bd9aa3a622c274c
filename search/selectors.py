"""Searching: one query built with the DSL for the engine, the database when it cannot answer."""

import logging

from elasticsearch.dsl import Q, Search

from search import engine, fallback
from search.query import (
    FACETS,
    MARK_END,
    MARK_START,
    PAGE_SIZE,
    SearchParams,
    SearchResults,
    hit_from_source,
    marked_html,
    sorted_facets,
)

logger = logging.getLogger(__name__)
FACET_SIZE = 1000  # every value, not the engine's default ten


def search_content(params: SearchParams) -> SearchResults:
    """Answer from Elasticsearch when configured and healthy, otherwise from the database."""
    if engine.is_available():
        try:
            return _engine_search(params)
        except engine.ENGINE_ERRORS as error:
            engine.mark_down(error)
    return fallback.search(params)


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
                "field": "body.spell",
                "size": 1,
                "max_errors": 2,
                "confidence": 0.0,
                "direct_generator": [
                    {"field": "body.spell", "suggest_mode": "always", "min_word_length": 3}
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
    search = search.source(excludes=["body", "suggest"])
    return search[params.offset : params.offset + PAGE_SIZE]


def _engine_search(params: SearchParams) -> SearchResults:
    response = build_search(params).execute()
    results = []
    for hit in response.hits:
        source = hit.to_dict()
        fragments = getattr(getattr(hit.meta, "highlight", None), "body", None)
        excerpt = " … ".join(fragments) if fragments else ""
        results.append(hit_from_source(source, marked_html(excerpt)))
    counts = {
        facet: {str(bucket.key): bucket.doc_count for bucket in response.aggregations[facet]}
        for facet in FACETS.values()
    }
    return SearchResults(
        count=response.hits.total.value,
        results=results,
        facets=sorted_facets(counts),
        # "Did you mean" only when the words as typed found (almost) nothing.
        suggestion=_suggestion(response, params.q) if response.hits.total.value < 3 else None,
        engine="elasticsearch",
        page=params.page,
    )


def _suggestion(response, q: str) -> str | None:
    suggest = getattr(response, "suggest", None)
    if not q or suggest is None or not suggest.spelling:
        return None
    options = suggest.spelling[0].options
    if options and options[0].text.lower() != q.lower():
        return options[0].text
    return None


def autocomplete(q: str, *, limit: int = 8) -> tuple[list[dict], str]:
    """Titles that complete what is being typed, and which engine answered."""
    q = q.strip()
    if len(q) < 2:
        return [], "none"
    if engine.is_available():
        try:
            search = (
                Search(using=engine.get_client(), index=engine.alias_name())
                .query("match", **{"title.autocomplete": {"query": q, "operator": "and"}})
                .source(["title", "url", "kind"])[:limit]
            )
            return [hit.to_dict() for hit in search.execute()], "elasticsearch"
        except engine.ENGINE_ERRORS as error:
            engine.mark_down(error)
    return fallback.autocomplete(q, limit=limit), "database"
