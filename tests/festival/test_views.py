import datetime
import json
import re

import pytest
from django.utils import timezone

from festival.models import Audience, EventArchiveLink, EventCategory
from tests.factories.archive import ArchiveIndexPageFactory, ArchiveItemPageFactory
from tests.factories.festival import EditionPageFactory, VenueFactory, event_at, paris
from tests.factories.home import StandardPageFactory
from tests.factories.media import CustomImageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(edition):
    base = VenueFactory(name="Base 11/19", slug="base-11-19")
    church = VenueFactory(name="Église Saint-Vaast", slug="eglise-saint-vaast")
    return {
        "recit": event_at(
            edition=edition,
            start=paris(2026, 6, 13, 15, 30),
            title="Le grand récit du 11/19",
            venue=base,
            category=EventCategory.THEATRE,
        ),
        "atelier": event_at(
            edition=edition,
            start=paris(2026, 6, 13, 10, 0),
            title="Atelier lampes de mineur",
            venue=base,
            category=EventCategory.WORKSHOP,
            audience=Audience.CHILDREN,
        ),
        "chorale": event_at(
            edition=edition,
            start=paris(2026, 6, 13, 16, 0),
            title="Chorale des anciens mineurs",
            venue=church,
            category=EventCategory.CONCERT,
        ),
        "cloture": event_at(
            edition=edition,
            start=paris(2026, 6, 14, 15, 0),
            title="Concert de clôture",
            venue=base,
            category=EventCategory.CONCERT,
        ),
    }


def _titles(html: str) -> list[str]:
    return re.findall(r'class="programme-item__title"[^>]*><a href="[^"]+">([^<]+)</a>', html)


def _current_day_link(html: str) -> str:
    (day,) = re.findall(r'class="pill" href="[^"]+" aria-current="page">([^<]+) <span', html)
    return day


def test_programme_lists_every_day_in_french_on_asking_for_all_days(client, edition, programme):
    html = client.get(edition.url + "programme/?jour=tous").content.decode()

    assert '<h2 id="day-2026-06-13">Samedi 13 juin</h2>' in html
    assert '<h2 id="day-2026-06-14">Dimanche 14 juin</h2>' in html
    assert "15\u00a0h\u00a030 – 17\u00a0h" in html
    assert _titles(html) == [
        "Atelier lampes de mineur",
        "Le grand récit du 11/19",
        "Chorale des anciens mineurs",
        "Concert de clôture",
    ]


def test_programme_opens_on_the_first_day_with_events_before_the_festival(
    client, edition, programme
):
    html = client.get(edition.url + "programme/").content.decode()

    assert _titles(html) == [
        "Atelier lampes de mineur",
        "Le grand récit du 11/19",
        "Chorale des anciens mineurs",
    ]
    assert _current_day_link(html) == "Samedi 13 juin"
    assert '<option value="2026-06-13" selected>' in html


def test_programme_opens_on_today_while_the_edition_runs(client, festival_index):
    today = timezone.localdate()
    running = EditionPageFactory(
        parent=festival_index,
        year=2030,
        start_date=today - datetime.timedelta(days=1),
        end_date=today + datetime.timedelta(days=1),
    )
    noon = timezone.make_aware(datetime.datetime.combine(today, datetime.time(12)))
    event_at(edition=running, start=noon - datetime.timedelta(days=1), title="Hier midi")
    event_at(edition=running, start=noon, title="Midi du jour")
    event_at(edition=running, start=noon + datetime.timedelta(days=1), title="Demain midi")

    html = client.get(running.url + "programme/").content.decode()

    day_list = html.split('class="programme-count"')[1]
    assert _titles(day_list) == ["Midi du jour"]
    assert f'<option value="{today:%Y-%m-%d}" selected>' in html


def test_programme_day_links_keep_the_filters_and_count_each_day(client, edition, programme):
    html = client.get(edition.url + "programme/?jour=2026-06-13&categorie=concert").content.decode()

    links = dict(re.findall(r'<a class="pill" href="([^"]+)"[^>]*>([^<]+) <span', html))
    assert links == {
        "?jour=2026-06-12&amp;categorie=concert": "Vendredi 12 juin",
        "?jour=2026-06-13&amp;categorie=concert": "Samedi 13 juin",
        "?jour=2026-06-14&amp;categorie=concert": "Dimanche 14 juin",
    }
    counts = re.findall(r'class="pill__count">(\d+)<', html)
    assert counts == ["0", "1", "1"]
    assert _titles(html) == ["Chorale des anciens mineurs"]

    sunday = client.get(edition.url + "programme/?jour=2026-06-14&categorie=concert")

    assert _titles(sunday.content.decode()) == ["Concert de clôture"]
    assert 'value="concert" selected' in sunday.content.decode()


