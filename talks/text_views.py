"""Placeholder views: the Ch'ti TAIDx is being built (see issue 18)."""

from django.http import Http404


def text_write(request, **kwargs):
    raise Http404


def text_version(request, **kwargs):
    raise Http404


def remark_answer(request, **kwargs):
    raise Http404


def text_final(request, **kwargs):
    raise Http404
