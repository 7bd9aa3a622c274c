"""Chosen in English, every public page type speaks English: none of the interface's French
strings (the catalogue's, longer than a word or two) is left on any of them."""

import html
import re

import pytest

from talks.models import Evening
from tests.config.test_html_validity import _public_site
from tests.config.test_translations import CATALOGUE, _entries

pytestmark = pytest.mark.django_db

# A name, not an interface phrase: the town's (the footer, the legal pages) in either language.
NAMES = {"Ville de Loos-en-Gohelle"}


def _french_interface_strings() -> list[str]:
    """The catalogue's French phrases whose English differs, without placeholders or markup
    (those are cut where they appear), long enough not to be a place or a person's name."""
    phrases = set()
    for entry in _entries((CATALOGUE / "django.po").read_text(encoding="utf-8")):
        english = entry.get("msgstr") or entry.get("msgstr[0]", "")
        french = entry["msgid"].replace('\\"', '"').replace("\\n", " ")
        if english == entry["msgid"]:
            continue
        for part in re.split(r"%\(\w+\)\w|\{\{.*?\}\}|<[^>]+>|%s|%d", french):
            part = part.strip(" .,:;!?()«»—-")
            if len(part) >= 18 and " " in part and part not in NAMES:
                phrases.add(part)
    return sorted(phrases)


def _visible_text(content: bytes) -> str:
    text = re.sub(r"(?s)<(script|style)\b.*?</\1>", " ", content.decode())
    text = re.sub(r"<[^>]+>", " ", text)
    return " ".join(html.unescape(text).split())


def test_public_pages_chosen_in_english_keep_no_french_interface_string(client, home_page):
    site = _public_site(home_page)
    # Content an editor wrote that happens to read like an interface string: not the interface.
    Evening.objects.update(introduction="Quatre habitants, quatre projets.")
    client.get("/langue/en/", {"next": "/"})
    phrases = _french_interface_strings()
    assert len(phrases) > 100

    left = {}
    for name, url in site.items():
        response = client.get(url)
        assert '<html lang="en">' in response.content.decode(), name
        text = _visible_text(response.content)
        for phrase in phrases:
            if phrase in text:
                left.setdefault(phrase, []).append(name)

    assert left == {}, "\n".join(
        f"« {phrase} » : {', '.join(names)}" for phrase, names in left.items()
    )
