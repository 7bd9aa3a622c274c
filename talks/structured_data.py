"""What search engines read of an evening: a schema.org Event, its talks as sub-events."""

from django.urls import reverse
from django.utils import timezone

from talks.models import Evening, Talk


def _absolute(request, url: str) -> str:
    return request.build_absolute_uri(url) if request else url


def evening_json_ld(*, evening: Evening, talks: list[Talk], request) -> dict:
    """The evening as a free, in-person Event at its venue (or its place in words)."""
    url = _absolute(request, reverse("talks:evening", kwargs={"slug": evening.slug}))
    data: dict = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": evening.title,
        "url": url,
        "startDate": timezone.localtime(evening.starts_at).isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "inLanguage": "fr",
        "isAccessibleForFree": True,
        "organizer": {
            "@type": "Organization",
            "name": "Ville de Loos-en-Gohelle",
            "url": _absolute(request, "/"),
        },
    }
    if evening.introduction:
        data["description"] = evening.introduction
    if evening.venue_id:
        venue = evening.venue
        data["location"] = {
            "@type": "Place",
            "name": venue.name,
            "address": {
                "@type": "PostalAddress",
                "streetAddress": venue.address,
                "postalCode": venue.postcode,
                "addressLocality": venue.town,
                "addressCountry": "FR",
            },
        }
    elif evening.place_label:
        data["location"] = {"@type": "Place", "name": evening.place_label}
    if talks:
        data["subEvent"] = [
            {
                "@type": "Event",
                "name": talk.title,
                "url": _absolute(
                    request,
                    reverse("talks:talk", kwargs={"slug": evening.slug, "talk_slug": talk.slug}),
                ),
                "performer": {"@type": "Person", "name": talk.speaker_name},
            }
            for talk in talks
        ]
    return data
