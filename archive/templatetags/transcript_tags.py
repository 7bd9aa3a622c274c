from django import template
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from archive.transcripts.selectors import (
    TRANSCRIPT_CACHE_SECONDS,
    player_for_item,
    requested_time,
    transcript_cache_key,
)

register = template.Library()


@register.simple_tag(takes_context=True)
def oral_history_player(context):
    """The player of the page's item, opened at ``?t=`` when asked; ``None`` without one."""
    page = context.get("page")
    request = context.get("request")
    if page is None or not getattr(page, "pk", None):
        return None
    at = requested_time(request.GET.get("t")) if request is not None else None
    return player_for_item(item=page, at=at)


@register.simple_tag(takes_context=True)
def transcript_list(context, player):
    """The transcript's passages, rendered once per version of the transcript and of the
    page, per language and per passage marked as the one being said."""
    page = context.get("page")
    interview = player.interview
    key = transcript_cache_key(
        "transcript-list",
        interview_id=interview.pk,
        updated_at=interview.updated_at,
        parts=(getattr(page, "live_revision_id", None), get_language(), player.current_id),
    )
    html = cache.get(key)
    if html is None:
        html = render_to_string("archive/transcripts/transcript_list.html", {"player": player})
        cache.set(key, html, timeout=TRANSCRIPT_CACHE_SECONDS)
    return mark_safe(html)  # noqa: S308 -- our own template's output, escaped as it rendered


@register.filter
def media_fragment(tape, start_ms):
    """``#t=42`` on the tape that holds the asked time, so the page opens there without JS."""
    if start_ms is None or tape.offset > start_ms:
        return ""
    if tape.duration is not None and start_ms >= tape.offset + tape.duration:
        return ""
    return f"#t={(start_ms - tape.offset) / 1000:g}"
