"""While the festival runs, the home page shows what is on and what comes next, and a visitor
adds any of it to « Mon programme » as on the programme (same star, same script, same list)."""

import datetime

import pytest
from django.utils import timezone

from tests.factories.festival import EditionPageFactory, FestivalIndexPageFactory, event_at

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)


def _edition(home_page, *, running: bool):
    today = timezone.localdate()
    start = today - datetime.timedelta(days=1) if running else today + datetime.timedelta(days=30)
    return EditionPageFactory(
        parent=FestivalIndexPageFactory(parent=home_page),
        year=start.year,
        start_date=start,
        end_date=start + datetime.timedelta(days=2),
    )


def test_home_page_shows_now_and_next_with_stars_while_the_festival_runs(client, home_page):
    edition = _edition(home_page, running=True)
    now = timezone.now()
    on_now = event_at(edition=edition, start=now - HOUR, duration=2 * HOUR, title="Bal de la fosse")
    next_up = event_at(edition=edition, start=now + 2 * HOUR, title="Balade sur les terrils")
    event_at(edition=edition, start=now + 3 * HOUR, title="Répétition", live=False)

    html = client.get("/").content.decode()

    now_part, next_part = html.split("En ce moment")[1].split("À suivre")
    assert "Bal de la fosse" in now_part and "Balade sur les terrils" not in now_part
    assert "Balade sur les terrils" in next_part
    assert "Répétition" not in html
    for event in (on_now, next_up):
        assert f'data-star="{event.pk}"' in html
    assert html.count('class="star-button"') == 2
    assert f'data-my-programme="{edition.year}"' in html  # the programme's own list of stars
    assert f'data-my-programme-link="{edition.url}mon-programme/"' in html
    assert "festival/my-programme.js" in html and "festival/festival.css" in html


def test_home_page_has_no_now_next_nor_stars_before_the_festival(client, home_page):
    edition = _edition(home_page, running=False)
    event_at(edition=edition, start=timezone.now() + 30 * 24 * HOUR, title="Bal de la fosse")

    html = client.get("/").content.decode()

    assert f"Les Gohelliades {edition.year}" in html
    assert "En ce moment" not in html and "Bal de la fosse" not in html
    assert "data-star" not in html and "my-programme.js" not in html


@pytest.mark.parametrize("n", [1, 30])
def test_home_page_now_next_queries_do_not_grow(client, home_page, django_assert_num_queries, n):
    edition = _edition(home_page, running=True)
    now = timezone.now()
    for minutes in range(n):
        delta = datetime.timedelta(minutes=minutes)
        event_at(edition=edition, start=now - HOUR + delta, duration=2 * HOUR)
        event_at(edition=edition, start=now + HOUR + delta)
    client.get("/")

    with django_assert_num_queries(11):
        response = client.get("/")

    html = response.content.decode()
    # Everything on now, and the next five.
    assert html.count('class="star-button"') == n + min(n, 5)
