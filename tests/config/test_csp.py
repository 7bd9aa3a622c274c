"""The Content-Security-Policy header: on every HTML page, with a fresh nonce on every public
response that every inline script or style carries; the admin under its own policy; enforced
in production; nginx adds no policy of its own to the pages."""

import datetime
import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.utils import timezone

from config.settings.base import csp_origin
from tests.config.test_production_settings import sample_production_environment
from tests.factories.archive import ArchiveIndexPageFactory, ArchiveItemPageFactory
from tests.factories.festival import EditionPageFactory, FestivalIndexPageFactory, paris
from tests.factories.home import StandardPageFactory
from tests.factories.volunteers import ShiftFactory

BASE_DIR = Path(__file__).resolve().parents[2]
YEAR = timezone.now().year + 1
# Script types a browser runs; any other (JSON data, ld+json) is data the policy ignores.
EXECUTABLE_SCRIPT_TYPES = {"", "text/javascript", "module", "application/javascript"}


def directives(policy: str) -> dict[str, list[str]]:
    return {
        name: values
        for name, *values in (part.split() for part in policy.split(";") if part.strip())
    }


def nonce_of(policy: str) -> str:
    (nonce,) = re.findall(r"'nonce-([^']+)'", " ".join(directives(policy)["script-src"]))
    return nonce


class InlineCode(HTMLParser):
    """Every inline script or style of a page, and every attribute that is code or style."""

    def __init__(self) -> None:
        super().__init__()
        self.elements: list[tuple[str, str | None]] = []  # (tag, nonce)
        self.attributes: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "style" or (
            tag == "script"
            and "src" not in attributes
            and (attributes.get("type") or "").lower() in EXECUTABLE_SCRIPT_TYPES
        ):
            self.elements.append((tag, attributes.get("nonce")))
        self.attributes += [
            f"<{tag} {name}>" for name in attributes if name == "style" or name.startswith("on")
        ]


@pytest.fixture
def public_urls(home_page) -> list[str]:
    """One page of each kind a visitor opens."""
    about = StandardPageFactory(parent=home_page, slug="a-propos", title="À propos")
    archive = ArchiveIndexPageFactory(parent=home_page)
    item = ArchiveItemPageFactory(
        parent=archive,
        title="Le terril des enfants",
        story=[("paragraph", "<p>Le dimanche, on montait sur le <b>terril</b>.</p>")],
    )
    festival = FestivalIndexPageFactory(parent=home_page)
    edition = EditionPageFactory(
        parent=festival,
        year=YEAR,
        start_date=datetime.date(YEAR, 6, 12),
        end_date=datetime.date(YEAR, 6, 14),
    )
    ShiftFactory(edition=edition, start=paris(YEAR, 6, 13, 9), end=paris(YEAR, 6, 13, 12))
    return [
        home_page.url,
        about.url,
        archive.url,
        item.url,
        "/recherche/?q=terril",
        "/contribuer/",
        edition.url,
        edition.url + "programme/",
        f"/benevoles/{YEAR}/",
        "/page-qui-n-existe-pas/",
    ]


@pytest.mark.django_db
def test_every_public_page_has_the_policy_with_a_fresh_nonce_on_all_its_inline_code(
    client, public_urls
):
    for url in public_urls:
        first, second = client.get(url), client.get(url)

        assert first["Content-Type"].startswith("text/html"), url
        assert "Content-Security-Policy-Report-Only" not in first, url
        policy = directives(first["Content-Security-Policy"])
        nonce = nonce_of(first["Content-Security-Policy"])
        assert policy["script-src"] == ["'self'", f"'nonce-{nonce}'"], url
        assert policy["style-src"] == ["'self'", f"'nonce-{nonce}'"], url
        assert policy["object-src"] == ["'none'"]
        assert policy["base-uri"] == ["'self'"]
        assert policy["form-action"] == ["'self'"]
        assert policy["frame-ancestors"] == ["'none'"]
        assert nonce_of(second["Content-Security-Policy"]) != nonce, url
        inline = InlineCode()
        inline.feed(first.content.decode())
        assert {tag_nonce for _tag, tag_nonce in inline.elements} <= {nonce}, url
        assert inline.attributes == [], url


