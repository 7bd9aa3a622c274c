"""What a visitor asks for and what the answer looks like, whichever engine answers."""

import html
import re
from dataclasses import asdict, dataclass, field

from django import forms
from django.utils.translation import gettext_lazy as _

from search.analysis import ELIDED_ARTICLES, fold, synonym_rules

PAGE_SIZE = 20
# Filter parameter of the page and the API -> facet name in both indices.
FACETS = {
    "kind": "kind",
    "theme": "themes",
    "place": "places",
    "decade": "decades",
    "collection": "collections",
    "edition": "edition",
}
KIND_LABELS = {
    "memory": _("Souvenir écrit"),
    "photo": _("Photographie"),
    "oral_history": _("Témoignage oral"),
    "object": _("Objet ou document"),
    "event": _("Événement du festival"),
}
# Highlight markers no text contains; turned into <mark> after HTML escaping.
MARK_START, MARK_END = "\ue000", "\ue001"


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Rechercher"), required=False, max_length=200)
    kind = forms.CharField(required=False, max_length=64)
    theme = forms.CharField(required=False, max_length=255)
    place = forms.CharField(required=False, max_length=255)
    decade = forms.RegexField(regex=r"^\d{4}$", required=False)
    collection = forms.CharField(required=False, max_length=255)
    edition = forms.RegexField(regex=r"^\d{4}$", required=False)
    sort = forms.ChoiceField(
        choices=[("relevance", _("pertinence")), ("date", _("date"))], required=False
    )
    page = forms.IntegerField(min_value=1, max_value=500, required=False)
    lat = forms.FloatField(min_value=-90, max_value=90, required=False)
    lon = forms.FloatField(min_value=-180, max_value=180, required=False)
    km = forms.FloatField(min_value=0.1, max_value=200, required=False)


@dataclass
class SearchParams:
    q: str = ""
    filters: dict[str, str] = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1
    near: tuple[float, float, float] | None = None  # lat, lon, km

    @classmethod
    def from_form(cls, form: SearchForm) -> "SearchParams":
        data = form.cleaned_data if form.is_valid() else {}
        near = None
        if data.get("lat") is not None and data.get("lon") is not None:
            near = (data["lat"], data["lon"], data.get("km") or 2.0)
        return cls(
            q=(data.get("q") or "").strip(),
            filters={param: data[param] for param in FACETS if data.get(param)},
            sort=data.get("sort") or "relevance",
            page=data.get("page") or 1,
            near=near,
        )

    @property
    def offset(self) -> int:
        return (self.page - 1) * PAGE_SIZE


@dataclass
class Hit:
    title: str
    url: str
    doc_type: str
    kind: str
    kind_label: str
    date: str | None
    date_label: str
    place: str
    excerpt: str
    thumbnail: str
    timecode: float | None = None
    segment_url: str | None = None
    parent_title: str = ""


@dataclass
class SearchResults:
    count: int
    results: list[Hit]
    facets: dict[str, list[dict]]
    suggestion: str | None
    engine: str
    page: int = 1

    @property
    def pages(self) -> int:
        return max(1, -(-self.count // PAGE_SIZE))

    def as_json(self) -> dict:
        return {
            "count": self.count,
            "page": self.page,
            "pages": self.pages,
            "results": [asdict(hit) for hit in self.results],
            "facets": self.facets,
            "suggestion": self.suggestion,
            "engine": self.engine,
        }


def marked_html(text: str) -> str:
    """Escape a highlighted excerpt, then turn our markers into ``<mark>``."""
    return html.escape(text, quote=False).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")


def facet_label(facet: str, value: str) -> str:
    if facet == "kind":
        return str(KIND_LABELS.get(value, value))
    if facet == "decades":
        return f"années {value}"
    return value


def hit_from_source(source: dict, excerpt: str) -> Hit:
    places = source.get("places") or []
    timecode = source.get("timecode")
    url = source.get("url", "")
    return Hit(
        title=source.get("title", ""),
        url=url,
        doc_type=source.get("doc_type", ""),
        kind=source.get("kind", ""),
        kind_label=str(KIND_LABELS.get(source.get("kind", ""), "")),
        date=source.get("date"),
        date_label=source.get("date_label", ""),
        place=places[0] if places else "",
        excerpt=excerpt,
        thumbnail=source.get("thumbnail", ""),
        timecode=timecode,
        segment_url=f"{url}?t={int(timecode)}" if timecode is not None else None,
        parent_title=source.get("parent_title", ""),
    )


def sorted_facets(counts: dict[str, dict[str, int]]) -> dict[str, list[dict]]:
    """Every value of every facet with its count, most frequent first (decades in order)."""
    facets = {}
    for param, facet in FACETS.items():
        values = counts.get(facet, {})
        if facet == "decades":
            ordered = sorted(values.items())
        else:
            ordered = sorted(values.items(), key=lambda item: (-item[1], item[0]))
        facets[param] = [
            {"value": value, "label": facet_label(facet, value), "count": count}
            for value, count in ordered
        ]
    return facets


# Query words for the database path, treated like the engine's analysis chain -------------

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


def query_terms(q: str) -> list[list[tuple[str, ...]]]:
    """An AND of OR-groups of word sequences: « mineurs terri » ->
    [[("mineur",)], [("terri",), ("terril",)]]. Elisions and small words are dropped."""
    groups = []
    for word in WORD.findall(fold(q.replace("’", "'"))):
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
