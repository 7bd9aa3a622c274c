from django import template

register = template.Library()


@register.filter
def get_item(mapping: dict, key: str):
    return mapping.get(key) if mapping else None


@register.simple_tag
def query_with(request, name: str, value) -> str:
    """The current query with one filter set (and back to page one)."""
    query = request.GET.copy()
    query[name] = value
    query.pop("page", None)
    return query.urlencode()


@register.simple_tag
def query_without(request, name: str) -> str:
    query = request.GET.copy()
    query.pop(name, None)
    query.pop("page", None)
    return query.urlencode()
