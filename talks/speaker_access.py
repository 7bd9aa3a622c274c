"""The speaker's private pages: one way to open the talk a private link names, for every view
(``call_views``, ``text_views``, ``evaluation_views``).

A forged link is a 404; a withdrawn talk answers 410 Gone (nothing of the speaker's is left to
show). The simplest use is the decorator, which hands the view the talk::

    @speaker_page
    def text_write(request, talk, token): ...

or, step by step::

    talk = _talk_or_404(token)
    if gone := gone_if_withdrawn(request, talk):
        return gone

``private`` marks a response as the speaker's own: never indexed, never in a shared cache
(the decorator applies it)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from talks.links import talk_from_token
from talks.models import Talk, TalkStatus


def private(response: HttpResponse) -> HttpResponse:
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, no-store"
    return response


def _talk_or_404(token: str) -> Talk:
    """The talk the private link names (with its evening, project and recording), or 404."""
    talk = talk_from_token(token=token)
    if talk is None:
        raise Http404
    return talk


def gone_if_withdrawn(request: HttpRequest, talk: Talk) -> HttpResponse | None:
    """410 Gone when the speaker withdrew the talk (the page says so and nothing more)."""
    if talk.status != TalkStatus.WITHDRAWN:
        return None
    return private(render(request, "talks/call/withdrawn.html", {"talk": talk}, status=410))


def speaker_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Open ``view(request, talk, token, **kwargs)`` from ``(request, token, **kwargs)``:
    404 for a forged link, 410 for a withdrawn talk, private headers on every answer."""

    @wraps(view)
    def wrapper(request: HttpRequest, token: str, **kwargs) -> HttpResponse:
        talk = _talk_or_404(token)
        if gone := gone_if_withdrawn(request, talk):
            return gone
        return private(view(request, talk, token, **kwargs))

    return wrapper
