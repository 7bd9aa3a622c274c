"""Festival pages' filters: dates the French way (``festival.formats``), structured data."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from festival.formats import (
    fr_datetime,
    fr_day,
    fr_time,
    iso_local,
    spans_days,
    time_range,
    when,
)

register = template.Library()

# Three ``replace`` calls: ``str.translate`` with a table is ten times slower on the long
# texts (an oral history's transcript) some pages carry.
_JSON_ESCAPES = (("<", "\\u003C"), (">", "\\u003E"), ("&", "\\u0026"))


for _filter in (fr_time, fr_day, fr_datetime, when, time_range, iso_local, spans_days):
    register.filter(_filter)


@register.simple_tag
def json_ld(data) -> str:
    """A <script type="application/ld+json"> that cannot be closed early by its content."""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    for character, escaped in _JSON_ESCAPES:
        payload = payload.replace(character, escaped)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # noqa: S308


@register.simple_tag(takes_context=True)
def programme_query(context, **changes) -> str:
    """The current programme query string with some filters changed ("" removes one)."""
    query = context["request"].GET.copy()
    for key, value in changes.items():
        if value in ("", None):
            query.pop(key, None)
        else:
            query[key] = value
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"
