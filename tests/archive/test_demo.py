"""The demo archive reads as French and every item has a picture of its own."""

import re

import pytest

from archive.demo import PLACES, SUBJECTS, WHO, ensure_archive_index, ensure_items, item_title

pytestmark = pytest.mark.django_db

LOOSE = re.compile(r"\b(?:à|À|de|De) (?:Le|Les|le|les)\b")


@pytest.mark.parametrize(("subject", "kind", "motif"), SUBJECTS)
def test_demo_titles_agree_articles_and_prepositions(subject, kind, motif):
    titles = [item_title(subject, place=place, who=who) for place in PLACES for who in WHO]

    assert [title for title in titles if LOOSE.search(title)] == []
    assert all(title[0].isupper() for title in titles)


def test_demo_items_each_have_their_own_picture(home_page):
    index = ensure_archive_index(home_page)

    items = list(ensure_items(index, count=12))

    covers = [item.cover_image for item in items]
    assert all(cover is not None for cover in covers)
    assert len({cover.file.name for cover in covers}) == len(items)
    assert all(
        cover.description.startswith(item.title) for cover, item in zip(covers, items, strict=True)
    )
