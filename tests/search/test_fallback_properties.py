"""The database's search against anything typed: results (perhaps none), never an exception
from the full-text index; excerpts are the document's own words with the matches marked."""

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search import fallback
from search.analysis import query_terms
from search.query import MARK_END, MARK_START, SearchParams
from tests.search.factories import indexed_archive

pytestmark = pytest.mark.django_db

PROPERTIES = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
# Words of the indexed items, FTS5's own syntax (quotes, stars, NEAR, column filters) and
# anything else.
typed = st.one_of(
    st.text(max_size=40),
    st.lists(
        st.sampled_from(
            [
                *['"', "*", "NEAR", "AND", "OR", "NOT", "title:", "^", "(", ")", "-", "'"],
                *["l'eglise", "mineurs", "terri", "puits", "11", "fosse", "saint", "vaast"],
                *["ﬁ", "Œ"],
            ]
        ),
        max_size=6,
    ).map(" ".join),
)


@pytest.fixture
def archive(home_page, settings):
    settings.ELASTICSEARCH_URL = ""
    indexed_archive(home_page)


@PROPERTIES
@given(q=typed, page=st.integers(1, 3), sort=st.sampled_from(["relevance", "date"]))
def test_any_words_give_results_or_none(archive, q, page, sort):
    results = fallback.search(SearchParams(q=q, page=page, sort=sort))

    assert results.count >= len(results.results)


@PROPERTIES
@given(typed)
def test_autocomplete_answers_any_beginning(archive, q):
    assert isinstance(fallback.autocomplete(q), list)


@PROPERTIES
@given(body=st.text(max_size=300), q=typed, size=st.integers(1, 30))
def test_an_excerpt_is_the_document_s_words_with_marks(body, q, size):
    excerpt = fallback._marked_excerpt(body, query_terms(q), size=size)

    plain = excerpt.replace(MARK_START, "").replace(MARK_END, "").strip("…")
    assert plain in body
    assert len(re.findall(r"\w+", plain)) <= size