@pytest.mark.django_db
def test_admin_pages_have_the_admin_policy(client, django_user_model, home_page):
    login_page = client.get("/admin/login/")
    editor = django_user_model.objects.create_superuser("editrice", "ed@example.org", "x")
    client.force_login(editor)

    for response in (
        login_page,
        client.get("/admin/"),
        client.get(f"/admin/pages/{home_page.pk}/"),
    ):
        assert response.status_code == 200
        policy = directives(response["Content-Security-Policy"])
        # Wagtail writes inline scripts without a nonce; a nonce would disable 'unsafe-inline'.
        assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
        assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
        assert policy["object-src"] == ["'none'"]
        assert policy["base-uri"] == ["'self'"]
        assert policy["form-action"] == ["'self'"]
        assert policy["frame-ancestors"] == ["'self'"]  # the preview panel


def test_the_lists_of_what_the_public_sent_run_no_inline_script(
    client, django_user_model, home_page
):
    editor = django_user_model.objects.create_superuser("editrice", "ed@example.org", "x")
    client.force_login(editor)

    for url in (
        "/admin/snippets/archive/contribution/",
        "/admin/snippets/archive/contribution/results/",
        "/admin/archive/transcriptions/corrections/",
        "/admin/fifty-fifty/",
        "/admin/taidx/interventions/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        policy = directives(response["Content-Security-Policy"])
        assert policy["script-src"] == ["'self'"], url
        assert policy["object-src"] == ["'none'"], url
        assert policy["frame-ancestors"] == ["'self'"], url
    # The page editor keeps Wagtail's inline scripts (its choosers, dates, inline panels).
    edit = client.get(f"/admin/pages/{home_page.pk}/edit/")
    assert directives(edit["Content-Security-Policy"])["script-src"] == [
        "'self'",
        "'unsafe-inline'",
    ]


@pytest.mark.django_db
def test_the_editors_preview_keeps_the_public_policy_framed_by_the_admin_only(
    client, django_user_model, home_page
):
    item = ArchiveItemPageFactory(parent=ArchiveIndexPageFactory(parent=home_page))
    client.force_login(django_user_model.objects.create_superuser("ed", "ed@example.org", "x"))

    response = client.get(f"/admin/pages/{item.pk}/view_draft/")

    assert response.status_code == 200
    policy = directives(response["Content-Security-Policy"])
    assert policy["script-src"] == [
        "'self'",
        f"'nonce-{nonce_of(response['Content-Security-Policy'])}'",
    ]
    assert policy["frame-ancestors"] == ["'self'"]


def test_production_enforces_the_policy_and_reports_nothing_only():
    code = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({'middleware': s.MIDDLEWARE, 'apps': s.INSTALLED_APPS, "
        "'policy': s.CONTENT_SECURITY_POLICY['DIRECTIVES'], "
        "'report_only': getattr(s, 'CONTENT_SECURITY_POLICY_REPORT_ONLY', None)}, default=str))"
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env=sample_production_environment(),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )

    production = json.loads(result.stdout.splitlines()[-1])
    assert "config.csp.ContentSecurityPolicyMiddleware" in production["middleware"]
    assert "csp" in production["apps"]
    assert production["report_only"] is None
    assert production["policy"]["object-src"] == ["'none'"]
    assert production["policy"]["frame-ancestors"] == ["'none'"]


def test_nginx_adds_a_policy_to_uploaded_files_only_never_to_pages():
    template = (BASE_DIR / "deploy/nginx/templates/default.conf.template").read_text()
    locations_with_a_policy = [
        re.findall(r"location\s+(\S+)", template[: match.start()])[-1]
        for match in re.finditer(r"add_header\s+Content-Security-Policy", template, re.I)
    ]

    assert locations_with_a_policy == ["/media/"]


@pytest.mark.parametrize(
    ("address", "source"),
    [
        ("https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png", "https://*.tile.openstreetmap.org"),
        ("https://tuiles.example.org/{z}/{x}/{y}.png", "https://tuiles.example.org"),
        ("gohelliades.example.org/media", "https://gohelliades.example.org"),
        ("http://127.0.0.1:9000", "http://127.0.0.1:9000"),
    ],
)
def test_tile_servers_and_buckets_become_the_origin_the_policy_allows(address, source):
    assert csp_origin(address) == source
