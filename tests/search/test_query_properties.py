"""Search query building against anything typed in the box or the address: a query or a
French form error, never an exception; the database's words are always safe to quote."""

import re

import pytest
from django.http import QueryDict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search.analysis import STOPWORDS, query_terms
from search.forms import SearchForm
from search.query import FACETS, MARK_END, MARK_START, SearchParams, marked_html
from search.selectors import build_search

PROPERTIES = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
# Words people type (accents, elisions, apostrophes of every kind) and anything else.
typed = st.one_of(
    st.text(),
    st.lists(
        st.sampled_from(
            ["l'église", "L’ÉGLISE", "mineurs", "terri", "d'", "les", "11", "ﬁlle", "Œuvre"]
        ),
        max_size=5,
    ).map(" ".join),
)
parameters = [*SearchForm.base_fields, "inconnu"]
values = st.one_of(
    typed,
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(["1950", "date", "relevance", "memory", "", "nan", "inf", "1e400"]),
)


@PROPERTIES
@given(typed)
def test_query_words_are_plain_folded_words_without_small_ones(q):
    for group in query_terms(q):
        assert group
        for words in group:
            # Plain ASCII letters and digits only: safe inside the FTS5 and tsquery syntax.
            assert all(re.fullmatch(r"[a-z0-9]+", word) for word in words)
    assert not any(group == [(word,)] for group in query_terms(q) for word in STOPWORDS)


@pytest.mark.django_db
@PROPERTIES
@given(st.lists(st.tuples(st.sampled_from(parameters), values), max_size=6))
def test_any_address_gives_a_search_or_french_errors(pairs):
    query = QueryDict(mutable=True)
    for name, value in pairs:
        query.appendlist(name, value)
    form = SearchForm(query)

    params = SearchParams.from_form(form)

    assert 1 <= params.page <= 500
    assert set(params.filters) <= set(FACETS)
    if params.near:
        lat, lon, km = params.near
        assert -90 <= lat <= 90 and -180 <= lon <= 180 and 0.1 <= km <= 200
    for messages in form.errors.values():
        assert all(messages)
    # The engine's query is built whatever was asked (no engine needs to answer).
    assert build_search(params).to_dict()


@PROPERTIES
@given(st.text(), st.lists(st.text(max_size=10), max_size=3))
def test_a_marked_excerpt_is_escaped_but_for_its_marks(text, words):
    marked = text
    for word in words:
        if word:
            marked = marked.replace(word, f"{MARK_START}{word}{MARK_END}")

    out = marked_html(marked)

    assert "<" not in out.replace("<mark>", "").replace("</mark>", "")
    assert out.count("<mark>") == marked.count(MARK_START)
