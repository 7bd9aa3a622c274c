"""French as visitors type it, on every backend that may answer them: Elasticsearch 8,
OpenSearch 2 and the database's own full-text index (SQLite FTS5 or PostgreSQL).

One table, so that the three stay in step: a case that differs on one backend says so in its
row, and why the difference is legitimate."""

from dataclasses import dataclass, field

import pytest
from django.db import connection

from search import selectors, services
from search.query import SearchParams
from tests.search.factories import CHURCH, LENS, MINER, SPOIL_TIP, item, mapped_archive


@pytest.fixture
def archive(backend, home_page):
    return mapped_archive(home_page)


def search(q: str = "", **filters):
    return selectors.search_content(SearchParams(q=q, filters=filters))


@dataclass(frozen=True)
class Case:
    q: str = ""
    filters: dict[str, str] = field(default_factory=dict)
    found: tuple[str, ...] = ()
    suggestion: str | None = None
    # Where the engines or the database legitimately answer otherwise: what they give.
    on_engines: dict = field(default_factory=dict)
    on_database: dict = field(default_factory=dict)
    on_postgresql: dict = field(default_factory=dict)  # the database, when it is PostgreSQL

    def expected(self, backend: str) -> tuple[tuple[str, ...], str | None]:
        expected = {"found": self.found, "suggestion": self.suggestion}
        if backend != "database":
            expected |= self.on_engines
        elif connection.vendor == "postgresql":
            expected |= {**self.on_database, **self.on_postgresql}
        else:
            expected |= self.on_database
        return expected["found"], expected["suggestion"]


CHURCH_ONLY = (CHURCH["title"],)
MINER_ONLY = (MINER["title"],)
SPOIL_TIP_ONLY = (SPOIL_TIP["title"],)

