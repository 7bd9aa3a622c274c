"""Browser tests: Debian's chromium driven by Playwright against pytest-django's live server.

Fixtures for every app's browser tests:

- ``browser``: one headless chromium for the session (never ``playwright install``).
- ``page``: a fresh context per test (French browser, desktop size unless a test parametrizes
  ``viewport``, e.g. ``@pytest.mark.parametrize("viewport", [PHONE, DESKTOP])``); its base URL
  is the live server, so ``page.goto("/")`` works. It ignores the site's
  Content-Security-Policy (so axe-core can be injected) unless a module overrides the
  ``bypass_csp`` fixture to return False, as ``test_csp.py`` does.
- ``page_problems``: console errors, page errors and failed requests seen by ``page``;
  ``page_problems.assert_none()`` fails with the list.
- ``search_engine``: the real search engine of ``tests/search/conftest.py``, on one engine only
  (OpenSearch): the engine suite already runs on both, a browser test checks the pages.
- ``demo_site``: a small site like the demo (home, standard pages, archive items and an edition
  with images), built with the factories.

Helpers to import from ``tests.e2e.browser``: ``PHONE`` / ``DESKTOP`` sizes,
``axe_violations(page)`` (the vendored axe-core, WCAG 2.1 A and AA rules),
``describe_violations`` for assertion messages, ``save_screenshot(page, name)``.
"""

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.test.testcases import _MediaFilesHandler
from playwright.sync_api import Browser, Page, sync_playwright
from wagtail.models import Collection

from home.demo import STANDARD_PAGES
from home.models import FooterSettings, HomePage, StandardPage
from tests import environment
from tests.factories.archive import ArchiveIndexPageFactory, ArchiveItemPageFactory
from tests.factories.festival import EditionPageFactory, FestivalIndexPageFactory
from tests.factories.home import StandardPageFactory, site_with_home
from tests.factories.media import CustomImageFactory
from tests.search.conftest import opensearch_engine, opensearch_node  # noqa: F401 - the real engine

from .browser import CHROMIUM, CHROMIUM_ARGS, DESKTOP

# Playwright's sync API keeps an asyncio loop running in this thread; Django would then refuse
# every ORM call the test itself makes (factories, assertions). The calls are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# Django's live server answers uploads itself, whole, before our URLs see them: a browser can
# then not seek in a recording. Let our own view serve them (byte ranges, as nginx does).
_MediaFilesHandler._should_handle = lambda self, path: False


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        environment.skip_missing(
            "navigateur",
            f"chromium introuvable à {CHROMIUM} (apt-get install chromium, ou CHROMIUM_PATH)",
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        environment.record_used("navigateur", f"chromium {browser.version}")
        yield browser
        browser.close()


@pytest.fixture
def search_engine(opensearch_engine):  # noqa: F811 - a parameter: the fixture imported above
    return opensearch_engine


@pytest.fixture
def viewport() -> dict[str, int]:
    return DESKTOP


@pytest.fixture
def bypass_csp() -> bool:
    """Lets axe-core be injected although the site sends a Content-Security-Policy."""
    return True


@dataclass
class PageProblems:
    """What went wrong in the browser while a test ran."""

    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)

    def assert_none(self) -> None:
        problems = [*self.console_errors, *self.failed_requests]
        assert not problems, "Problèmes dans le navigateur :\n" + "\n".join(problems)

    def clear(self) -> None:
        self.console_errors.clear()
        self.failed_requests.clear()


@pytest.fixture
def page_problems() -> PageProblems:
    return PageProblems()


