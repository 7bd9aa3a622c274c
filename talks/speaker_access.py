"""The speaker's private pages: one way to read the talk a link names, for every view.

``call_views``, ``text_views`` and ``evaluation_views`` open each page with
``talk_or_404(token)``: a forged link is a 404; a withdrawn talk answers ``withdrawn_page``
(410 Gone, nothing of the speaker's left to show). ``private`` marks the response as the
speaker's own: never indexed, never in a shared cache."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from talks.links import talk_from_token
from talks.models import Talk, TalkStatus


def private(response: HttpResponse) -> HttpResponse:
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, no-store"
    return response


def talk_or_404(token: str) -> Talk:
    """The talk the private link names (with its evening, project and recording), or 404."""
    talk = talk_from_token(token=token)
    if talk is None:
        raise Http404
    return talk


def talk_is_withdrawn(talk: Talk) -> bool:
    return talk.status == TalkStatus.WITHDRAWN


def withdrawn_page(request: HttpRequest, talk: Talk) -> HttpResponse:
    """410 Gone: the speaker withdrew; the page says so and nothing more."""
    return private(render(request, "talks/call/withdrawn.html", {"talk": talk}, status=410))
