"""The sign-ups bench: people served by forked worker processes, on real row locks."""

import datetime

import pytest
from django.utils import timezone

from bench.signups import signups_race
from tests.factories.festival import EditionPageFactory
from tests.factories.volunteers import VolunteerRoleFactory

# Committed rows the forked processes can see, and PostgreSQL's row locks.
pytestmark = [pytest.mark.integration, pytest.mark.postgresql]

YEAR = timezone.localdate().year + 1


def test_signups_race_holds_exactly_the_capacity_queues_one_mail_each_and_times_both_requests(
    keep_migrated_rows, transactional_db, festival_index, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    EditionPageFactory(
        parent=festival_index,
        year=YEAR,
        start_date=datetime.date(YEAR, 6, 12),
        end_date=datetime.date(YEAR, 6, 14),
    )
    VolunteerRoleFactory()

    measured = signups_race(people=8, capacity=4, taken=2, workers=2)

    assert measured["exact"] and measured["errors"] == []
    assert (measured["holding"], measured["confirmed"]) == (4, 4)
    assert measured["waitlisted"] == 6
    assert measured["mails_queued"] == 8
    assert measured["links_followed"] == 8  # every newcomer followed their e-mail's link
    assert measured["p95_ms"] >= measured["p50_ms"] > 0
    assert measured["confirm"]["p95_ms"] >= measured["confirm"]["p50_ms"] > 0
