"""What search engines and social networks read: schema.org JSON-LD and Open Graph."""

from django.utils import timezone
from django.utils.html import strip_tags

from festival.models import EventOccurrence, EventPage, PerformerKind

SHARE_IMAGE_SPEC = "fill-1200x630"


def absolute_url(request, url: str) -> str:
    return request.build_absolute_uri(url) if request else url


def event_base(*, name: str, url: str, free: bool, request) -> dict:
    """What every event of the town says to search engines (the festival's, the Ch'ti
    TAIDx's evenings): held in person, in French, organised by the town."""
    return {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": name,
        "url": url,
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "inLanguage": "fr",
        "isAccessibleForFree": free,
        "organizer": {
            "@type": "Organization",
            "name": "Ville de Loos-en-Gohelle",
            "url": absolute_url(request, "/"),
        },
    }


def venue_place(venue) -> dict:
    """A venue as a schema.org Place: its postal address, and its position when known."""
    place = {
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
    if venue.has_position:
        place["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(venue.latitude),
            "longitude": float(venue.longitude),
        }
    return place


def open_graph(*, page, request, image=None) -> dict:
    """Open Graph properties for the base template's head (og:title, og:image…)."""
    description = getattr(page, "search_description", "") or getattr(page, "summary", "")
    if not description:
        description = getattr(page, "theme", "") or strip_tags(getattr(page, "intro", ""))
    data = {
        "og:type": "website",
        "og:site_name": "Gohelliades — Loos-en-Gohelle",
        "og:locale": "fr_FR",
        "og:title": page.seo_title or page.title,
        "og:description": description[:300],
        "og:url": absolute_url(request, page.get_url(request)),
    }
    if image is not None:
        rendition = image.get_rendition(SHARE_IMAGE_SPEC)
        data["og:image"] = absolute_url(request, rendition.url)
        data["og:image:width"] = str(rendition.width)
        data["og:image:height"] = str(rendition.height)
        data["og:image:alt"] = image.description or image.title
    return data


def event_json_ld(
    *, event: EventPage, occurrences: list[EventOccurrence], request
) -> list[dict] | dict:
    """A schema.org Event per date (one object when the event is held once)."""
    url = absolute_url(request, event.get_url(request))
    base = event_base(name=event.title, url=url, free=event.is_free, request=request)
    if event.summary:
        base["description"] = event.summary
    if event.image_id:
        base["image"] = [absolute_url(request, event.image.get_rendition(SHARE_IMAGE_SPEC).url)]
    if event.venue_id:
        base["location"] = venue_place(event.venue)
    offer = {"@type": "Offer", "url": event.booking_url or url, "priceCurrency": "EUR"}
    if event.is_free:
        offer["price"] = "0"
    else:
        offer["description"] = event.price
    base["offers"] = offer
    if event.capacity:
        base["maximumAttendeeCapacity"] = event.capacity
    performers = [
        {
            "@type": "Organization" if p.kind == PerformerKind.ASSOCIATION else "Person",
            "name": p.name,
        }
        for p in event.performers.all()
    ]
    if performers:
        base["performer"] = performers
    items = [
        {
            **base,
            "startDate": timezone.localtime(occurrence.start).isoformat(),
            "endDate": timezone.localtime(occurrence.end).isoformat(),
        }
        for occurrence in occurrences
    ]
    return items[0] if len(items) == 1 else items
