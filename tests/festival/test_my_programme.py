"""« Mon programme »: the events a visitor starred, as a page and as an iCal file."""

import re

import icalendar
import pytest
from wagtail.models import PageViewRestriction

from festival.models import EventOccurrence
from tests.factories.festival import EditionPageFactory, event_at, paris

pytestmark = pytest.mark.django_db


@pytest.fixture
def events(edition, festival_index):
    other_edition = EditionPageFactory(parent=festival_index, year=2027)
    recit = event_at(edition=edition, start=paris(2026, 6, 13, 15, 30), title="Le grand récit")
    EventOccurrence.objects.create(
        event=recit, start=paris(2026, 6, 14, 11, 0), end=paris(2026, 6, 14, 12, 30)
    )
    draft = event_at(edition=edition, start=paris(2026, 6, 13, 17, 0), title="Brouillon")
    draft.unpublish()
    private = event_at(edition=edition, start=paris(2026, 6, 13, 18, 0), title="Réservé")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="terril"
    )
    return {
        "recit": recit,
        "chorale": event_at(
            edition=edition, start=paris(2026, 6, 12, 20, 0), title="Chorale des mineurs"
        ),
        "balade": event_at(edition=edition, start=paris(2026, 6, 14, 10, 0), title="Balade"),
        "draft": draft,
        "private": private,
        "elsewhere": event_at(
            edition=other_edition, start=paris(2027, 6, 12, 20, 0), title="L'an prochain"
        ),
    }


def _ids(*events) -> str:
    return ",".join(str(event.pk) for event in events)


def _titles(html: str) -> list[str]:
    return re.findall(r'class="programme-item__title"[^>]*><a href="[^"]+">([^<]+)</a>', html)


def _summaries(content: bytes) -> list[str]:
    calendar = icalendar.Calendar.from_ical(content)
    return sorted(str(vevent["SUMMARY"]) for vevent in calendar.walk("VEVENT"))


def test_my_programme_lists_the_starred_public_events_by_day(client, edition, events):
    starred = _ids(*events.values())

    response = client.get(edition.url + f"mon-programme/?e={starred}")

    html = response.content.decode()
    assert response.status_code == 200
    assert _titles(html) == ["Chorale des mineurs", "Le grand récit", "Balade", "Le grand récit"]
    assert re.findall(r'<h2 id="day-[^"]+">([^<]+)</h2>', html) == [
        "Vendredi 12 juin",
        "Samedi 13 juin",
        "Dimanche 14 juin",
    ]
    assert '<meta name="robots" content="noindex, follow">' in html
    public = sorted([events["recit"], events["chorale"], events["balade"]], key=lambda e: e.pk)
    assert f'mon-programme/agenda/?e={_ids(*public)}"' in html


def test_my_programme_without_stars_says_how_to_star(client, edition, events):
    html = client.get(edition.url + "mon-programme/").content.decode()

    assert _titles(html) == []
    assert "Votre programme est vide pour l'instant." in html
    assert "<noscript>" in html
    assert "mon-programme/agenda/" not in html


def test_my_programme_ignores_ids_that_are_not_numbers(client, edition, events):
    query = f"?e=abc,-3,{events['balade'].pk},²,{events['balade'].pk}x,,99999999999"

    response = client.get(edition.url + "mon-programme/" + query)

    assert response.status_code == 200
    assert _titles(response.content.decode()) == ["Balade"]


def test_my_programme_calendar_holds_only_the_starred_public_events(client, edition, events):
    starred = _ids(*events.values())

    response = client.get(edition.url + f"mon-programme/agenda/?e={starred}")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert 'filename="mon-programme-gohelliades-2026.ics"' in response["Content-Disposition"]
    assert _summaries(response.content) == [
        "Balade",
        "Chorale des mineurs",
        "Le grand récit",
        "Le grand récit",
    ]
    calendar = icalendar.Calendar.from_ical(response.content)
    assert str(calendar["X-WR-CALNAME"]) == "Mon programme — Gohelliades 2026"
    starts = sorted(vevent["DTSTART"].dt for vevent in calendar.walk("VEVENT"))
    assert starts[0] == paris(2026, 6, 12, 20, 0)
    assert starts[0].tzinfo.key == "Europe/Paris"


def test_my_programme_calendar_never_holds_draft_or_private_events(client, edition, events):
    hidden = _ids(events["draft"], events["private"], events["elsewhere"])

    response = client.get(edition.url + f"mon-programme/agenda/?e={hidden}")

    assert response.status_code == 200
    assert _summaries(response.content) == []


def test_my_programme_calendar_uids_match_the_edition_calendar(client, edition, events):
    mine = icalendar.Calendar.from_ical(
        client.get(edition.url + f"mon-programme/agenda/?e={events['chorale'].pk}").content
    )
    whole = icalendar.Calendar.from_ical(client.get(edition.url + "calendrier/").content)

    (vevent,) = mine.walk("VEVENT")
    assert str(vevent["UID"]) in {str(other["UID"]) for other in whole.walk("VEVENT")}


def test_programme_and_event_pages_hold_hidden_star_buttons_in_french(client, edition, events):
    recit = events["recit"]
    programme = client.get(edition.url + "programme/?jour=2026-06-13").content.decode()
    event_page = client.get(recit.url).content.decode()

    button = (
        f'<button class="star-button" type="button" data-star="{recit.pk}" aria-pressed="false"'
        ' hidden><span class="star-button__icon" aria-hidden="true"></span>Dans mon programme'
        '<span class="visually-hidden"> : Le grand récit</span></button>'
    )
    for html in (programme, event_page):
        assert button in html
        assert 'class="my-programme-link" data-my-programme="2026" hidden' in html
        assert "festival/my-programme.js" in html


@pytest.mark.parametrize("n", [2, 20])
def test_my_programme_queries_do_not_grow(client, edition, django_assert_num_queries, n):
    starred = [event_at(edition=edition, start=paris(2026, 6, 12 + i % 3, 10, i)) for i in range(n)]
    url = edition.url + f"mon-programme/?e={_ids(*starred)}"
    client.get(url)

    with django_assert_num_queries(7):
        response = client.get(url)

    assert len(_titles(response.content.decode())) == n


@pytest.mark.parametrize("n", [2, 20])
def test_my_programme_calendar_queries_do_not_grow(client, edition, django_assert_num_queries, n):
    starred = [event_at(edition=edition, start=paris(2026, 6, 12 + i % 3, 10, i)) for i in range(n)]

    with django_assert_num_queries(7):
        response = client.get(edition.url + f"mon-programme/agenda/?e={_ids(*starred)}")

    assert len(_summaries(response.content)) == n
