import datetime

import factory
import wagtail_factories

from festival.models import EditionPage, FestivalIndexPage


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
