"""The shared map (site/templates/includes/map.html), seen on the archive's places page: our
schematic base without a tile server, the tiles and their attribution with one."""

import json
import re

import pytest
from django.contrib.staticfiles import finders

from tests.factories.archive import PlaceFactory

pytestmark = pytest.mark.django_db

TILES = "https://tiles.example.org/{z}/{x}/{y}.png"
ATTRIBUTION = "© les contributeurs d’OpenStreetMap"


def _map_element(html: str) -> str:
    return re.search(r"<div class=\"map[^\"]*\"[^>]*data-map[^>]*>", html).group(0)


def _static(url: str) -> str:
    path = finders.find(url.removeprefix("/static/"))
    assert path, f"{url} absent des fichiers statiques"
    with open(path, encoding="utf-8") as handle:
        return handle.read()


def test_map_without_tiles_stands_on_the_schematic_base(client, archive_index, settings):
    settings.MAP_TILE_URL = ""
    PlaceFactory(name="Base 11/19")

    element = _map_element(client.get(f"{archive_index.url}lieux/").content.decode())

    base_url = re.search(r'data-base-url="([^"]+)"', element).group(1)
    base = json.loads(_static(base_url))
    kinds = {feature["properties"]["kind"] for feature in base["features"]}
    assert {"commune", "terril", "road"} <= kinds
    terrils = [f for f in base["features"] if f["properties"]["kind"] == "terril"]
    assert len(terrils) == 2  # the twin terrils of the 11/19
    licence_url = re.search(r'data-base-licence-url="([^"]+)"', element).group(1)
    licence = _static(licence_url)
    assert "SCHÉMATIQUE" in licence and "CC0" in licence
    assert 'data-base-attribution="Fond schématique du projet (CC0), approximatif"' in element


def test_map_with_tiles_shows_them_and_their_attribution(client, archive_index, settings):
    settings.MAP_TILE_URL = TILES
    settings.MAP_TILE_ATTRIBUTION = ATTRIBUTION
    PlaceFactory(name="Base 11/19")

    element = _map_element(client.get(f"{archive_index.url}lieux/").content.decode())

    assert f'data-tile-url="{TILES}"' in element
    assert f'data-tile-attribution="{ATTRIBUTION}"' in element
    assert "data-base-url" not in element
