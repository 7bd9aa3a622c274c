"""The accessibility statement says what the RGAA asks, and the page types it says are checked
are the ones the validity tests check."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from home.accessibility import CHECKED_PAGE_TYPES, KNOWN_NON_CONFORMITIES
from home.models import FooterSettings
from tests.factories.home import StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def statement_page(home_page):
    page = StandardPageFactory(
        parent=home_page, title="Déclaration d'accessibilité", slug="accessibilite"
    )
    footer = FooterSettings.for_site(Site.objects.get(is_default_site=True))
    footer.accessibility_page = page
    footer.contact_email = "accessibilite@loos-en-gohelle.fr"
    footer.save()
    return page


def test_the_statement_gives_every_section_the_rgaa_asks_for(client, statement_page):
    html = client.get(statement_page.url).content.decode()

    assert "<strong>partiellement conforme</strong> avec le RGAA 4.1" in html
    assert "vérificateur Nu du W3C" in html and "axe-core" in html
    for page_type in CHECKED_PAGE_TYPES:
        assert f"<li>{page_type.label}</li>" in html.replace("&#x27;", "'")
    for non_conformity in KNOWN_NON_CONFORMITIES:
        assert str(non_conformity) in html.replace("&#x27;", "'")
    assert "Dérogations pour charge disproportionnée" in html
    assert 'href="mailto:accessibilite@loos-en-gohelle.fr"' in html
    assert "Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07" in html


def test_another_prose_page_carries_no_statement(client, statement_page, home_page):
    legal = StandardPageFactory(parent=home_page, title="Mentions légales", slug="mentions")

    html = client.get(legal.url).content.decode()

    assert "Voies de recours" not in html
    assert "partiellement conforme" not in html


def test_the_statement_costs_no_query_of_its_own(
    client, statement_page, home_page, django_assert_num_queries
):
    legal = StandardPageFactory(parent=home_page, title="Mentions légales", slug="mentions")
    client.get(legal.url)  # warm the site's caches, as on a running site
    with CaptureQueriesContext(connection) as legal_queries:
        client.get(legal.url)
    with django_assert_num_queries(len(legal_queries.captured_queries)):
        client.get(statement_page.url)
