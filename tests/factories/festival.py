import datetime
from zoneinfo import ZoneInfo

import factory
import wagtail_factories

from festival.models import (
    Audience,
    EditionPage,
    EventCategory,
    EventOccurrence,
    EventPage,
    FestivalIndexPage,
    Venue,
)

PARIS = ZoneInfo("Europe/Paris")


def paris(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=PARIS)


class FestivalIndexPageFactory(wagtail_factories.PageFactory):
    title = "Les Gohelliades"
    slug = "gohelliades"

    class Meta:
        model = FestivalIndexPage


class EditionPageFactory(wagtail_factories.PageFactory):
    year = factory.Sequence(lambda n: 2000 + n)
    title = factory.LazyAttribute(lambda o: f"Gohelliades {o.year}")
    slug = factory.LazyAttribute(lambda o: str(o.year))
    start_date = factory.LazyAttribute(lambda o: datetime.date(o.year, 6, 12))
    end_date = factory.LazyAttribute(lambda o: datetime.date(o.year, 6, 14))
    theme = "Les terrils, montagnes du Nord"

    class Meta:
        model = EditionPage


class VenueFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Lieu {n}")
    slug = factory.Sequence(lambda n: f"lieu-{n}")
    address = "Rue de Bourgogne"
    latitude = "50.448900"
    longitude = "2.779200"
    wheelchair_accessible = True

    class Meta:
        model = Venue


class EventPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Spectacle {n}")
    category = EventCategory.THEATRE
    audience = Audience.EVERYONE
    summary = "Un récit de la fosse, joué par les habitants."
    venue = factory.SubFactory(VenueFactory)

    class Meta:
        model = EventPage


class EventOccurrenceFactory(factory.django.DjangoModelFactory):
    event = factory.SubFactory(EventPageFactory)
    start = factory.LazyFunction(lambda: paris(2026, 6, 13, 15, 30))
    end = factory.LazyAttribute(lambda o: o.start + datetime.timedelta(hours=1, minutes=30))

    class Meta:
        model = EventOccurrence


def event_at(
    *,
    edition: EditionPage,
    start: datetime.datetime,
    duration: datetime.timedelta = datetime.timedelta(hours=1, minutes=30),
    **fields,
) -> EventPage:
    """An event of ``edition`` held once, from ``start``."""
    event = EventPageFactory(parent=edition, **fields)
    EventOccurrence.objects.create(event=event, start=start, end=start + duration)
    return event
