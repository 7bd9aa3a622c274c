"""``{% content_lang %}`` and ``|content_span``: the language of what people wrote, said only
where it differs from the interface's."""

import pytest
from django.template import Context, Template
from django.utils import translation


def _render(source: str, **context) -> str:
    return Template("{% load content_lang %}" + source).render(Context(context))


@pytest.mark.parametrize(("language", "expected"), [("fr", ""), ("en", ' lang="fr"')])
def test_content_lang_says_french_only_in_another_interface(language, expected):
    with translation.override(language):
        assert _render("<p{% content_lang %}>") == f"<p{expected}>"


@pytest.mark.parametrize(
    ("language", "expected"), [("fr", '<p lang="pcd">'), ("en", '<p lang="pcd">')]
)
def test_content_lang_names_a_transcripts_own_language_in_either_interface(language, expected):
    with translation.override(language):
        assert _render('<p{% content_lang "pcd" %}>') == expected


def test_content_span_wraps_and_escapes_in_english():
    with translation.override("en"):
        assert _render("{{ title|content_span }}", title="Le <bal>") == (
            '<span lang="fr">Le &lt;bal&gt;</span>'
        )


def test_content_span_adds_nothing_in_french():
    with translation.override("fr"):
        assert _render("{{ title|content_span }}", title="Le <bal>") == "Le &lt;bal&gt;"
