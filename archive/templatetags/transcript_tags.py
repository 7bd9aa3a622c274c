from django import template

from archive.transcripts.selectors import player_for_item, requested_time

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


@register.filter
def media_fragment(tape, start_ms):
    """``#t=42`` on the tape that holds the asked time, so the page opens there without JS."""
    if start_ms is None or tape.offset > start_ms:
        return ""
    if tape.duration is not None and start_ms >= tape.offset + tape.duration:
        return ""
    return f"#t={(start_ms - tape.offset) / 1000:g}"
