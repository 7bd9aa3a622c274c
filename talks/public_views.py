"""What visitors see of the Ch'ti TAIDx: the evenings, an evening's talks in order, one talk
with its recording, its text and its evaluation. Reads live in ``selectors``."""

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from talks import selectors
from talks.call import evening_call_is_open
from talks.structured_data import evening_json_ld
from talks.texts import text_for_the_public


@require_safe
def evening_list(request):
    overview = selectors.evenings_overview()
    next_evening = overview.next_evening
    return render(
        request,
        "talks/public/list.html",
        {
            "overview": overview,
            "next_evening": next_evening,
            "call_open": next_evening is not None and evening_call_is_open(evening=next_evening),
        },
    )


@require_safe
def evening_detail(request, slug: str):
    evening = selectors.public_evening(slug=slug)
    if evening is None:
        raise Http404
    festival_event = selectors.evening_festival_event(evening=evening)
    talks = selectors.evening_talks(evening=evening)
    return render(
        request,
        "talks/public/evening.html",
        {
            "evening": evening,
            "festival_event": festival_event,
            "guests": selectors.guests_by_role(guests=evening.guests.all()),
            "talks": talks,
            "is_over": selectors.evening_is_over(evening=evening),
            "call_open": evening_call_is_open(evening=evening),
            "json_ld": evening_json_ld(evening=evening, talks=talks, request=request),
        },
    )


@require_safe
def talk_detail(request, slug: str, talk_slug: str):
    talk = selectors.public_talk(evening_slug=slug, talk_slug=talk_slug)
    if talk is None:
        raise Http404
    return render(
        request,
        "talks/public/talk.html",
        {
            "talk": talk,
            "evening": talk.evening,
            "evening_url": reverse("talks:evening", kwargs={"slug": talk.evening.slug}),
            "final_text": text_for_the_public(talk=talk),
            "evaluation": selectors.talk_evaluation(talk=talk),
        },
    )