CASES = {
    # Accents and case.
    "accents-left-out": Case("eglise", found=CHURCH_ONLY),
    "accents-and-capitals": Case("L’ÉGLISE saint vaast", found=CHURCH_ONLY),
    "accent-on-a-capital": Case("ÉGLISE", found=CHURCH_ONLY),
    # Elision: « l' », « jusqu' » and a typographic apostrophe.
    "elision": Case("l'église", found=CHURCH_ONLY),
    "elision-without-accent": Case("l'eglise", found=CHURCH_ONLY),
    "elision-typographic-apostrophe": Case("l’église Saint-Vaast", found=CHURCH_ONLY),
    "elision-jusqu": Case("jusqu'à Lens", found=SPOIL_TIP_ONLY),
    # Plural and singular find each other.
    "plural-finds-singular": Case("mineurs", found=MINER_ONLY),
    "singular-finds-plural": Case("famille", found=SPOIL_TIP_ONLY),
    "plural-finds-plural": Case("familles", found=SPOIL_TIP_ONLY),
    # Several words: all of them, wherever they are; a phrase typed with its small words.
    "every-word-needed": Case("mineur terril", found=()),
    "phrase": Case("poste du matin", found=MINER_ONLY),
    "quoted-phrase": Case('"poste du matin"', found=MINER_ONLY),
    # Known words found together: no phrase to offer, although « saint » (of « Saint-Vaast »)
    # is closer to what the index holds word by word.
    "hyphenated-feast": Case("sainte barbe", found=CHURCH_ONLY),
    # Known words found, but the index holds them as another phrase: offered (as on the engines,
    # which weigh pairs of words, so does the database).
    "feast-without-its-e": Case("saint barbe", found=CHURCH_ONLY, suggestion="sainte barbe"),
    # Place names as they stand in the text.
    "hyphenated-place": Case("Saint-Vaast", found=CHURCH_ONLY),
    "town": Case("Lens", found=SPOIL_TIP_ONLY),
    # The local synonyms (search/synonyms/fr.txt).
    "synonym": Case("terri", found=SPOIL_TIP_ONLY),
    "synonym-with-a-number": Case("puits 11", found=MINER_ONLY),
    # Filters: kinds, decades, places, with or without words.
    "kind": Case(filters={"kind": "photo"}, found=SPOIL_TIP_ONLY),
    "kind-and-words": Case("fanfare", filters={"kind": "memory"}, found=CHURCH_ONLY),
    "kind-excludes": Case("terril", filters={"kind": "memory"}, found=()),
    "decade": Case(filters={"decade": "1950"}, found=MINER_ONLY),
    "decade-and-words": Case("terril", filters={"decade": "1970"}, found=SPOIL_TIP_ONLY),
    "decade-excludes": Case("terril", filters={"decade": "1950"}, found=()),
    "place": Case(filters={"place": LENS["name"]}, found=SPOIL_TIP_ONLY),
    "kind-and-decade": Case(filters={"kind": "oral_history", "decade": "1950"}, found=MINER_ONLY),
    # A typo: nothing found, and the spelling the index knows offered instead.
    "typo-swapped-letters": Case("fanfrae", suggestion="fanfare"),
    "typo-swapped-letters-short-word": Case(
        "eglsie saint vaast",
        suggestion="eglise saint vaast",
        # PostgreSQL's candidates come from its trigram index (similarity 0.3 at least): a
        # six-letter word with two letters swapped shares too few trigrams with the right one.
        # SQLite measures the edit distance to every word of the same first letter.
        on_postgresql={"suggestion": None},
    ),
    "typo-doubled-letter": Case(
        "minneur",
        found=MINER_ONLY,
        suggestion="mineur",
        # The engines' light French stemmer also folds a doubled letter: « minneur » is
        # « mineur » to them. The database stems plurals only: it finds nothing, and offers
        # the word as the engines do.
        on_database={"found": ()},
    ),
    "typo-doubled-consonant": Case(
        "terill",
        found=SPOIL_TIP_ONLY,
        suggestion="terril",
        on_database={"found": ()},  # as « minneur »: « terril » and « terill » stem alike
    ),
    "typo-after-an-elision": Case(
        "l'eglize Saint-Vaast",
        suggestion="eglise saint vaast",
        # The engines suggest the words they analysed; the database corrects the typed text
        # word by word and keeps the rest as it was typed.
        on_database={"suggestion": "l'eglise Saint-Vaast"},
    ),
    # Known words are no typo, even when they find little.
    "known-word": Case("terril", found=SPOIL_TIP_ONLY),
    # A word like no other of the index: nothing better to offer.
    "unknown-word": Case("terril zzzzz"),
    # The same words without accents are no correction.
    "no-suggestion-for-accents": Case("l'église Saint-Vaast", found=CHURCH_ONLY),
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_french_search(archive, backend, case):
    results = search(case.q, **case.filters)

    found, suggestion = case.expected(backend)
    assert results.engine == backend
    assert tuple(hit.title for hit in results.results) == found
    assert results.count == len(found)
    assert results.suggestion == suggestion


def test_search_counts_every_facet_value(archive, backend):
    for year in range(1900, 2020, 10):  # twelve decades: more than any "top ten"
        item(
            archive,
            title=f"Souvenir de la fosse en {year}",
            date_label=str(year),
            year_start=year,
            year_end=year,
        )
    services.index_rebuild()

    results = search("fosse")

    decades = {facet["value"]: facet["count"] for facet in results.facets["decade"]}
    assert results.engine == backend
    assert results.count == 13
    assert len(decades) == 12
    assert {"value": "oral_history", "label": "Témoignage oral", "count": 1} in results.facets[
        "kind"
    ]


def test_search_highlights_the_words_found(archive):
    results = search("mineurs")

    assert "<mark>mineur</mark>" in results.results[0].excerpt


def test_search_api_answers_with_the_issue_shape(archive, backend, client):
    response = client.get("/api/search/", {"q": "l'eglise saint vaast"})

    data = response.json()
    assert response.status_code == 200
    assert data["engine"] == backend
    assert data["count"] == 1
    assert set(data["facets"]) == {"kind", "theme", "place", "decade", "collection", "edition"}
    hit = data["results"][0]
    assert hit["title"] == CHURCH["title"]
    assert hit["url"].endswith("/")
    assert "<mark>" in hit["excerpt"]
    assert {"url", "kind", "date", "place", "thumbnail", "timecode"} <= set(hit)
