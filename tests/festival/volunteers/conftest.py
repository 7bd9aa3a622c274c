import datetime

import pytest
from django.utils import timezone

from tests.factories.festival import EditionPageFactory, FestivalIndexPageFactory
from tests.factories.home import site_with_home

# Shifts must lie ahead of the real clock to be open: the edition is always next year's.
YEAR = timezone.now().year + 1


@pytest.fixture
def volunteer_edition(db):
    """Next year's Gohelliades (12 to 14 June), published under a site."""
    home = site_with_home()
    festival = FestivalIndexPageFactory(parent=home)
    return EditionPageFactory(
        parent=festival,
        year=YEAR,
        start_date=datetime.date(YEAR, 6, 12),
        end_date=datetime.date(YEAR, 6, 14),
    )
