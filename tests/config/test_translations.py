"""English is offered: every French string of the catalogue has its English, and the compiled
catalogue the site loads says the same as the one people edit."""

import gettext
import os
import re
import shutil
from pathlib import Path

from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "site" / "locale" / "en" / "LC_MESSAGES"


def _entries(text: str) -> list[dict]:
    """The .po entries: msgid, msgid_plural, msgstr / msgstr[n], and flags."""
    entries, entry, key = [], {}, None
    for line in [*text.splitlines(), ""]:
        if not line.strip():
            if entry:
                entries.append(entry)
            entry, key = {}, None
        elif line.startswith("#,"):
            entry["flags"] = line[2:]
        elif line.startswith("#"):
            continue
        elif match := re.match(r'^(msgid_plural|msgid|msgstr(?:\[\d+\])?|msgctxt) "(.*)"$', line):
            key = match[1]
            entry[key] = match[2]
        elif line.startswith('"') and key:
            entry[key] += line[1:-1]
    return [entry for entry in entries if entry.get("msgid")]  # the header has an empty msgid


def test_every_french_string_has_its_english_translation():
    entries = _entries((CATALOGUE / "django.po").read_text(encoding="utf-8"))

    fuzzy = [entry["msgid"] for entry in entries if "fuzzy" in entry.get("flags", "")]
    missing = [
        entry["msgid"]
        for entry in entries
        if not all(value for key, value in entry.items() if key.startswith("msgstr"))
    ]
    assert len(entries) > 500
    assert fuzzy == []
    assert missing == []


def test_the_compiled_catalogue_matches_the_edited_one():
    entries = _entries((CATALOGUE / "django.po").read_text(encoding="utf-8"))
    with (CATALOGUE / "django.mo").open("rb") as compiled:
        english = gettext.GNUTranslations(compiled)

    def unescape(text: str) -> str:
        return text.encode().decode("unicode_escape").encode("latin-1").decode()

    stale = [
        entry["msgid"]
        for entry in entries
        if "msgstr" in entry
        and "msgctxt" not in entry
        and english.gettext(unescape(entry["msgid"])) != unescape(entry["msgstr"])
    ]
    assert stale == [], "relancez make messages (compilemessages) après avoir traduit"


def test_every_translatable_string_of_the_code_is_in_the_catalogue(tmp_path, settings):
    """A string added to a template or the code without its English fails here: the catalogue
    is extracted again from the sources (as ``make messages`` does) into a copy, and every
    entry of the copy must already be translated."""
    copy = tmp_path / "locale"
    shutil.copytree(CATALOGUE.parents[1], copy)
    settings.LOCALE_PATHS = [copy]
    here = os.getcwd()
    os.chdir(ROOT)
    try:
        call_command(
            "makemessages",
            locale=["en"],
            # Not walked: Django would add the real catalogue's folder it finds on the way
            # to its list, and write the site's own strings there instead of in the copy.
            ignore_patterns=[".venv", "var", "node_modules", "locale"],
            verbosity=0,
        )
    finally:
        os.chdir(here)
    entries = _entries((copy / "en" / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8"))

    untranslated = [
        entry["msgid"]
        for entry in entries
        if "fuzzy" in entry.get("flags", "")
        or not all(value for key, value in entry.items() if key.startswith("msgstr"))
    ]
    assert untranslated == [], "lancez make messages, puis traduisez ces chaînes en anglais"
