import factory
import wagtail_factories
from django.utils.text import slugify

from archive.models import (
    ArchiveCollection,
    ArchiveIndexPage,
    ArchiveItemPage,
    ItemKind,
    Place,
    PlaceKind,
    Theme,
)
from media.models import Licence


class ArchiveIndexPageFactory(wagtail_factories.PageFactory):
    title = "L'archive des mémoires"
    slug = "archive"

    class Meta:
        model = ArchiveIndexPage


class ArchiveItemPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Souvenir de la fosse {n}")
    kind = ItemKind.MEMORY
    summary = "Le dimanche, on montait sur le terril."
    date_label = "vers 1960"
    year_start = 1958
    year_end = 1962

    class Meta:
        model = ArchiveItemPage


class PlaceFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Fosse {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    kind = PlaceKind.PIT
    latitude = 50.4574
    longitude = 2.7930
    alternative_names = "Base 11/19\nFosse 11/19"

    class Meta:
        model = Place


class ThemeFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Thème {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))

    class Meta:
        model = Theme


class ArchiveCollectionFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Gohelliades {1984 + n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))

    class Meta:
        model = ArchiveCollection


def contribution_data(**overrides) -> dict:
    """What the public form hands to ``contribution_create`` once valid."""
    data = {
        "title": "La Sainte-Barbe à la fosse 11",
        "story": "Mon père remontait du fond.\n\nLa fanfare jouait devant l'église.",
        "date_label": "vers 1962",
        "place": None,
        "proposed_place": "",
        "themes": [],
        "full_name": "Jeannine Dupont-Kowalski",
        "name_display": "initial",
        "pseudonym": "",
        "email": "jeannine.dupont@example.org",
        "phone": "06 12 34 56 78",
        "allow_web": True,
        "allow_festival": True,
        "allow_research": False,
        "licence": Licence.CC_BY,
        "image_rights_attested": True,
        "is_minor": False,
        "parent_name": "",
        "parent_consent": False,
        "embargo_until": None,
    }
    data.update(overrides)
    return data


def contribution_form(**overrides) -> dict:
    """What a resident types in the public form (``/contribuer/``), the least that is valid."""
    data = {
        "title": "Le bal de la fanfare",
        "story": "On dansait jusqu'au matin.",
        "full_name": "Jeannine Dupont",
        "name_display": "full",
        "email": "jeannine@example.org",
        "allow_web": "on",
        "licence": "cc-by-4.0",
        "accept": "on",
    }
    data.update(overrides)
    return data


def published(parent, factory=ArchiveItemPageFactory, **fields):
    """A page published as an editor does (a revision, then publication): its
    ``first_published_at`` and ``last_published_at`` are set, as the feeds and OAI-PMH read."""
    page = factory(parent=parent, live=False, **fields)
    page.save_revision().publish()
    return page
