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
    ProjectPhoto,
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


# A resident's proposal, as the service receives it and as the form posts it. -----------------


def proposal_data(**overrides) -> dict:
    data = {
        "title": "Une haie pour la rue Bollaert",
        "kind": ProjectKind.PLANTING,
        "need": "Les enfants n'ont pas d'ombre en allant à l'école.",
        "carrier_kind": "group",
        "carrier_name": "Les voisins de la rue Bollaert",
        "address": "Au bout de la rue Bollaert, derrière l'école",
        "commitment": "Huit voisins plantent deux samedis et arrosent l'été.",
        "upkeep": "Taille une fois l'an.",
        "show_publicly": True,
        "photos_to_archive": True,
        "becomes_archive_item": False,
        "contact_name": "Chantal Lefebvre",
        "email": "chantal@exemple.fr",
        "phone": "06 12 34 56 78",
    }
    data.update(overrides)
    return data


def proposal_form(**overrides) -> dict:
    """POST data of ``/projets/proposer/`` with one request line filled; ``None`` drops a field."""
    data = {
        "title": "Une haie pour la rue Bollaert",
        "kind": "planting",
        "need": "Les enfants n'ont pas d'ombre en allant à l'école.",
        "carrier_kind": "group",
        "carrier_name": "Les voisins de la rue Bollaert",
        "address": "Au bout de la rue Bollaert, derrière l'école",
        "commitment": "Huit voisins plantent deux samedis et arrosent l'été.",
        "upkeep": "",
        "start_on": "",
        "end_on": "",
        "show_publicly": "on",
        "photos_to_archive": "on",
        "contact_name": "Chantal Lefebvre",
        "email": "chantal@exemple.fr",
        "phone": "",
        "demandes-TOTAL_FORMS": "3",
        "demandes-INITIAL_FORMS": "0",
        "demandes-MIN_NUM_FORMS": "0",
        "demandes-MAX_NUM_FORMS": "20",
        "demandes-0-kind": "money",
        "demandes-0-description": "Achat de 40 plants",
        "demandes-0-amount": "320",
        "demandes-1-kind": "",
        "demandes-1-description": "",
        "demandes-1-amount": "",
        "demandes-2-kind": "",
        "demandes-2-description": "",
        "demandes-2-amount": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


# The visitors' part (public pages, PDF, tally, open data). ----------------------------------


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
