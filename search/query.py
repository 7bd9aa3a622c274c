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
# "Near a place": the distances the page offers (the API takes any from 0.1 to 200 km).
NEAR_DISTANCES = (1, 2, 5, 10)
DEFAULT_KM = 2.0
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
    place_near = forms.ModelChoiceField(
        queryset=None,
        to_field_name="slug",
        required=False,
        label=_("Près d'un lieu"),
        empty_label=_("Partout"),
        error_messages={
            "invalid_choice": _(
                "Ce lieu n'est pas connu ou n'est pas placé sur la carte : "
                "choisissez-en un dans la liste."
            )
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from search.selectors import places_on_map  # the selectors build on this module

        self.fields["place_near"].queryset = places_on_map()


@dataclass
class SearchParams:
    q: str = ""
    filters: dict[str, str] = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1
    near: tuple[float, float, float] | None = None  # lat, lon, km
    near_place: str = ""  # the name of the place ``near`` is around, when chosen by name

    @classmethod
    def from_form(cls, form: SearchForm) -> "SearchParams":
        """What the valid fields ask for: one bad value does not throw away the words typed."""
        form.is_valid()
        data = getattr(form, "cleaned_data", {})
        near, near_place = None, ""
        km = data.get("km") or DEFAULT_KM
        if place := data.get("place_near"):
            near, near_place = (float(place.latitude), float(place.longitude), km), place.name
        elif data.get("lat") is not None and data.get("lon") is not None:
            near = (data["lat"], data["lon"], km)
        return cls(
            q=(data.get("q") or "").strip(),
            filters={param: data[param] for param in FACETS if data.get(param)},
            sort=data.get("sort") or "relevance",
            page=data.get("page") or 1,
            near=near,
            near_place=near_place,
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
    # The same interview's other passages on this page, under its best one.
    other_passages: list[dict] = field(default_factory=list)


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


def passages_grouped(hits: list[Hit]) -> list[Hit]:
    """One hit per interview: its best passage, with the others on the page listed under it,
    so that one long interview does not fill the page. A passage's URL is its item's."""
    grouped: list[Hit] = []
    best: dict[str, Hit] = {}
    for hit in hits:
        if hit.doc_type != "segment" or not hit.url:
            grouped.append(hit)
        elif hit.url in best:
            best[hit.url].other_passages.append(
                {"title": hit.title, "timecode": hit.timecode, "segment_url": hit.segment_url}
            )
        else:
            best[hit.url] = hit
            grouped.append(hit)
    return grouped


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
