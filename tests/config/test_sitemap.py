"""The sitemap lists the fifty-fifty section: its list, its tally and every public project's
page, never a hidden one."""

import pytest
from django.utils import timezone

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


def test_sitemap_names_the_configured_site_address_never_localhost(client, home_page, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://gohelliades.example"
    ProjectFactory()

    sitemap = client.get("/sitemap.xml").content.decode()

    assert "localhost" not in sitemap
    assert "testserver" not in sitemap
    assert f"<loc>https://gohelliades.example{home_page.url}</loc>" in sitemap
    assert "<loc>https://gohelliades.example/projets/</loc>" in sitemap


def test_sitemap_gives_each_page_its_last_change(client, home_page):
    home_page.save_revision().publish()
    home_page.refresh_from_db()

    sitemap = client.get("/sitemap.xml").content.decode()

    # The date as the site's visitors live it (Europe/Paris): after 23:00 UTC, it is tomorrow.
    published_on = timezone.localdate(home_page.last_published_at)
    assert f"<lastmod>{published_on.isoformat()}</lastmod>" in sitemap


def test_robots_txt_points_to_the_sitemap_and_keeps_private_links_out(client, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://gohelliades.example"

    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "Sitemap: https://gohelliades.example/sitemap.xml" in lines
    for private in (
        "/admin/",
        "/contribuer/suivi/",
        "/projets/suivi/",
        "/taidx/intervenant/",
        "/benevoles/confirmer/",
        "/benevoles/mes-creneaux/",
    ):
        assert f"Disallow: {private}" in lines
