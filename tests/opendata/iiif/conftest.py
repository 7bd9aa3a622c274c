import json

import pytest
from iiif_prezi3 import Collection, Manifest

# What Presentation 3 lets a Collection say of the Manifests and Collections it lists.
REFERENCE_KEYS = {"id", "type", "label", "thumbnail"}


def presentation_valid(data: dict) -> dict:
    """Re-read ``data`` with iiif-prezi3's models, generated from the Presentation 3 JSON
    schema (strict: types, language maps, URLs, required fields), and check what the models
    leave open; returns ``data``."""
    model = Manifest if data["type"] == "Manifest" else Collection
    reread = json.loads(model.model_validate(data).json(exclude_none=True))
    assert data["@context"] == "http://iiif.io/api/presentation/3/context.json"
    # Nothing the models did not know (a misspelt property would be dropped silently).
    assert data == {"@context": data["@context"], **reread}
    if data["type"] == "Manifest":
        assert data["items"], "a Manifest has at least one Canvas"
        for canvas in data["items"]:
            assert ("width" in canvas) == ("height" in canvas)
            assert "width" in canvas or "duration" in canvas
    else:
        # A Collection has items (maybe none), each a Manifest or Collection named by id, type
        # and label; the models keep a reference's unknown keys, so we refuse them here.
        assert isinstance(data["items"], list), "a Collection has the items property"
        for reference in data["items"]:
            assert reference["type"] in {"Manifest", "Collection"}
            assert {"id", "type", "label"} <= reference.keys() <= REFERENCE_KEYS
            assert reference["id"].startswith(("http://", "https://"))
    return data


@pytest.fixture
def valid():
    return presentation_valid
