from datetime import date

import pytest

from archive.dates import parse_fuzzy_date
from tests.factories.archive import ArchiveItemPageFactory


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("12 mai 1968", date(1968, 5, 12), date(1968, 5, 12)),
        ("1er août 1975", date(1975, 8, 1), date(1975, 8, 1)),
        ("12/05/1968", date(1968, 5, 12), date(1968, 5, 12)),
        ("mai 1968", date(1968, 5, 1), date(1968, 5, 31)),
        ("février 1964", date(1964, 2, 1), date(1964, 2, 29)),
        ("été 1975", date(1975, 6, 21), date(1975, 9, 30)),
        ("1984", date(1984, 1, 1), date(1984, 12, 31)),
        ("vers 1960", date(1958, 1, 1), date(1962, 12, 31)),
        ("années 1950", date(1950, 1, 1), date(1959, 12, 31)),
        ("Années 50", date(1950, 1, 1), date(1959, 12, 31)),
        ("début des années 1960", date(1960, 1, 1), date(1963, 12, 31)),
        ("fin des années 70", date(1976, 1, 1), date(1979, 12, 31)),
        ("de 1960 à 1965", date(1960, 1, 1), date(1965, 12, 31)),
        ("1965-1960", date(1960, 1, 1), date(1965, 12, 31)),
    ],
)
def test_parse_fuzzy_date_understands_french_expressions(text, start, end):
    fuzzy = parse_fuzzy_date(text)

    assert (fuzzy.start, fuzzy.end) == (start, end)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "il y a longtemps",
        "31/02/1960",
        "mai",
        # Days and years the calendar does not have (these raised ValueError).
        "32 mai 1968",
        "31 avril 1960",
        "29 février 1900",
        "0000",
        "mai 0000",
        "hiver 0000",
        "vers 0001",
        "vers 9999",
        "0000-1960",
    ],
)
def test_parse_fuzzy_date_returns_none_when_not_understood(text):
    assert parse_fuzzy_date(text) is None


@pytest.mark.django_db
def test_item_date_range_sorts_items_by_fuzzy_date(archive_index):
    later = ArchiveItemPageFactory(parent=archive_index, date_label="été 1975")
    earlier = ArchiveItemPageFactory(parent=archive_index, date_label="années 50")
    vague = ArchiveItemPageFactory(parent=archive_index, date_label="vers 1960")

    ordered = list(archive_index.get_children().specific().order_by("archiveitempage__date_start"))

    assert ordered == [earlier, vague, later]
    assert (vague.year_start, vague.year_end) == (1958, 1962)
    assert earlier.decade == 1950


@pytest.mark.django_db
def test_an_item_dated_a_day_the_calendar_lacks_is_saved_with_its_words(archive_index):
    item = ArchiveItemPageFactory(
        parent=archive_index, date_label="31 avril 1960", year_start=None, year_end=None
    )

    item.refresh_from_db()
    assert item.date_label == "31 avril 1960"
    assert item.date_start is None
