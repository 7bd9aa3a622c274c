"""The language of what editors and residents write, said where it differs from the interface's.

Content has no translation: it stays in the site's language (``settings.LANGUAGE_CODE``) when a
visitor chooses English, so the elements that show it say ``lang="fr"`` and a screen reader
reads them with a French voice. In French the ``html`` element already says it: nothing is
added. One rule, for every app's templates."""

from django import template
from django.conf import settings
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language

register = template.Library()


def _base(code: str) -> str:
    return code.lower().replace("_", "-").split("-")[0]


@register.simple_tag
def content_lang(language: str = "") -> SafeString:
    """`` lang="fr"`` (with its leading space, for inside a tag) when the content's language,
    the site's unless ``language`` names another (a transcript's), is not the interface's;
    "" otherwise."""
    content = language or settings.LANGUAGE_CODE
    if _base(content) == _base(get_language() or settings.LANGUAGE_CODE):
        return SafeString("")
    return format_html(' lang="{}"', content)


@register.filter
def content_span(value) -> SafeString:
    """``value`` escaped, in a ``<span lang="fr">`` when it needs one: for content inside a
    sentence of the interface (``{% blocktranslate with title=talk.title|content_span %}``)."""
    attribute = content_lang()
    if not attribute:
        return conditional_escape(value)
    return format_html("<span{}>{}</span>", attribute, value)
