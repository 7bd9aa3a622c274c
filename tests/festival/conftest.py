import datetime

import pytest

from tests.factories.festival import EditionPageFactory


@pytest.fixture
def edition(festival_index):
    """Gohelliades 2026: Friday 12 to Sunday 14 June."""
    return EditionPageFactory(
        parent=festival_index,
        year=2026,
        start_date=datetime.date(2026, 6, 12),
        end_date=datetime.date(2026, 6, 14),
    )
