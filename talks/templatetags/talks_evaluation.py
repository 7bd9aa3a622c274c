"""The evaluation's ratings in words, for ``talks/includes/evaluation.html``."""

from django import template

from talks.evaluations import rating_label

register = template.Library()


@register.filter
def rating_words(rating: int | None) -> str:
    """« 4 sur 5 — largement tenus »."""
    return rating_label(rating)
