"""The archive's timeline (« frise ») counts only what the public sees and leads to each year."""

import datetime
import re

import pytest
from django.utils import timezone

from archive.timeline.mine import MINE_KEY_DATES
from archive.timeline.selectors import timeline_chart, timeline_decades
from tests.factories.archive import ArchiveItemPageFactory
from tests.factories.festival import EditionPageFactory, FestivalIndexPageFactory
from tests.factories.media import CustomImageFactory

pytestmark = pytest.mark.django_db


def _item(index, title: str, date_label: str, **fields):
    return ArchiveItemPageFactory(parent=index, title=title, date_label=date_label, **fields)


def _hidden_items(index):
    """A draft and an item approved under embargo, both dated 1953: never counted."""
    draft = _item(index, "Brouillon de 1953", "1953", live=False)
    draft.save_revision()
    embargoed = _item(index, "Souvenir sous embargo", "1953", live=False)
    embargoed.go_live_at = timezone.now() + datetime.timedelta(days=30)
    embargoed.save_revision().publish()


def _year_heading(html: str, year: int) -> str:
    """The text of the timeline's heading for ``year``, tags removed."""
    headings = [
        re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", heading)).strip()
        for heading in re.findall(r'<h3 class="frise__year-title">(.*?)</h3>', html, re.S)
    ]
    [heading] = [heading for heading in headings if heading.startswith(str(year))]
    return heading


def test_timeline_counts_only_public_items_per_year_and_decade(client, archive_index):
    _item(archive_index, "Le bal de 1953", "1953")
    _item(archive_index, "La ducasse de 1953", "été 1953")
    _item(archive_index, "La grève de 1957", "1957")
    _hidden_items(archive_index)

    html = client.get(f"{archive_index.url}frise/").content.decode()

    assert _year_heading(html, 1953) == "1953 2 éléments"
    assert _year_heading(html, 1957) == "1957 1 élément"
    assert "3 éléments dans les années 1950" in html
    assert html.index('id="decennie-1950"') < html.index('id="decennie-1980"')


def test_timeline_years_link_to_their_items(client, archive_index):
    _item(archive_index, "Le bal de 1953", "1953")
    _item(archive_index, "La grève de 1957", "1957")
    _hidden_items(archive_index)

    timeline = client.get(f"{archive_index.url}frise/").content.decode()
    year = client.get(f"{archive_index.url}frise/1953/").content.decode()

    assert f'href="{archive_index.url}frise/1953/"' in timeline
    assert f'href="{archive_index.url}decennies/1950/"' in timeline
    assert "Le bal de 1953" in year
    assert "La grève de 1957" not in year
    assert "Brouillon de 1953" not in year and "Souvenir sous embargo" not in year
    assert "1 élément daté de 1953" in year
    assert f'<a href="{archive_index.url}frise/1953/" aria-current="page">1953</a>' in year
    assert f'<a href="{archive_index.url}frise/1957/">1957</a>' in year


def test_timeline_shows_editions_and_the_mines_key_dates(client, archive_index, home_page):
    festival = FestivalIndexPageFactory(parent=home_page)
    edition = EditionPageFactory(parent=festival, year=1984, theme="La mémoire en fête")

    html = client.get(f"{archive_index.url}frise/").content.decode()

    assert f'href="{edition.url}"' in html
    assert "Les Gohelliades 1984" in html and "La mémoire en fête" in html
    assert "La fosse 11/19 ferme." in html  # 1986
    # A year with no item is on the timeline, but leads nowhere.
    assert _year_heading(html, 1986) == "1986"
    assert "frise/1986/" not in html


def test_year_page_of_an_empty_year_is_not_found(client, archive_index):
    _hidden_items(archive_index)

    assert client.get(f"{archive_index.url}frise/1953/").status_code == 404
    assert client.get(f"{archive_index.url}frise/1700/").status_code == 404


def test_year_page_of_a_key_date_without_items_says_so(client, archive_index):
    html = client.get(f"{archive_index.url}frise/1906/").content.decode()

    assert "catastrophe de Courrières" in html
    assert "Aucun élément de cette année pour l’instant." in html


def test_archive_index_and_decades_link_to_the_timeline(client, archive_index):
    index = client.get(archive_index.url).content.decode()
    decades = client.get(f"{archive_index.url}decennies/").content.decode()

    assert f'href="{archive_index.url}frise/"' in index
    assert f'href="{archive_index.url}frise/"' in decades


def test_chart_bars_scale_to_the_busiest_year():
    decades = timeline_decades(counts={1953: 4, 1957: 1, 1962: 2}, editions=[], key_dates=[])

    chart = timeline_chart(decades=decades)

    heights = {bar.year: bar.height for bar in chart.bars}
    assert heights[1953] == 4 * heights[1962] // 2
    assert [decade for decade, _x in chart.decades] == [1950, 1960]
    assert timeline_chart(decades=[]) is None


def test_key_dates_are_sorted_and_sure():
    years = [key_date.year for key_date in MINE_KEY_DATES]
    assert years == sorted(years)
    assert {1891, 1906, 1941, 1948, 1986, 2012} <= set(years)


@pytest.mark.parametrize("n", [1, 30])
def test_timeline_queries_do_not_grow(client, archive_index, django_assert_num_queries, n):
    for number in range(n):
        _item(archive_index, f"Souvenir {number}", str(1920 + number * 3))
    with django_assert_num_queries(15):
        assert client.get(f"{archive_index.url}frise/").status_code == 200


@pytest.mark.parametrize("n", [1, 30])
def test_year_page_queries_do_not_grow(client, archive_index, django_assert_num_queries, n):
    image = CustomImageFactory()
    for number in range(n):
        _item(archive_index, f"Souvenir {number}", "1953", cover_image=image)
    with django_assert_num_queries(22):
        assert client.get(f"{archive_index.url}frise/1953/").status_code == 200
