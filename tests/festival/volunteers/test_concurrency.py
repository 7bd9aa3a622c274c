"""Many people click « Je m'inscris » at the same instant for the last places.

Real threads, each with its own PostgreSQL connection and its own transaction: the row lock
on the shift is what keeps the count right, not the test's luck."""

import datetime
import threading
from collections import Counter

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connections
from django.utils import timezone
from wagtail.models import Locale, Page

from festival.models import EditionPage, Shift, Signup, SignupStatus
from festival.volunteers import services
from festival.volunteers.models import HOLDING_STATUSES
from tests.factories.festival import paris
from tests.factories.volunteers import ShiftFactory, SignupFactory, VolunteerRoleFactory

# They need real row locks: the marker skips them on SQLite (tests/conftest.py).
pytestmark = [pytest.mark.integration, pytest.mark.postgresql]

YEAR = timezone.localdate().year + 1


@pytest.fixture
def committed_edition(keep_migrated_rows, transactional_db) -> EditionPage:
    root = Page.get_first_root_node()
    if root is None:
        locale, _created = Locale.objects.get_or_create(language_code="fr")
        root = Page.add_root(
            instance=Page(
                title="Root",
                slug="root",
                locale=locale,
                content_type=ContentType.objects.get_for_model(Page),
            )
        )
    edition = EditionPage(
        title=f"Gohelliades {YEAR}",
        slug=f"concurrence-{YEAR}",
        year=YEAR,
        start_date=datetime.date(YEAR, 6, 12),
        end_date=datetime.date(YEAR, 6, 14),
    )
    root.add_child(instance=edition)
    return edition


def run_at_once(count: int, work) -> list:
    """Start ``count`` threads behind a barrier; return what each returned or raised."""
    barrier = threading.Barrier(count)
    results: list = [None] * count

    def worker(index: int) -> None:
        try:
            barrier.wait(timeout=30)
            results[index] = work(index)
        except Exception as error:  # noqa: BLE001 - the test inspects every outcome
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def test_simultaneous_signups_never_overbook(committed_edition):
    shift = ShiftFactory(edition=committed_edition, capacity=5)
    for _n in range(3):
        SignupFactory(shift=shift)
    people = 30

    results = run_at_once(
        people,
        lambda i: services.signup_create(
            occasion=committed_edition,
            name=f"Habitant {i}",
            email=f"habitant{i}@exemple.fr",
            shift_ids=[shift.pk],
        ),
    )

    errors = [r for r in results if isinstance(r, Exception)]
    assert errors == []
    statuses = Counter(r.signups[0].status for r in results)
    assert statuses == {SignupStatus.PENDING: 2, SignupStatus.WAITLISTED: people - 2}
    assert Signup.objects.filter(shift=shift, status__in=HOLDING_STATUSES).count() == 5


def test_simultaneous_signups_on_several_shifts_never_overbook(committed_edition):
    role = VolunteerRoleFactory()
    shifts = [
        ShiftFactory(
            edition=committed_edition,
            role=role,
            capacity=3,
            start=paris(YEAR, 6, 13, 8 + 3 * n),
            end=paris(YEAR, 6, 13, 10 + 3 * n),
        )
        for n in range(3)
    ]

    # Each person asks for two shifts, in orders that would deadlock without sorted locks.
    results = run_at_once(
        24,
        lambda i: services.signup_create(
            occasion=committed_edition,
            name=f"Habitant {i}",
            email=f"multi{i}@exemple.fr",
            shift_ids=[shifts[i % 3].pk, shifts[(i + 1) % 3].pk][:: (-1) ** i],
        ),
    )

    assert [r for r in results if isinstance(r, Exception)] == []
    for shift in Shift.objects.filter(pk__in=[s.pk for s in shifts]):
        assert shift.signups.filter(status__in=HOLDING_STATUSES).count() == 3


def test_simultaneous_cancel_and_signups_keep_capacity(committed_edition):
    shift = ShiftFactory(edition=committed_edition, capacity=2)
    holders = [SignupFactory(shift=shift) for _n in range(2)]
    for _n in range(4):
        SignupFactory(shift=shift, status=SignupStatus.WAITLISTED)

    def work(i: int):
        if i < 2:
            return services.signup_cancel(signup=holders[i])
        return services.signup_create(
            occasion=committed_edition,
            name=f"Habitant {i}",
            email=f"late{i}@exemple.fr",
            shift_ids=[shift.pk],
        )

    results = run_at_once(12, work)

    assert [r for r in results if isinstance(r, Exception)] == []
    assert Signup.objects.filter(shift=shift, status__in=HOLDING_STATUSES).count() == 2


def test_confirming_while_holds_expire_never_gives_a_place_twice(committed_edition):
    """A hold confirmed at the instant it expires is either confirmed or expired (and its
    place given to the person waiting), never both."""
    shifts = [
        ShiftFactory(
            edition=committed_edition,
            capacity=1,
            start=paris(YEAR, 6, 12, 8) + datetime.timedelta(hours=4 * n),
            end=paris(YEAR, 6, 12, 10) + datetime.timedelta(hours=4 * n),
        )
        for n in range(8)
    ]
    holders = [
        SignupFactory(shift=s, status=SignupStatus.PENDING, email_confirmed_at=None) for s in shifts
    ]
    for shift in shifts:
        SignupFactory(shift=shift, status=SignupStatus.WAITLISTED)
    later = timezone.now() + datetime.timedelta(hours=49)

    def work(i: int):
        if i == len(holders):
            return services.holds_expire(now=later)
        return services.signup_confirm(volunteer=holders[i].volunteer, now=later)

    results = run_at_once(len(holders) + 1, work)

    assert [r for r in results if isinstance(r, Exception)] == []
    for shift in shifts:
        assert shift.signups.filter(status__in=HOLDING_STATUSES).count() == 1
