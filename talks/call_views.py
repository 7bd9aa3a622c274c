"""Placeholder views: the Ch'ti TAIDx is being built (see issue 18)."""

from django.http import Http404


def propose(request, **kwargs):
    raise Http404


def thanks(request, **kwargs):
    raise Http404


def speaker(request, **kwargs):
    raise Http404


def invitation_answer(request, **kwargs):
    raise Http404


def withdraw(request, **kwargs):
    raise Http404
