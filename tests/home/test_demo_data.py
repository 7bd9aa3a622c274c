import datetime
import io
import re

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import models
from django.http import HttpRequest
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, ReferenceIndex, Site

from archive.models import ArchiveItemPage
from festival.models import EditionPage, EventPage, Shift, SignupStatus
from home.models import HomePage
from search.models import SearchEntry
from tests.module_rows import module_rows

pytestmark = pytest.mark.django_db

# The day the demo is loaded in these tests: the June 2026 edition is over.
LOADED_ON = datetime.date(2026, 12, 2)

# French never writes « à Le », « de Les », nor a place's common noun without its article.
LOOSE_ARTICLE = re.compile(
    r"\b(?:à|À|de|De) (?:Le|Les)\b"
    r"|\b(?:à|de) (?:Église|Cité|Place|Rue|École|Salle|Fosse|Terrils?|Carreau)\b"
)
OUR_APPS = {"home", "festival", "archive", "projects", "talks", "media", "wagtailcore"}
TEXT_FIELDS = (models.CharField, models.TextField, RichTextField, StreamField)


def _demo_texts():
    """Every text field of every row our apps hold: pages, snippets, images, the rest."""
    for model in apps.get_models():
        if model._meta.app_label not in OUR_APPS or model._meta.proxy:
            continue
        fields = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, TEXT_FIELDS) and not f.choices and f.name != "slug"
        ]
        if not fields:
            continue
        for row in model._default_manager.values_list(*fields):
            for value in row:
                if value:
                    yield model._meta.label, str(value)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo loaded twice on the same day, once for the whole module (its tests only read
    it): the pages there were after the first load and after the second."""
    with module_rows(django_db_blocker):
        call_command("load_demo_data", items=40, date=LOADED_ON, verbosity=0)
        pages_after_first_run = Page.objects.count()
        call_command("load_demo_data", items=40, date=LOADED_ON, verbosity=0)
        yield pages_after_first_run, Page.objects.count()


def test_load_demo_data_builds_a_french_site_once(demo, client):
    pages_after_first_run, pages_after_second_run = demo

    assert pages_after_second_run == pages_after_first_run
    assert Site.objects.get(is_default_site=True).root_page.specific_class is HomePage
    html = client.get("/").content.decode()
    assert "Les Gohelliades 2027" in html
    for path in ("/a-propos/", "/mentions-legales/", "/confidentialite/", "/accessibilite/"):
        assert client.get(path).status_code == 200


def test_demo_volunteers_show_on_the_coordinators_dashboard(demo, admin_client):
    edition = EditionPage.objects.get(year=2027)
    shifts = Shift.objects.filter(edition=edition)
    assert shifts.count() == 14
    assert shifts.filter(signups__status=SignupStatus.WAITLISTED).exists()
    html = admin_client.get("/admin/festival/benevoles/").content.decode()
    assert "Guide de terril" in html
    assert "Pas encore de binôme" in html


def test_demo_is_searchable_and_its_images_usage_known(demo):
    # The load indexes once at its end (core.indexing), not after every save: nothing lost.
    items = ArchiveItemPage.objects.live()
    indexed = SearchEntry.objects.filter(doc_type="archive_item")
    assert set(indexed.values_list("object_id", flat=True)) == set(
        items.values_list("pk", flat=True)
    )
    assert EventPage.objects.live().search("Ouverture en fanfare").count() >= 1
    edition = EditionPage.objects.get(year=2027)
    users = ReferenceIndex.get_references_to(edition.image).group_by_source_object()
    assert edition.pk in [source.pk for source, _references in users]


def test_demo_admin_can_log_in(demo, client):
    # django-axes counts sign-ins per request: the test client's login must hand it one.
    assert client.login(request=HttpRequest(), username="admin", password="gohelle-1984")
    assert client.get("/admin/").status_code == 200


def test_load_demo_data_refuses_production_settings(settings):
    settings.DEMO_DATA_ALLOWED = False

    with pytest.raises(Exception, match="interdites"):
        call_command("load_demo_data", items=1, verbosity=0)


def test_site_addresses_printed_by_make_run_all_answer(demo, client):
    out = io.StringIO()

    call_command("site_addresses", base="http://127.0.0.1:8000", stdout=out)

    printed = out.getvalue()
    paths = re.findall(r"http://127\.0\.0\.1:8000(\S*)", printed)
    assert {"/", "/archive/", "/contribuer/", "/gohelliades/", "/recherche/", "/admin/"} <= set(
        paths
    )
    assert any(path.startswith("/benevoles/") for path in paths)
    for path in paths:
        assert client.get(path, follow=True).status_code == 200, path
    assert "identifiant « admin », mot de passe « gohelle-1984 »" in printed


def test_demo_text_agrees_articles_and_prepositions(demo):
    texts = list(_demo_texts())
    loose = [
        (label, LOOSE_ARTICLE.search(text).group())
        for label, text in texts
        if LOOSE_ARTICLE.search(text)
    ]

    assert len(texts) > 1000
    assert loose == []
