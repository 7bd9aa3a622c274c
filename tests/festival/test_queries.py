import datetime

import pytest
from django.utils import timezone

from festival.models import EventOccurrence
from tests.factories.festival import EditionPageFactory, VenueFactory, event_at, paris
from tests.factories.media import CustomImageFactory

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)


def _fill(edition, n: int) -> None:
    venues = [VenueFactory() for _ in range(3)]
    for i in range(n):
        event_at(
            edition=edition,
            start=paris(2026, 6, 12 + i % 3, 10, 0) + datetime.timedelta(minutes=20 * i),
            venue=venues[i % 3],
            image=CustomImageFactory(),
        )


def _fill_other_days(edition, n: int, *, first_day: int = 5) -> None:
    """``first_day`` events on Friday (the day the programme opens on), the rest of ``n`` on
    Saturday and Sunday, at the same three places."""
    venues = [VenueFactory() for _ in range(3)]
    for i in range(n):
        day = 12 if i < first_day else 13 + i % 2
        event_at(
            edition=edition,
            start=paris(edition.year, 6, day, 9, 0) + datetime.timedelta(minutes=i),
            venue=venues[i % 3],
            image=CustomImageFactory(),
        )


@pytest.mark.parametrize("n", [10, 90])
def test_programme_queries_do_not_grow(client, edition, django_assert_num_queries, n):
    _fill_other_days(edition, n)
    client.get(edition.url + "programme/")  # renditions are created on the first view

    with django_assert_num_queries(11):
        response = client.get(edition.url + "programme/")

    assert response.status_code == 200
    assert response.content.decode().count('class="programme-item__image"') == 5


@pytest.mark.parametrize("n", [10, 90])
def test_programme_of_a_filtered_day_queries_do_not_grow(
    client, edition, django_assert_num_queries, n
):
    _fill_other_days(edition, n)
    url = edition.url + "programme/?jour=2026-06-13&moment=matin&public=everyone"
    client.get(url)

    with django_assert_num_queries(11):
        response = client.get(url)

    assert response.content.decode().count('class="programme-item__image"') == (n - 5) // 2


def test_programme_page_weighs_the_same_whatever_the_other_days_hold(client, festival_index):
    quiet = EditionPageFactory(parent=festival_index, year=2026)
    busy = EditionPageFactory(parent=festival_index, year=2027)
    _fill_other_days(quiet, 5)
    _fill_other_days(busy, 90)
    EditionPageFactory(parent=festival_index, year=2028)  # neither is the newest edition

    quiet_size = len(client.get(quiet.url + "programme/").content)
    busy_size = len(client.get(busy.url + "programme/").content)

    # Only the days' counts (« 0 » → « 43 ») and the ids differ.
    assert abs(busy_size - quiet_size) < 120


@pytest.mark.parametrize("n", [1, 30])
def test_edition_calendar_queries_do_not_grow(client, edition, django_assert_num_queries, n):
    _fill(edition, n)

    with django_assert_num_queries(8):
        response = client.get(edition.url + "calendrier/")

    assert response.content.decode().count("BEGIN:VEVENT") == n


@pytest.mark.parametrize("n", [1, 30])
def test_admin_programme_queries_do_not_grow(admin_client, edition, django_assert_num_queries, n):
    _fill(edition, n)

    with django_assert_num_queries(9):
        response = admin_client.get(f"/admin/festival/editions/{edition.pk}/programme/")

    assert response.status_code == 200


@pytest.mark.parametrize("n", [1, 30])
def test_edition_page_queries_do_not_grow(client, edition, django_assert_num_queries, n):
    _fill(edition, n)
    client.get(edition.url)

    with django_assert_num_queries(11):
        response = client.get(edition.url)

    assert response.status_code == 200


@pytest.mark.parametrize("n", [1, 30])
def test_running_edition_page_with_stars_queries_do_not_grow(
    client, festival_index, django_assert_num_queries, n
):
    today = timezone.localdate()
    edition = EditionPageFactory(
        parent=festival_index,
        year=2030,
        start_date=today - datetime.timedelta(days=1),
        end_date=today + datetime.timedelta(days=1),
    )
    now = timezone.now()
    for minutes in range(n):
        delta = datetime.timedelta(minutes=minutes)
        event_at(edition=edition, start=now - HOUR + delta, duration=2 * HOUR)
        event_at(edition=edition, start=now + HOUR + delta)
    client.get(edition.url)

    with django_assert_num_queries(13):
        response = client.get(edition.url)

    # Everything on now, and the next five, each with its star.
    assert response.content.decode().count('class="star-button"') == n + min(n, 5)


@pytest.mark.parametrize("n", [1, 30])
def test_festival_index_queries_do_not_grow(client, festival_index, django_assert_num_queries, n):
    for year in range(1984, 1984 + n):
        EditionPageFactory(parent=festival_index, year=year)

    with django_assert_num_queries(12):
        response = client.get(festival_index.url)

    assert response.content.decode().count('class="edition-list__year"') == n


@pytest.mark.parametrize("n", [1, 10])
def test_event_page_queries_do_not_grow(client, edition, django_assert_num_queries, n):
    event = event_at(edition=edition, start=paris(2026, 6, 12, 10, 0), image=CustomImageFactory())
    for i in range(1, n):
        start = paris(2026, 6, 12 + i % 3, 9 + i)
        EventOccurrence.objects.create(
            event=event, start=start, end=start + datetime.timedelta(hours=1)
        )
    client.get(event.url)

    with django_assert_num_queries(14):
        response = client.get(event.url)

    assert response.content.decode().count("<time datetime=") == n
    assert f'data-star="{event.pk}" aria-pressed="false" hidden' in response.content.decode()
