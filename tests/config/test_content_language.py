"""Content has no translation: chosen in English, what editors and residents wrote stays French
and says so (``lang="fr"``, from ``{% content_lang %}``), so a screen reader reads it with a
French voice; the interface's own English is never inside it. In French, nothing in the body
repeats the ``html`` element's language.

One site of every public page type is built once for the module (the same one the HTML checker
validates) and each page is read with an HTML parser: every text node that holds a value from
the database must have ``fr`` as its nearest ``lang``."""

import re
from collections.abc import Iterator

import pytest
from django.apps import apps
from django.db import models
from lxml import html as lxml_html
from wagtail.fields import StreamField
from wagtail.models import Page

from tests.config.test_html_validity import _public_site
from tests.config.test_translations import CATALOGUE, _entries
from tests.factories.home import site_with_home
from tests.module_rows import module_rows

# The apps whose rows are content the public reads, and Wagtail's pages (titles).
CONTENT_APPS = {"archive", "festival", "projects", "talks", "home", "media"}
# Fields that hold no text a visitor reads as such.
NOT_TEXT = (models.SlugField, models.URLField, models.EmailField, models.FileField)
# Fields of our models that are technical although text (addresses, codes, tokens).
TECHNICAL = {"url_path", "language", "draft_title", "token", "content_type", "file_hash"}
# A value this short, or without a letter, could be any word of the interface.
SHORTEST = 4
# Names the interface itself says, in any language: the town's, and « The Gohelliades 2027 »
# (the interface naming an edition by its year, as its title does).
INTERFACE_NAMES = re.compile(r"^(Loos-en-Gohelle|The Gohelliades \d{4})$")

# Pages of the site not reached by a visitor's browsing (forms' errors), or with no content.
PAGES = [
    "accueil",
    "archive",
    "élément d'archive",
    "témoignage oral avec transcription",
    "thèmes",
    "un thème",
    "lieux",
    "un lieu",
    "décennies",
    "une décennie",
    "collections",
    "une collection",
    "frise",
    "une année de la frise",
    "natures",
    "une nature",
    "recherche avec résultats",
    "festival",
    "édition",
    "programme",
    "édition en cours",
    "programme en cours",
    "événement",
    "inscription bénévole",
    "projets",
    "un projet",
    "chantier participatif",
    "Ch'ti TAIDx",
    "une soirée TAIDx",
    "une intervention TAIDx",
    "page « Mentions légales »",
]


def _stream_strings(value) -> Iterator[str]:
    """The texts a StreamField's raw data holds, rich text cut at its tags."""
    if isinstance(value, str):
        yield from re.split(r"<[^>]+>", value)
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in {"type", "id"}:
                yield from _stream_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _stream_strings(item)


def _content_strings() -> set[str]:
    """Every text value of the public's content in the database, whitespace made single."""
    found: set[str] = set()
    content_models = [model for model in apps.get_models() if model._meta.app_label in CONTENT_APPS]
    for model in [Page, *content_models]:
        for field in model._meta.concrete_fields:
            if field.name in TECHNICAL or field.choices or isinstance(field, NOT_TEXT):
                continue
            if isinstance(field, StreamField):
                for raw in model.objects.values_list(field.attname, flat=True):
                    found.update(_stream_strings(field.get_prep_value(raw) if raw else []))
            elif isinstance(field, models.CharField | models.TextField):
                found.update(model.objects.values_list(field.attname, flat=True))
    return {
        text
        for value in found
        if value and len(text := " ".join(str(value).split())) >= SHORTEST
        if re.search(r"[^\W\d_]", text)
    }


def _interface_phrases() -> list[str]:
    """The interface's English (the catalogue's translations), long enough to be told apart,
    longest first."""
    phrases = set()
    for entry in _entries((CATALOGUE / "django.po").read_text(encoding="utf-8")):
        english = entry.get("msgstr") or entry.get("msgstr[0]", "")
        for part in re.split(r"%\(\w+\)\w|\{\{.*?\}\}|<[^>]+>|%s|%d|\\n", english):
            part = part.strip(" .,:;!?()«»—-")
            if len(part) >= 12 and " " in part and part != entry["msgid"]:
                phrases.add(part)
    return sorted(phrases, key=len, reverse=True)