@pytest.fixture
def page(
    browser: Browser,
    live_server,
    migrated_db,
    viewport: dict[str, int],
    page_problems: PageProblems,
    bypass_csp: bool,
) -> Iterator[Page]:
    context = browser.new_context(
        base_url=live_server.url,
        locale="fr-FR",
        timezone_id="Europe/Paris",
        viewport=viewport,
        is_mobile=viewport["width"] < 600,
        has_touch=viewport["width"] < 600,
        bypass_csp=bypass_csp,
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.on(
        "console",
        lambda msg: (
            page_problems.console_errors.append(f"console : {msg.text} ({msg.location})")
            if msg.type == "error"
            else None
        ),
    )
    page.on("pageerror", lambda exc: page_problems.console_errors.append(f"erreur JS : {exc}"))
    page.on(
        "requestfailed",
        # ERR_ABORTED: the browser cancelled the request itself (the page was left before an
        # image arrived, a player seeked elsewhere in a recording): nothing failed.
        lambda req: (
            page_problems.failed_requests.append(f"échec : {req.method} {req.url} ({req.failure})")
            if "ERR_ABORTED" not in (req.failure or "")
            else None
        ),
    )
    page.on(
        "response",
        lambda resp: (
            page_problems.failed_requests.append(f"HTTP {resp.status} : {resp.url}")
            if resp.status >= 400
            else None
        ),
    )
    yield page
    context.close()


@dataclass
class DemoSite:
    home: HomePage
    about: StandardPage
    legal: StandardPage
    privacy: StandardPage
    accessibility: StandardPage
    items: list = field(default_factory=list)
    edition: object = None

    @property
    def standard_pages(self) -> list[StandardPage]:
        return [self.about, self.legal, self.privacy, self.accessibility]


def _image(title: str, alt: str):
    """A photo-sized image (the factory's default is a tiny square that hides layout bugs)."""
    return CustomImageFactory(
        title=title,
        description=alt,
        collection=Collection.get_first_root_node(),
        file__width=1600,
        file__height=1000,
        file__color="#7a6a58",
    )


@pytest.fixture
def demo_site(migrated_db) -> DemoSite:
    """The demo in small: what a visitor meets after ``make run``, built with the factories."""
    home = site_with_home(
        intro=(
            "<p>À Loos-en-Gohelle, la mémoire de la mine se raconte à plusieurs voix. "
            "Depuis 1984, les <b>Gohelliades</b> font de chaque habitant un acteur de cette "
            'histoire. <a href="/a-propos/">En savoir plus</a>.</p>'
        ),
        hero_image=_image("Les terrils jumeaux", "Les terrils jumeaux au coucher du soleil"),
    )
    pages = {
        slug: StandardPageFactory(
            parent=home,
            slug=slug,
            title=title,
            intro=intro,
            body=body,
            show_in_menus=slug == "a-propos",
        )
        for slug, (title, intro, body) in STANDARD_PAGES.items()
    }
    # Every kind of body block once, so the accessibility scan covers their templates too.
    about = pages["a-propos"]
    about.body = [
        *[(block.block_type, block.value) for block in about.body],
        ("quote", "On descendait à six heures, on remontait noirs comme des corbeaux."),
        (
            "image",
            {
                "image": _image("Le 11/19", "Le chevalement du 11/19 au-dessus des toits"),
                "alt_text": "Le chevalement du 11/19 au-dessus des toits de la cité",
                "decorative": False,
            },
        ),
        (
            "callout",
            {
                "title": "Confiez un souvenir",
                "text": "Une photo, une lettre, une voix : tout compte.",
                "link_page": pages["accessibilite"],
                "link_label": "",
            },
        ),
    ]
    about.save_revision().publish()
    archive = ArchiveIndexPageFactory(parent=home, show_in_menus=True)
    kinds = ["photo", "memory", "oral_history", "object"]
    items = [
        ArchiveItemPageFactory(
            parent=archive,
            title=title,
            kind=kinds[n % len(kinds)],
            featured=True,
            cover_image=_image(title, alt),
        )
        for n, (title, alt) in enumerate(
            [
                ("La lampe du galibot", "Une lampe de mineur posée sur un établi"),
                ("Le bal de la cité 5", "Des couples dansent sous des guirlandes"),
                ("La remonte du dernier poste", "Des mineurs sortent de la cage"),
                ("Le chevalement du 11/19", "Le chevalement de béton contre un ciel gris"),
            ]
        )
    ]
    festival = FestivalIndexPageFactory(parent=home, show_in_menus=True)
    edition = EditionPageFactory(
        parent=festival,
        year=2026,
        theme="Les chevalements dans le ciel",
        image=_image("La grande scène", "La scène du festival au pied du terril"),
    )
    footer = FooterSettings.for_site(home.get_site())
    footer.contact_email = "memoire@loos-en-gohelle.fr"
    footer.legal_page = pages["mentions-legales"]
    footer.privacy_page = pages["confidentialite"]
    footer.accessibility_page = pages["accessibilite"]
    footer.save()
    return DemoSite(
        home=home,
        about=pages["a-propos"],
        legal=pages["mentions-legales"],
        privacy=pages["confidentialite"],
        accessibility=pages["accessibilite"],
        items=items,
        edition=edition,
    )
