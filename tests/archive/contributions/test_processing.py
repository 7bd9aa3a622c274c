"""Processing that fails is tried again alone, ever less often, then shown to moderators.

A contribution whose stored photo has vanished (a poisoned submission) can never be
processed; others must not wait behind it, and it must not be retried for ever."""

import datetime

import pytest
from django.utils import timezone

from archive.contributions.processing import contribution_retry
from archive.contributions.selectors import MAX_PROCESSING_ATTEMPTS, contributions_to_retry
from archive.contributions.services import contribution_create
from archive.models import ContributionStatus
from core.background import oldest_and_newest_alternately, retry_wait
from tests.factories.archive import ArchiveIndexPageFactory, contribution_data
from tests.factories.media import jpeg_with_gps_bytes, upload

pytestmark = pytest.mark.django_db


def _received_without_archive(title: str):
    """Stored, but processing fails: there is no archive to file it in yet."""
    return contribution_create(
        data=contribution_data(title=title),
        photos=[upload(jpeg_with_gps_bytes(), "IMG_1.jpg", "image/jpeg")],
    )


def _poison(contribution):
    """Its raw photo is gone from storage: no retry can ever succeed."""
    stored = contribution.files.get()
    stored.raw.storage.delete(stored.raw.name)
    return contribution


def _later(minutes: float) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(minutes=minutes)


def test_a_failure_waits_longer_before_each_retry_then_is_given_up(home_page):
    contribution = _poison(_received_without_archive("Photo perdue"))
    ArchiveIndexPageFactory(parent=home_page)

    waits = []
    clock = timezone.now()
    for _attempt in range(MAX_PROCESSING_ATTEMPTS + 2):
        contribution.refresh_from_db()
        # Not yet: one minute before its turn nothing happens.
        wait = retry_wait(
            contribution.attempts,
            first=datetime.timedelta(minutes=5),
            longest=datetime.timedelta(hours=6),
        )
        assert (
            contribution_retry(now=contribution.updated_at + wait - datetime.timedelta(minutes=1))
            == []
        )
        clock = contribution.updated_at + wait + datetime.timedelta(seconds=1)
        retried = contribution_retry(now=clock)
        if not retried:
            break
        waits.append(wait)

    contribution.refresh_from_db()
    assert contribution.status == ContributionStatus.FAILED
    assert contribution.attempts == MAX_PROCESSING_ATTEMPTS
    assert waits == sorted(waits) and waits[0] < waits[-1]
    assert contribution_retry(now=clock + datetime.timedelta(days=30)) == []


def test_poisoned_contributions_do_not_hold_back_a_good_one(home_page):
    poisoned = [_poison(_received_without_archive(f"Abîmée {i}")) for i in range(6)]
    good = _received_without_archive("Les corons en 1962")
    ArchiveIndexPageFactory(parent=home_page)

    retried = contribution_retry(now=_later(10), limit=2)

    assert good.pk in [contribution.pk for contribution in retried]
    good.refresh_from_db()
    assert good.status == ContributionStatus.IN_REVIEW
    assert all(c.status == ContributionStatus.FAILED for c in retried if c.pk != good.pk)
    assert {c.pk for c in contributions_to_retry(now=_later(10), limit=10)} <= {
        c.pk for c in poisoned
    }


def test_oldest_and_newest_are_taken_in_turn():
    assert oldest_and_newest_alternately([1, 2, 3, 4, 5], limit=4) == [1, 5, 2, 4]
    assert oldest_and_newest_alternately([1, 2, 3], limit=10) == [1, 3, 2]
    assert oldest_and_newest_alternately([], limit=3) == []


def test_an_operator_retries_everything_at_once(home_page):
    contribution = _received_without_archive("Le terril en hiver")
    ArchiveIndexPageFactory(parent=home_page)

    [retried] = contribution_retry()  # manage.py retry_contributions: no wait, no cap

    assert retried.pk == contribution.pk
    assert retried.status == ContributionStatus.IN_REVIEW


def test_given_up_contributions_are_shown_to_moderators_with_the_reason(home_page, admin_client):
    contribution = _poison(_received_without_archive("Mariage à la cité 5"))
    ArchiveIndexPageFactory(parent=home_page)
    contribution.attempts = MAX_PROCESSING_ATTEMPTS - 1
    contribution.save()
    contribution_retry()
    contribution.refresh_from_db()
    assert contribution.attempts == MAX_PROCESSING_ATTEMPTS

    html = admin_client.get("/admin/").content.decode()

    assert f"n'a pas pu être traitée après {MAX_PROCESSING_ATTEMPTS} essais" in html
    assert "Mariage à la cité 5" in html
    assert contribution.last_error[:40] in html
