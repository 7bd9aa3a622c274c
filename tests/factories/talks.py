import datetime

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils.text import slugify

from talks.models import (
    Evaluation,
    Evening,
    Guest,
    GuestRole,
    Remark,
    RemarkKind,
    Talk,
    TalkContact,
    TalkOrigin,
    TalkStatus,
    TextVersion,
    TownAnswer,
)


def in_days(days: int) -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC).replace(
        hour=18, minute=30, second=0, microsecond=0
    ) + datetime.timedelta(days=days)


class EveningFactory(factory.django.DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Ch'ti TAIDx : faire avec la ville {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title)[:80])
    introduction = "Des habitants racontent leur projet et leur coopération avec la ville."
    starts_at = factory.LazyFunction(lambda: in_days(30))
    place_label = "Base 11/19, Loos-en-Gohelle"
    call_open = True
    published = True

    class Meta:
        model = Evening


class GuestFactory(factory.django.DjangoModelFactory):
    evening = factory.SubFactory(EveningFactory)
    name = factory.Sequence(lambda n: f"Invité {n}")
    role = GuestRole.ELECTED

    class Meta:
        model = Guest


class TalkFactory(factory.django.DjangoModelFactory):
    evening = factory.SubFactory(EveningFactory)
    title = factory.Sequence(lambda n: f"Notre jardin et la mairie {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title)[:80])
    status = TalkStatus.ACCEPTED
    origin = TalkOrigin.PROPOSED
    speaker_name = "Nadia B."
    summary = "Le jardin partagé de la cité, et ce que la coopération avec la ville a donné."

    class Meta:
        model = Talk


class TalkContactFactory(factory.django.DjangoModelFactory):
    talk = factory.SubFactory(TalkFactory)
    name = "Nadia Benali"
    email = factory.Sequence(lambda n: f"intervenante{n}@example.org")
    phone = "06 12 34 56 78"

    class Meta:
        model = TalkContact


class TextVersionFactory(factory.django.DjangoModelFactory):
    talk = factory.SubFactory(TalkFactory)
    number = factory.LazyAttribute(lambda o: o.talk.text_versions.count() + 1)
    body = (
        "Au début, nous étions quatre voisines et une friche.\n\n"
        "La ville nous a prêté une tonne de terre et un broyeur, mais il a fallu six mois "
        "pour obtenir la clé du local."
    )

    class Meta:
        model = TextVersion


class RemarkFactory(factory.django.DjangoModelFactory):
    talk = factory.SubFactory(TalkFactory)
    version = factory.SubFactory(TextVersionFactory, talk=factory.SelfAttribute("..talk"))
    kind = RemarkKind.SUGGESTION
    passage = "six mois"
    comment = "Préciser les dates rendrait le reproche plus fort."
    replacement = "six mois (de mars à septembre 2024)"
    author_name = "Claire D., journaliste"

    class Meta:
        model = Remark


class EvaluationFactory(factory.django.DjangoModelFactory):
    talk = factory.SubFactory(TalkFactory)
    what_worked = "Le prêt du matériel, rapide et sans paperasse."
    what_did_not = "Six mois pour une clé : personne ne savait qui décidait."
    town_should_change = "Nommer une personne qui répond, avec un délai."
    residents_rating = 5
    town_rating = 3

    class Meta:
        model = Evaluation


class TownAnswerFactory(factory.django.DjangoModelFactory):
    evaluation = factory.SubFactory(EvaluationFactory)
    body = "Vous avez raison : un référent par projet sera nommé dès la convention."
    signed_by = "Le maire de Loos-en-Gohelle"

    class Meta:
        model = TownAnswer


# The call (talks/call.py) ---------------------------------------------------------------------


def talk_proposal_form(*, evening: Evening, **overrides) -> dict:
    """POST data of ``/taidx/proposer/`` telling an initiative; ``None`` drops a field."""
    data = {
        "evening": str(evening.pk),
        "title": "Six mois pour une clé",
        "speaker_name": "Nadia B.",
        "summary": "Le jardin partagé de la cité, et les six mois pour obtenir la clé du local.",
        "project": "",
        "initiative": "Un jardin partagé ouvert par quatre voisines sur une friche de la cité.",
        "name": "Nadia Benali",
        "email": "nadia@example.org",
        "phone": "",
        "consent_contact": "on",
        "consent_public": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


# The speaker's text (text part) ------------------------------------------------------------


def taidx_member(*, group: str, username: str = "", full_name: str = "Claire Dumont"):
    """An admin account in one of the two Ch'ti TAIDx groups (``talks.permissions``)."""
    first_name, _space, last_name = full_name.partition(" ")
    user = get_user_model().objects.create_user(
        username or slugify(f"{group} {full_name}"),
        f"{slugify(full_name)}@exemple.fr",
        "pw",
        first_name=first_name,
        last_name=last_name,
    )
    user.groups.add(Group.objects.get(name=group))
    return user
