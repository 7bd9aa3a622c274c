import pytest

from talks.permissions import HELPER_GROUP, TEAM_GROUP
from tests.factories.talks import taidx_member


@pytest.fixture
def team_client(client):
    """A member of the town's Ch'ti TAIDx team in the admin."""
    client.force_login(taidx_member(group=TEAM_GROUP, full_name="Marc Lefebvre"))
    return client


@pytest.fixture
def helper_client(client):
    """A member of « Accompagnement » (a journalist helping the speakers) in the admin."""
    client.force_login(taidx_member(group=HELPER_GROUP, full_name="Claire Dumont"))
    return client
