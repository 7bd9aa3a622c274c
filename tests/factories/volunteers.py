import datetime

import factory

from festival.models import Prerequisite, Shift, Signup, SignupStatus, Volunteer, VolunteerRole
from tests.factories.festival import EditionPageFactory, VenueFactory, paris
from tests.factories.projects import WorkDayFactory


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


# A fifty-fifty project's work day as an occasion: its shifts, volunteers and sign-ups.


def on_work_day(work_day, hour: int) -> datetime.datetime:
    """``hour`` o'clock (Paris) on the work day."""
    return paris(work_day.date.year, work_day.date.month, work_day.date.day, hour)


class WorkDayShiftFactory(ShiftFactory):
    edition = None
    work_day = factory.SubFactory(WorkDayFactory)
    venue = None
    start = factory.LazyAttribute(lambda o: on_work_day(o.work_day, 9))


class WorkDayVolunteerFactory(VolunteerFactory):
    edition = None
    work_day = factory.SubFactory(WorkDayFactory)


class WorkDaySignupFactory(SignupFactory):
    shift = factory.SubFactory(WorkDayShiftFactory)
    volunteer = factory.SubFactory(
        WorkDayVolunteerFactory, work_day=factory.SelfAttribute("..shift.work_day")
    )
