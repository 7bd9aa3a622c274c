"""French analysis for the index: how text is cut, folded and stemmed, and the local synonyms.

At index time: elision (l', d', qu'…), lowercase, ASCII folding keeping the accented original,
light French stemming. At search time the same, with the local synonyms expanded before the
stemmer (``synonym_graph`` only works at search time), so « terri » finds « terril ».
The database fallback treats the words typed the same way in Python (``query_terms``).
"""

import re
import unicodedata
from functools import cache
from pathlib import Path

from elasticsearch.dsl import analyzer, token_filter

SYNONYMS_FILE = Path(__file__).with_name("synonyms") / "fr.txt"
ELIDED_ARTICLES = [
    "l",
    "m",
    "t",
    "qu",
    "n",
    "s",
    "j",
    "d",
    "c",
    "jusqu",
    "quoiqu",
    "lorsqu",
    "puisqu",
]


@cache
def synonym_rules() -> tuple[str, ...]:
    """The synonym groups of ``synonyms/fr.txt``, comments and blank lines left out."""
    lines = SYNONYMS_FILE.read_text(encoding="utf-8").splitlines()
    return tuple(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def fold(text: str) -> str:
    """Lowercase without accents: what both engines compare."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


french_elision = token_filter(
    "french_elision", "elision", articles_case=True, articles=ELIDED_ARTICLES
)
folding_keep_original = token_filter(
    "folding_keep_original", "asciifolding", preserve_original=True
)
french_light_stem = token_filter("french_light_stem", "stemmer", language="light_french")
local_synonyms = token_filter("local_synonyms", "synonym_graph", synonyms=list(synonym_rules()))
edge_ngrams = token_filter("edge_ngrams", "edge_ngram", min_gram=2, max_gram=20)

french_index = analyzer(
    "french_index",
    tokenizer="standard",
    filter=[french_elision, "lowercase", folding_keep_original, french_light_stem],
)
french_search = analyzer(
    "french_search",
    tokenizer="standard",
    filter=[french_elision, "lowercase", "asciifolding", local_synonyms, french_light_stem],
)
autocomplete_index = analyzer(
    "autocomplete_index",
    tokenizer="standard",
    filter=[french_elision, "lowercase", "asciifolding", edge_ngrams],
)
autocomplete_search = analyzer(
    "autocomplete_search",
    tokenizer="standard",
    filter=[french_elision, "lowercase", "asciifolding"],
)
# Words as written (no stemming) for the "did you mean" suggester: its candidates come from
# the words, its choice between them from the pairs and triples of words the index holds.
spelling = analyzer(
    "spelling", tokenizer="standard", filter=[french_elision, "lowercase", "asciifolding"]
)
word_shingles = token_filter("word_shingles", "shingle", min_shingle_size=2, max_shingle_size=3)
spelling_phrases = analyzer(
    "spelling_phrases",
    tokenizer="standard",
    filter=[french_elision, "lowercase", "asciifolding", word_shingles],
)


# Query words for the database fallback, treated like the engine's analysis chain ----------

STOPWORDS = {*ELIDED_ARTICLES, "le", "la", "les", "de", "des", "du", "un", "une", "et", "a"}
STOPWORDS |= {"au", "aux", "en", "ou", "sur", "dans", "par", "pour"}
WORD = re.compile(r"[a-z0-9]+")


def light_stem(word: str) -> str:
    """Plural off, as the light French stemmer does first: « mineurs » -> « mineur »."""
    if len(word) > 3 and word[-1] in "sx" and not word.isdigit():
        return word[:-1]
    return word


def _synonym_groups() -> dict[str, list[tuple[str, ...]]]:
    groups: dict[str, list[tuple[str, ...]]] = {}
    for rule in synonym_rules():
        alternatives = [tuple(WORD.findall(fold(part))) for part in rule.split(",")]
        alternatives = [words for words in alternatives if words]
        for words in alternatives:
            if len(words) == 1:
                groups.setdefault(words[0], []).extend(alternatives)
    return groups


SYNONYMS = _synonym_groups()


def typed_words(q: str) -> list[str]:
    """The folded words of ``q``, elisions cut off (« l’Église » -> « l », « eglise »)."""
    return WORD.findall(fold(q.replace("’", "'")))


def query_terms(q: str) -> list[list[tuple[str, ...]]]:
    """An AND of OR-groups of word sequences: « mineurs terri » ->
    [[("mineur",)], [("terri",), ("terril",)]]. Elisions and small words are dropped."""
    groups = []
    for word in typed_words(q):
        if word in STOPWORDS:
            continue
        alternatives = SYNONYMS.get(word) or SYNONYMS.get(light_stem(word)) or [(word,)]
        group = []
        for words in alternatives:
            stemmed = tuple(light_stem(w) for w in words)
            if stemmed not in group:
                group.append(stemmed)
        groups.append(group)
    return groups
