"""Placeholder views: the Ch'ti TAIDx is being built (see issue 18)."""

from django.http import Http404


def changes_asked(request, **kwargs):
    raise Http404


def evaluate(request, **kwargs):
    raise Http404
