import datetime

import factory

from festival.models import Prerequisite, Shift, Signup, SignupStatus, Volunteer, VolunteerRole
from tests.factories.festival import EditionPageFactory, VenueFactory, paris


class PrerequisiteFactory(factory.django.DjangoModelFactory):
    label = factory.Sequence(lambda n: f"J'ai 18 ans ou plus ({n})")

    class Meta:
        model = Prerequisite


class VolunteerRoleFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Accueil {n}")
    description = "Accueillir le public, orienter, sourire."

    class Meta:
        model = VolunteerRole


class ShiftFactory(factory.django.DjangoModelFactory):
    edition = factory.SubFactory(EditionPageFactory)
    role = factory.SubFactory(VolunteerRoleFactory)
    venue = factory.SubFactory(VenueFactory)
    start = factory.LazyAttribute(lambda o: paris(o.edition.year, 6, 13, 10))
    end = factory.LazyAttribute(lambda o: o.start + datetime.timedelta(hours=3))
    capacity = 2

    class Meta:
        model = Shift


class VolunteerFactory(factory.django.DjangoModelFactory):
    edition = factory.SubFactory(EditionPageFactory)
    name = factory.Sequence(lambda n: f"Bénévole {n}")
    email = factory.Sequence(lambda n: f"benevole{n}@exemple.fr")
    consented_at = factory.LazyFunction(lambda: datetime.datetime.now(datetime.UTC))

    class Meta:
        model = Volunteer


class SignupFactory(factory.django.DjangoModelFactory):
    shift = factory.SubFactory(ShiftFactory)
    volunteer = factory.SubFactory(
        VolunteerFactory, edition=factory.SelfAttribute("..shift.edition")
    )
    status = SignupStatus.CONFIRMED
    email_confirmed_at = factory.LazyFunction(lambda: datetime.datetime.now(datetime.UTC))

    class Meta:
        model = Signup
