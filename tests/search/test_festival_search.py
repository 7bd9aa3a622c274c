"""Festival events are found next to the archive, with their edition, venue and position."""

import pytest

from search import fallback, selectors, services
from search.query import SearchParams
from tests.factories.festival import (
    EditionPageFactory,
    FestivalIndexPageFactory,
    VenueFactory,
    event_at,
    paris,
)


def festival_content(home_page):
    festival_index = FestivalIndexPageFactory(parent=home_page)
    edition = EditionPageFactory(parent=festival_index, year=2026)
    venue = VenueFactory(name="Base 11/19", latitude="50.448900", longitude="2.779200")
    far = VenueFactory(name="Salle de Lens", latitude="50.432000", longitude="2.833000")
    event_at(
        edition=edition,
        start=paris(2026, 6, 13, 15, 30),
        title="Le terril raconté",
        summary="Une balade contée sur le terril.",
        venue=venue,
    )
    event_at(
        edition=edition,
        start=paris(2026, 6, 14, 20, 0),
        title="Bal des galibots",
        summary="Un bal pour toute la cité.",
        venue=far,
    )
    return edition


@pytest.fixture
def festival(home_page, settings):
    settings.ELASTICSEARCH_URL = ""
    edition = festival_content(home_page)
    services.index_rebuild()
    return edition


def test_events_are_found_with_their_edition_and_venue(festival):
    results = fallback.search(SearchParams(q="terri"))

    assert [hit.title for hit in results.results] == ["Le terril raconté"]
    hit = results.results[0]
    assert hit.kind == "event"
    assert hit.place == "Base 11/19"
    assert results.facets["edition"] == [{"value": "2026", "label": "2026", "count": 1}]


def test_events_near_a_place_are_kept_and_far_ones_left_out(festival):
    near_base = SearchParams(near=(50.4489, 2.7792, 1.0))

    results = fallback.search(near_base)

    assert [hit.title for hit in results.results] == ["Le terril raconté"]


@pytest.mark.integration
def test_engine_finds_events_near_a_place(search_engine, home_page):
    festival_content(home_page)
    services.index_rebuild()

    results = selectors.search_content(SearchParams(near=(50.4489, 2.7792, 1.0)))

    assert results.engine == "elasticsearch"
    assert [hit.title for hit in results.results] == ["Le terril raconté"]
    assert results.facets["edition"] == [{"value": "2026", "label": "2026", "count": 1}]