def test_programme_day_counts_and_lists_an_event_spanning_several_days(client, edition):
    event_at(
        edition=edition,
        start=paris(2026, 6, 12, 10, 0),
        duration=datetime.timedelta(days=2, hours=8),
        title="Exposition des lampes",
    )

    html = client.get(edition.url + "programme/?jour=2026-06-13").content.decode()

    assert re.findall(r'class="pill__count">(\d+)<', html) == ["1", "1", "1"]
    assert _titles(html) == ["Exposition des lampes"]
    assert "Du vendredi 12 juin, 10\u00a0h au dimanche 14 juin, 18\u00a0h" in html


def test_programme_filters_combine_day_venue_and_moment(client, edition, programme):
    query = "?jour=2026-06-13&lieu=base-11-19&moment=apres-midi"

    html = client.get(edition.url + "programme/" + query).content.decode()

    assert _titles(html) == ["Le grand récit du 11/19"]
    assert 'value="base-11-19" selected' in html
    assert '<meta name="robots" content="noindex, follow">' in html


def test_programme_filters_by_category_and_audience(client, edition, programme):
    concerts = client.get(edition.url + "programme/?jour=tous&categorie=concert").content.decode()
    children = client.get(edition.url + "programme/?jour=tous&public=children").content.decode()

    assert _titles(concerts) == ["Chorale des anciens mineurs", "Concert de clôture"]
    assert _titles(children) == ["Atelier lampes de mineur"]


def test_programme_clearing_the_filters_keeps_the_day(client, edition, programme):
    html = client.get(edition.url + "programme/?jour=2026-06-14&categorie=concert").content.decode()

    assert '<a href="?jour=2026-06-14">Effacer les filtres</a>' in html


def test_programme_ignores_unknown_filter_values(client, edition, programme):
    response = client.get(edition.url + "programme/?jour=1999-01-01&moment=nuit")

    assert response.status_code == 200
    assert _current_day_link(response.content.decode()) == "Samedi 13 juin"
    assert len(_titles(response.content.decode())) == 3


def test_programme_page_is_valid_without_empty_action_nor_duplicate_ids(client, festival_index):
    today = timezone.localdate()
    running = EditionPageFactory(parent=festival_index, year=2030, start_date=today, end_date=today)
    now = timezone.now()
    event_at(edition=running, start=now - datetime.timedelta(minutes=30), title="En cours")
    event_at(edition=running, start=now + datetime.timedelta(minutes=30), title="Ensuite")

    html = client.get(running.url + "programme/").content.decode()

    assert "En ce moment" in html  # the same events twice: now / next, and the day's list
    ids = re.findall(r' id="([^"]+)"', html)
    assert len(ids) == len(set(ids))
    assert 'action=""' not in html
    assert f'<form class="programme-filters" method="get" action="{running.url}programme/"' in html


def test_programme_cards_take_the_image_column_only_with_an_image(client, edition):
    event_at(
        edition=edition, start=paris(2026, 6, 12, 10), title="Avec", image=CustomImageFactory()
    )
    event_at(edition=edition, start=paris(2026, 6, 12, 11), title="Sans")

    html = client.get(edition.url + "programme/").content.decode()

    cards = re.findall(r'<article class="([^"]+)"', html)
    assert cards == [
        "programme-item__inner programme-item__inner--image",
        "programme-item__inner",
    ]


def test_programme_hides_unpublished_events(client, edition, programme):
    programme["chorale"].unpublish()

    html = client.get(edition.url + "programme/").content.decode()

    assert "Chorale des anciens mineurs" not in html


