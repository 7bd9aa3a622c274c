"""The sitemap lists the fifty-fifty section: its list, its tally and every public project's
page, never a hidden one."""

import pytest

from projects.models import ProjectStatus
from tests.factories.projects import ProjectFactory

pytestmark = pytest.mark.django_db


def test_sitemap_lists_public_projects_and_the_section(client, home_page):
    shown = ProjectFactory(title="Des fleurs rue Lamendin", status=ProjectStatus.RUNNING)
    hidden = [
        ProjectFactory(title="Une proposition pas confirmée", status=ProjectStatus.UNCONFIRMED),
        ProjectFactory(title="Un projet retiré", status=ProjectStatus.WITHDRAWN),
        ProjectFactory(title="Un projet discret", show_publicly=False),
    ]

    sitemap = client.get("/sitemap.xml").content.decode()

    assert f"/projets/{shown.slug}/</loc>" in sitemap
    assert "/projets/</loc>" in sitemap
    assert "/projets/bilan/</loc>" in sitemap
    for project in hidden:
        assert f"/projets/{project.slug}/" not in sitemap


@pytest.mark.parametrize("n", [1, 30])
def test_sitemap_queries_do_not_grow_with_projects(client, home_page, django_assert_num_queries, n):
    for number in range(n):
        ProjectFactory(title=f"Une haie rue {number}", status=ProjectStatus.COMPLETED)

    # 8 for the pages and the projects, 2 for the Ch'ti TAIDx's evenings and talks (none here).
    with django_assert_num_queries(10):
        response = client.get("/sitemap.xml")

    # The home page, the projects' list and tally, the projects, the Ch'ti TAIDx's page.
    assert response.content.decode().count("<url>") == n + 4
