import datetime
from decimal import Decimal

import factory
from django.utils.text import slugify

from projects.models import (
    AgreementLine,
    AgreementVersion,
    CompletionReport,
    Decision,
    InternalNote,
    ProgressUpdate,
    Project,
    ProjectContact,
    ProjectKind,
    ProjectStatus,
    RequestKind,
    Side,
    TownRequest,
    WorkDay,
)


def today() -> datetime.date:
    return datetime.datetime.now(datetime.UTC).date()


class ProjectFactory(factory.django.DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Une haie pour la rue des Écoles {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title)[:80])
    status = ProjectStatus.RECEIVED
    kind = ProjectKind.PLANTING
    need = "La rue est nue, les enfants n'ont pas d'ombre en été."
    carrier_name = "Les voisins de la rue des Écoles"
    commitment = "Six voisins plantent deux samedis matin et arrosent l'été."
    show_publicly = True
    confirmed_at = factory.LazyFunction(lambda: datetime.datetime.now(datetime.UTC))

    class Meta:
        model = Project


class ProjectContactFactory(factory.django.DjangoModelFactory):
    project = factory.SubFactory(ProjectFactory)
    name = "Chantal Lefebvre"
    email = factory.Sequence(lambda n: f"porteuse{n}@exemple.fr")
    phone = "06 12 34 56 78"

    class Meta:
        model = ProjectContact


class TownRequestFactory(factory.django.DjangoModelFactory):
    project = factory.SubFactory(ProjectFactory)
    kind = RequestKind.EQUIPMENT
    description = "Prêt de bêches et d'une brouette"

    class Meta:
        model = TownRequest


class DecisionFactory(factory.django.DjangoModelFactory):
    project = factory.SubFactory(ProjectFactory)
    status = ProjectStatus.ACCEPTED
    answer = "Le projet répond à un vrai besoin ; les services techniques prêtent le matériel."

    class Meta:
        model = Decision


class InternalNoteFactory(factory.django.DjangoModelFactory):
    project = factory.SubFactory(ProjectFactory)
    text = "Voir avec les espaces verts pour les essences."

    class Meta:
        model = InternalNote


class AgreementVersionFactory(factory.django.DjangoModelFactory):
    project = factory.SubFactory(ProjectFactory, status=ProjectStatus.ACCEPTED)
    number = factory.Sequence(lambda n: n + 1)

    class Meta:
        model = AgreementVersion


class TownLineFactory(factory.django.DjangoModelFactory):
    version = factory.SubFactory(AgreementVersionFactory)
    side = Side.TOWN
    kind = RequestKind.MONEY
    description = "Achat de 40 plants"
    value = Decimal("320.00")
    responsible = "Service des espaces verts"

    class Meta:
        model = AgreementLine


class ResidentsLineFactory(factory.django.DjangoModelFactory):
    version = factory.SubFactory(AgreementVersionFactory)
    side = Side.RESIDENTS
    description = "Planter et pailler"
    people = 6
    hours = Decimal("18.0")
    responsible = "Chantal L."

    class Meta:
        model = AgreementLine


class WorkDayFactory(factory.django.DjangoModelFactory):
    project = factory.SubFactory(ProjectFactory, status=ProjectStatus.RUNNING)
    title = "Plantation de la haie"
    date = factory.LazyFunction(lambda: today() + datetime.timedelta(days=10))
    meeting_point = "Devant l'école Basly"

    class Meta:
        model = WorkDay


class ProgressUpdateFactory(factory.django.DjangoModelFactory):
    project = factory.SubFactory(ProjectFactory, status=ProjectStatus.RUNNING)
    side = Side.RESIDENTS
    text = "Les trous sont creusés, les plants arrivent samedi."
    happened_on = factory.LazyFunction(today)

    class Meta:
        model = ProgressUpdate


class CompletionReportFactory(factory.django.DjangoModelFactory):
    project = factory.SubFactory(ProjectFactory, status=ProjectStatus.COMPLETED)
    residents_account = "La mairie a tenu parole, mais le matériel est arrivé en retard."

    class Meta:
        model = CompletionReport


# Added by the visitors' part (public pages, PDF, tally, open data). ----------------------------
# Imported here, not in the block above: each part appends its own section to this shared file.
from projects.models import ProjectPhoto  # noqa: E402


class AgreedVersionFactory(AgreementVersionFactory):
    """A version both sides agreed to, on a project whose agreement holds."""

    project = factory.SubFactory(ProjectFactory, status=ProjectStatus.AGREED)
    town_agreed_at = factory.LazyFunction(lambda: datetime.datetime.now(datetime.UTC))
    residents_agreed_at = factory.LazyFunction(lambda: datetime.datetime.now(datetime.UTC))


class ProjectPhotoFactory(factory.django.DjangoModelFactory):
    project = factory.SubFactory(ProjectFactory, status=ProjectStatus.RUNNING)
    image = factory.SubFactory("tests.factories.media.CustomImageFactory")
    caption = "Les plants arrivent"

    class Meta:
        model = ProjectPhoto
