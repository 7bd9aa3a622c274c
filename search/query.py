"""What a visitor asks for and what the answer looks like, whichever engine answers."""

import html
from dataclasses import asdict, dataclass, field

from django import forms
from django.utils.translation import gettext_lazy as _

from archive.models import ItemKind

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
# The facets whose values are what editors wrote (names of places, themes, collections,
# editions), not labels of the interface: said in French in another interface.
CONTENT_FACETS = frozenset({"theme", "place", "collection", "edition"})
# The archive's kinds, and the ones the search gives festival events and fifty-fifty projects
# (search.sources).
EVENT_KIND = "event"
PROJECT_KIND = "project"
KIND_LABELS = {
    **dict(ItemKind.choices),
    EVENT_KIND: _("Événement du festival"),
    PROJECT_KIND: _("Projet fifty-fifty"),
}
# "Near a place": the distances the page offers (the API takes any from 0.1 to 200 km).
NEAR_DISTANCES = (1, 2, 5, 10)
DEFAULT_KM = 2.0
# Highlight markers no text contains; turned into <mark> after HTML escaping.
MARK_START, MARK_END = "\ue000", "\ue001"


@dataclass
class SearchParams:
    q: str = ""
    filters: dict[str, str] = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1
    near: tuple[float, float, float] | None = None  # lat, lon, km
    near_place: str = ""  # the name of the place ``near`` is around, when chosen by name

    @classmethod
    def from_form(cls, form: forms.Form) -> "SearchParams":
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


def kind_label(kind: str, default: str = "") -> str:
    return str(KIND_LABELS.get(kind, default))


def facet_label(facet: str, value: str) -> str:
    if facet == "kind":
        return kind_label(value, value)
    if facet == "decades":
        return str(_("années %(decade)s") % {"decade": value})
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
        kind_label=kind_label(source.get("kind", "")),
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
