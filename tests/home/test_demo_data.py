import io
import re

import pytest
from django.core.management import call_command
from django.http import HttpRequest
from wagtail.models import Page, Site

from festival.models import EditionPage, Shift, SignupStatus
from home.models import HomePage

pytestmark = pytest.mark.django_db


def test_load_demo_data_builds_a_french_site_once(client):
    call_command("load_demo_data", items=6, verbosity=0)
    pages_after_first_run = Page.objects.count()

    call_command("load_demo_data", items=6, verbosity=0)

    assert Page.objects.count() == pages_after_first_run
    assert Site.objects.get(is_default_site=True).root_page.specific_class is HomePage
    html = client.get("/").content.decode()
    assert "Les Gohelliades 2026" in html
    for path in ("/a-propos/", "/mentions-legales/", "/confidentialite/", "/accessibilite/"):
        assert client.get(path).status_code == 200


def test_demo_volunteers_show_on_the_coordinators_dashboard(admin_client):
    call_command("load_demo_data", items=1, verbosity=0)
    call_command("load_demo_data", items=1, verbosity=0)

    edition = EditionPage.objects.get(year=2026)
    shifts = Shift.objects.filter(edition=edition)
    assert shifts.count() == 14
    assert shifts.filter(signups__status=SignupStatus.WAITLISTED).exists()
    html = admin_client.get("/admin/festival/benevoles/").content.decode()
    assert "Guide de terril" in html
    assert "Pas encore de binôme" in html


def test_demo_admin_can_log_in(client):
    call_command("load_demo_data", items=1, verbosity=0)

    # django-axes counts sign-ins per request: the test client's login must hand it one.
    assert client.login(request=HttpRequest(), username="admin", password="gohelle-1984")
    assert client.get("/admin/").status_code == 200


def test_load_demo_data_refuses_production_settings(settings):
    settings.DEMO_DATA_ALLOWED = False

    with pytest.raises(Exception, match="interdites"):
        call_command("load_demo_data", items=1, verbosity=0)


def test_site_addresses_printed_by_make_run_all_answer(client):
    call_command("load_demo_data", items=1, verbosity=0)
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
