import datetime

import pytest
from django.utils import timezone

from tests.factories.festival import EditionPageFactory

# Shifts must lie ahead of the real clock to be open: the edition is always next year's.
YEAR = timezone.now().year + 1


@pytest.fixture
def volunteer_edition(festival_index):
    """Next year's Gohelliades (12 to 14 June), published under a site."""
    return EditionPageFactory(
        parent=festival_index,
        year=YEAR,
        start_date=datetime.date(YEAR, 6, 12),
        end_date=datetime.date(YEAR, 6, 14),
    )