def _text_nodes(content: bytes, where: str) -> Iterator[tuple[str, str | None]]:
    """Each text inside the page's ``where`` elements (XPath) with the nearest ``lang`` above
    it (the body's excluded, as the html element's is)."""
    for region in lxml_html.fromstring(content).xpath(where):
        yield from _region_text_nodes(region)


def _region_text_nodes(region) -> Iterator[tuple[str, str | None]]:
    for element in region.iter():
        if not isinstance(element.tag, str) or element.tag in {"script", "style", "template"}:
            continue
        for text, owner in ((element.text, element), (element.tail, element.getparent())):
            text = " ".join((text or "").split())
            if text and owner is not None and not INTERFACE_NAMES.match(text):
                yield text, _nearest_lang(owner)


def _nearest_lang(element) -> str | None:
    while element is not None and element.tag != "body":
        if element.get("lang") is not None:
            return element.get("lang")
        element = element.getparent()
    return None


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    """The site, its content's texts and the interface's phrases, rolled back after the module."""
    with module_rows(django_db_blocker):
        pages = _public_site(site_with_home())
        archive = pages["archive"]
        pages |= {
            "frise": f"{archive}frise/",
            "une année de la frise": f"{archive}frise/1960/",
            "natures": f"{archive}natures/",
            "une nature": f"{archive}natures/temoignages-oraux/",
        }
        yield pages, _content_strings(), _interface_phrases()


def _unmarked(response, where: str, contents: set[str], phrases: list[str]):
    """The content's texts not said French, the interface's said French, and how many
    content texts were seen at all."""
    unmarked, marked_interface, content_seen = [], [], 0
    for text, lang in _text_nodes(response.content, where):
        # The interface's own sentences may name a place or an edition: what is left of the
        # text without them is what must be content.
        remainder = text
        for phrase in phrases:
            if phrase in remainder:
                remainder = remainder.replace(phrase, " ")
        if any(content in remainder for content in contents):
            content_seen += 1
            if lang != "fr":
                unmarked.append(text)
        elif lang == "fr" and any(phrase in text for phrase in phrases):
            marked_interface.append(text)
    return unmarked, marked_interface, content_seen


@pytest.mark.parametrize("name", PAGES)
def test_content_chosen_in_english_is_marked_french(db, client, site, name):
    pages, contents, phrases = site
    client.get("/langue/en/", {"next": "/"})
    response = client.get(pages[name])
    assert response.status_code == 200
    assert '<html lang="en">' in response.content.decode()

    unmarked, marked_interface, content_seen = _unmarked(response, "//main", contents, phrases)

    assert content_seen > 0, "la page ne montre aucun contenu : le test ne prouverait rien"
    assert unmarked == [], 'contenu sans lang="fr" :\n' + "\n".join(unmarked)
    assert marked_interface == [], 'interface dans lang="fr" :\n' + "\n".join(marked_interface)


def test_menu_and_footer_chosen_in_english_are_marked_french(db, client, site):
    pages, contents, phrases = site
    client.get("/langue/en/", {"next": "/"})
    response = client.get(pages["accueil"])

    unmarked, marked_interface, content_seen = _unmarked(
        response, "//header | //footer[@class='site-footer']", contents, phrases
    )

    assert content_seen > 0
    assert unmarked == [], 'contenu sans lang="fr" :\n' + "\n".join(unmarked)
    assert marked_interface == []


@pytest.mark.parametrize("name", PAGES)
def test_content_in_french_adds_no_lang(db, client, site, name):
    pages, _contents, _phrases = site
    response = client.get(pages[name])
    assert response.status_code == 200
    body = lxml_html.fromstring(response.content).find("body")

    # The language switcher names each language in itself: a link, not content.
    marked = [
        element.tag
        for element in body.iter()
        if element.get("lang") == "fr" and element.get("hreflang") is None
    ]
    assert marked == []
