"""The sitemap lists the Ch'ti TAIDx: its page, every public evening and talk, never a hidden
one."""

import pytest
from django.urls import reverse

from talks.models import TalkStatus
from tests.factories.talks import EveningFactory, TalkFactory

pytestmark = pytest.mark.django_db


def test_sitemap_lists_public_evenings_and_talks(client, home_page):
    talk = TalkFactory()
    hidden_evening = EveningFactory(published=False)
    hidden_talks = [
        TalkFactory(evening=hidden_evening),
        TalkFactory(evening=talk.evening, status=TalkStatus.DECLINED),
        TalkFactory(evening=talk.evening, status=TalkStatus.WITHDRAWN),
    ]

    sitemap = client.get("/sitemap.xml").content.decode()

    assert f"{reverse('talks:list')}</loc>" in sitemap
    assert f"{reverse('talks:evening', kwargs={'slug': talk.evening.slug})}</loc>" in sitemap
    talk_path = reverse("talks:talk", kwargs={"slug": talk.evening.slug, "talk_slug": talk.slug})
    assert f"{talk_path}</loc>" in sitemap
    assert f"/{hidden_evening.slug}/" not in sitemap
    for hidden in hidden_talks[1:]:
        assert f"/{hidden.slug}/" not in sitemap


@pytest.mark.parametrize("n", [1, 30])
def test_sitemap_queries_do_not_grow_with_talks(client, home_page, django_assert_num_queries, n):
    for _ in range(n):
        TalkFactory()

    # The pages, the projects, the evenings, the talks (their evening joined).
    with django_assert_num_queries(10):
        response = client.get("/sitemap.xml")

    # The home page, the projects' list and tally, the Ch'ti TAIDx's page, its evenings, talks.
    assert response.content.decode().count("<url>") == 4 + 2 * n
