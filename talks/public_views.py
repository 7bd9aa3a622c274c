"""Placeholder views: the Ch'ti TAIDx is being built (see issue 18)."""

from django.http import Http404


def evening_list(request, **kwargs):
    raise Http404


def evening_detail(request, **kwargs):
    raise Http404


def talk_detail(request, **kwargs):
    raise Http404
