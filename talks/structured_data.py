"""What search engines read of an evening: a schema.org Event, its talks as sub-events."""

from django.urls import reverse
from django.utils import timezone

from festival.structured_data import absolute_url, event_base, venue_place
from talks.models import Evening, Talk


def evening_json_ld(*, evening: Evening, talks: list[Talk], request) -> dict:
    """The evening as a free, in-person Event at its venue (or its place in words)."""
    url = absolute_url(request, reverse("talks:evening", kwargs={"slug": evening.slug}))
    data = event_base(name=evening.title, url=url, free=True, request=request)
    data["startDate"] = timezone.localtime(evening.starts_at).isoformat()
    if evening.introduction:
        data["description"] = evening.introduction
    if evening.venue_id:
        data["location"] = venue_place(evening.venue)
    elif evening.place_label:
        data["location"] = {"@type": "Place", "name": evening.place_label}
    if talks:
        data["subEvent"] = [
            {
                "@type": "Event",
                "name": talk.title,
                "url": absolute_url(
                    request,
                    reverse("talks:talk", kwargs={"slug": evening.slug, "talk_slug": talk.slug}),
                ),
                "performer": {"@type": "Person", "name": talk.speaker_name},
            }
            for talk in talks
        ]
    return data
