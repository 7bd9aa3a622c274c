"""What search engines read of an evening: the town's event, at the festival's venues."""

import pytest

from talks.structured_data import evening_json_ld
from tests.factories.festival import VenueFactory
from tests.factories.talks import EveningFactory, TalkFactory

pytestmark = pytest.mark.django_db


def test_evening_is_the_towns_free_event_at_its_venue_with_its_position():
    venue = VenueFactory(name="Base 11/19", address="Rue de Bourgogne")
    evening = EveningFactory(venue=venue)
    talk = TalkFactory(evening=evening, speaker_name="Nadia B.")

    data = evening_json_ld(evening=evening, talks=[talk], request=None)

    assert (data["@type"], data["isAccessibleForFree"]) == ("Event", True)
    assert data["organizer"]["name"] == "Ville de Loos-en-Gohelle"
    assert data["location"]["name"] == "Base 11/19"
    assert data["location"]["address"]["streetAddress"] == "Rue de Bourgogne"
    assert data["location"]["geo"] == {
        "@type": "GeoCoordinates",
        "latitude": 50.4489,
        "longitude": 2.7792,
    }
    assert data["subEvent"][0]["performer"] == {"@type": "Person", "name": "Nadia B."}


def test_evening_without_a_venue_names_its_place_in_words():
    evening = EveningFactory(place_label="Salle des fêtes")

    data = evening_json_ld(evening=evening, talks=[], request=None)

    assert data["location"] == {"@type": "Place", "name": "Salle des fêtes"}
    assert "subEvent" not in data
