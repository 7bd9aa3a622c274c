"""Many residents click « Je m'inscris » at the same instant for a work day's last places.

Real threads, each with its own PostgreSQL connection and transaction: the work day's shifts
are held by the same row locks as the festival's (``festival.volunteers.services``)."""

from collections import Counter

import pytest

from festival.models import Signup, SignupStatus, Volunteer
from festival.volunteers import services
from festival.volunteers.models import HOLDING_STATUSES
from tests.factories.projects import WorkDayFactory
from tests.factories.volunteers import WorkDayShiftFactory, WorkDaySignupFactory
from tests.festival.volunteers.test_concurrency import run_at_once

# They need real row locks: the marker skips them on SQLite (tests/conftest.py).
pytestmark = [pytest.mark.integration, pytest.mark.postgresql]


@pytest.fixture
def committed_work_day(keep_migrated_rows, transactional_db):
    return WorkDayFactory()


def test_simultaneous_signups_never_overbook_a_work_day(committed_work_day):
    shift = WorkDayShiftFactory(work_day=committed_work_day, capacity=4)
    WorkDaySignupFactory(shift=shift)
    people = 24

    results = run_at_once(
        people,
        lambda i: services.signup_create(
            occasion=committed_work_day,
            name=f"Habitant {i}",
            email=f"chantier{i}@exemple.fr",
            shift_ids=[shift.pk],
        ),
    )

    assert [r for r in results if isinstance(r, Exception)] == []
    statuses = Counter(r.signups[0].status for r in results)
    assert statuses == {SignupStatus.PENDING: 3, SignupStatus.WAITLISTED: people - 3}
    assert Signup.objects.filter(shift=shift, status__in=HOLDING_STATUSES).count() == 4


def test_the_same_address_twice_at_once_is_one_volunteer_of_the_work_day(committed_work_day):
    shift = WorkDayShiftFactory(work_day=committed_work_day, capacity=10)

    results = run_at_once(
        6,
        lambda i: services.signup_create(
            occasion=committed_work_day,
            name="Marie Lefebvre",
            email="marie@exemple.fr",
            shift_ids=[shift.pk],
        ),
    )

    assert [r for r in results if isinstance(r, Exception)] == []
    assert Volunteer.objects.filter(work_day=committed_work_day).count() == 1
    assert Signup.objects.filter(shift=shift).count() == 1