def test_edition_page_shows_now_and_next_during_the_festival(client, festival_index):
    today = timezone.localdate()
    running = EditionPageFactory(
        parent=festival_index,
        year=2030,
        start_date=today - datetime.timedelta(days=1),
        end_date=today + datetime.timedelta(days=1),
    )
    now = timezone.now()
    event_at(edition=running, start=now - datetime.timedelta(minutes=30), title="En cours")
    event_at(edition=running, start=now + datetime.timedelta(hours=2), title="Plus tard")

    html = client.get(running.url).content.decode()

    now_section = html.split("En ce moment")[1].split("À suivre")[0]
    next_section = html.split("À suivre")[1]
    assert "En cours" in now_section and "Plus tard" not in now_section
    assert "Plus tard" in next_section
    # Each card stars into « Mon programme », as on the home page and the programme.
    for event in running.get_children().specific():
        assert f'data-star="{event.pk}"' in html
    assert html.count('class="star-button"') == 2
    assert f'data-my-programme-link="{running.url}mon-programme/"' in html
    assert "festival/my-programme.js" in html


def test_edition_page_has_no_stars_outside_the_festival(client, edition, programme):
    html = client.get(edition.url).content.decode()

    assert "En ce moment" not in html
    assert "data-star" not in html and "data-my-programme" not in html
    assert "my-programme.js" not in html


def test_edition_page_lists_venues_as_text_and_map_pins(client, edition, programme):
    html = client.get(edition.url).content.decode()

    assert "Base 11/19" in html and "Église Saint-Vaast" in html
    pins = json.loads(re.search(r'id="carte-lieux-pins"[^>]*>(.*?)</script>', html).group(1))
    assert sorted(pin["name"] for pin in pins) == ["Base 11/19", "Église Saint-Vaast"]
    assert 'data-tile-url=""' in html


def test_past_editions_stay_browsable(client, festival_index, edition):
    old = EditionPageFactory(parent=festival_index, year=1984, theme="La première")

    index_html = client.get(festival_index.url).content.decode()
    old_html = client.get(old.url).content.decode()

    assert old.url in index_html and edition.url in index_html
    assert client.get(old.url).status_code == 200
    assert "La première" in old_html
    assert edition.url in old_html  # a link onwards to the next edition held


def test_event_page_has_json_ld_and_open_graph(client, edition, programme):
    event = programme["recit"]
    event.image = CustomImageFactory()
    event.save_revision().publish()

    html = client.get(event.url).content.decode()

    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    )
    assert data["@type"] == "Event"
    assert data["name"] == "Le grand récit du 11/19"
    assert data["startDate"] == "2026-06-13T15:30:00+02:00"
    assert data["location"]["name"] == "Base 11/19"
    assert data["location"]["address"]["addressLocality"] == "Loos-en-Gohelle"
    assert data["isAccessibleForFree"] is True
    assert '<meta property="og:title" content="Le grand récit du 11/19">' in html
    assert 'property="og:image" content="http://testserver/' in html
    assert "Samedi 13 juin, 15\u00a0h\u00a030 – 17\u00a0h" in html
    assert f'href="{event.url}agenda/"' in html


def test_event_page_json_ld_escapes_closing_script(client, edition):
    event = event_at(edition=edition, start=paris(2026, 6, 13, 15, 30), summary="</script><b>x</b>")

    html = client.get(event.url).content.decode()

    assert "</script><b>" not in html


def test_edition_links_to_its_archive_collection(client, edition, home_page):
    collection = StandardPageFactory(parent=home_page, title="Photos 2026")
    edition.archive_collection = collection
    edition.save_revision().publish()

    html = client.get(edition.url).content.decode()

    assert f'href="{collection.url}"' in html


def test_event_page_links_its_published_archive_items(client, edition, home_page):
    archive = ArchiveIndexPageFactory(parent=home_page)
    lamp = ArchiveItemPageFactory(parent=archive, title="La lampe du galibot")
    hidden = ArchiveItemPageFactory(parent=archive, title="Un souvenir retiré")
    hidden.unpublish()
    event = event_at(edition=edition, start=paris(2026, 6, 13, 15, 30))
    EventArchiveLink.objects.create(event=event, item=lamp)
    EventArchiveLink.objects.create(event=event, item=hidden)

    html = client.get(event.url).content.decode()

    assert "Dans l'archive" in html or "Dans l&#x27;archive" in html
    assert f'href="{lamp.url}"' in html
    assert "Un souvenir retiré" not in html
