"""Demo Ch'ti TAIDx: the evening of 2019 whose recordings are in the archive, and the next one.

- « Ch'ti TAIDx 2019 »: four speakers, one openly critical of the town. Their recordings are
  the archive demo's four TAIDx oral histories; two tell a demo fifty-fifty project, two an
  initiative in a few lines. Each text has its versions, the journalist's remarks (suggestions
  accepted — the version they made names them —, refused with the speaker's reply, a comment
  seen), is final, and three are published. Each speaker evaluated the cooperation (ratings
  when the project has an agreement both sides agreed to); the town answered some, the mayor
  the critical one, and one waits for its answer.
- The next evening, some six weeks from the day the demo is loaded: the call is open, one
  proposal waits for the team's decision, the lead of a completed project is invited and has
  not answered, and two accepted speakers are writing (a suggestion waits for its answer).

Rows are made with the models directly, dated on each evening's own calendar. Idempotent: an
evening whose address exists is left as it is. People are invented (``@exemple.fr``)."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, Group
from django.db import transaction
from django.utils import timezone

from archive.models import ArchiveItemPage
from festival.models import Venue
from projects.models import Project
from talks.models import (
    Evaluation,
    Evening,
    Guest,
    GuestRole,
    Remark,
    RemarkKind,
    RemarkStatus,
    Talk,
    TalkContact,
    TalkOrigin,
    TalkStatus,
    TextVersion,
    TownAnswer,
)
from talks.permissions import HELPER_GROUP

LOCAL = timezone.get_default_timezone()  # the configured TIME_ZONE
PAST_EVENING_SLUG = "chti-taidx-2019"
PAST_EVENING_AT = datetime.datetime(2019, 11, 22, 19, 0, tzinfo=LOCAL)
# The next evening is this many days after the demo is loaded; its call closes three weeks before.
NEXT_EVENING_IN_DAYS = 40
JOURNALIST_USERNAME = "claire.dumont"
JOURNALIST_NAME = "Claire Dumont"
JOURNALIST_SIGNATURE = "Claire Dumont, journaliste"


# What happens to a text, in order -------------------------------------------------------------


@dataclass(frozen=True)
class Suggest:
    """The journalist remarks on the latest version; the speaker answers (or not yet)."""

    passage: str
    comment: str
    replacement: str = ""  # empty: a comment, not a suggested change
    outcome: str = RemarkStatus.OPEN
    reply: str = ""


@dataclass(frozen=True)
class Rewrite:
    """The speaker saves a new version: passages of the latest one replaced."""

    note: str
    changes: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Rating:
    residents: int
    town: int
    comment: str


@dataclass(frozen=True)
class DemoEvaluation:
    what_worked: str
    what_did_not: str
    town_should_change: str
    rating: Rating | None = None  # only when the project has an agreement both sides agreed to
    answer: tuple[str, str] | None = None  # (the town's text, signed by)


@dataclass(frozen=True)
class DemoTalk:
    slug: str
    title: str
    speaker_name: str
    summary: str
    contact: tuple[str, str]
    status: str = TalkStatus.ACCEPTED
    origin: str = TalkOrigin.PROPOSED
    project: str = ""  # a demo project's slug, or the initiative below
    initiative: str = ""
    recording: str = ""  # the archive item's slug
    first_version: str = ""
    steps: tuple[Suggest | Rewrite, ...] = ()
    final: bool = False
    publish_text: bool = False
    evaluation: DemoEvaluation | None = None


@dataclass(frozen=True)
class DemoEvening:
    slug: str
    title: str
    introduction: str
    venue: str
    place_label: str
    guests: tuple[tuple[str, str], ...]
    talks: tuple[DemoTalk, ...]
    call_open: bool = False


NADIA = DemoTalk(
    slug="nadia-b-jardin-partage",
    title="Un jardin partagé : notre moitié, et celle de la ville",
    speaker_name="Nadia B.",
    summary="Le jardin partagé de la cité des Provinces, né d'un cahier de voisines ; la ville "
    "a préparé le terrain, mais l'eau est arrivée trois mois en retard, et personne ne savait "
    "qui décidait.",
    contact=("Nadia Benyahia", "nadia.b@exemple.fr"),
    project="jardin-partage-cite-des-provinces",
    initiative="Le jardin partagé de la cité des Provinces, travaillé par vingt-deux familles.",
    recording="taidx-nadia-b-jardin-partage",
    first_version=(
        "Il y a cinq ans, en face de chez moi, il y avait un terrain vague plein de ronces et "
        "de sacs plastiques. Avec trois voisines, on a fait le tour de la cité avec un cahier : "
        "la moitié des gens voulaient un jardin, comme les anciens en avaient.\n\n"
        "On est allées à la mairie. On nous a dit : d'accord, mais moitié-moitié. Nous avons "
        "tenu notre moitié : les bacs, les semis, l'entretien, chaque semaine, même l'hiver.\n\n"
        "La ville, elle, a mis trois mois de plus que promis pour amener l'eau. Tout l'été, on "
        "a porté des bidons depuis nos cuisines. On appelait, on nous renvoyait d'un service à "
        "l'autre, personne ne savait qui décidait. Le fifty-fifty, cet été-là, c'était "
        "quatre-vingts pour nous et vingt pour la mairie.\n\n"
        "Aujourd'hui, vingt-deux familles ont une parcelle. Le jardin marche, mais il marche "
        "parce que les voisins ont tenu bon, pas grâce à l'organisation de la ville."
    ),
    steps=(
        Suggest(
            passage="trois mois de plus que promis",
            comment="Des dates précises rendent le reproche incontestable.",
            replacement="trois mois de plus que promis (l'eau devait arriver en avril, elle "
            "est arrivée en juillet)",
            outcome=RemarkStatus.ACCEPTED,
        ),
        Suggest(
            passage="pas grâce à l'organisation de la ville.",
            comment="La phrase peut sembler injuste pour les agents qui vous ont aidées ; "
            "une formulation plus nuancée ?",
            replacement="avec l'aide de la ville, malgré les retards.",
            outcome=RemarkStatus.REFUSED,
            reply="Non : c'est exactement ce que je pense, et c'est pour le dire qu'on m'a "
            "invitée. Je garde ma phrase.",
        ),
        Suggest(
            passage="quatre-vingts pour nous et vingt pour la mairie",
            comment="L'image est forte : le public la retiendra.",
            outcome=RemarkStatus.SEEN,
        ),
        Rewrite(
            note="Ajout de ce que je demande à la ville.",
            changes=(
                (
                    "pas grâce à l'organisation de la ville.",
                    "pas grâce à l'organisation de la ville.\n\n"
                    "Ce que je demande, c'est simple : une seule personne à appeler, qui "
                    "réponde dans la semaine, et les délais de la ville écrits noir sur blanc.",
                ),
            ),
        ),
    ),
    final=True,
    publish_text=True,
    evaluation=DemoEvaluation(
        what_worked="Le terrain préparé comme promis, et l'accueil de la première réunion : "
        "on ne nous a pas dit non.",
        what_did_not="L'eau arrivée avec trois mois de retard ; personne pour répondre au "
        "téléphone, on nous renvoyait d'un service à l'autre.",
        town_should_change="Un interlocuteur unique par projet, qui réponde dans la semaine, et "
        "les délais de la ville écrits dans la convention.",
        rating=Rating(
            residents=5,
            town=2,
            comment="Nous avons tenu notre moitié. La ville a tenu la sienne, mais en retard et "
            "après des dizaines de relances.",
        ),
        answer=(
            "Madame, vous avez raison, et nous vous devons des excuses : le retard de l'eau "
            "était de notre fait. Depuis janvier 2020, chaque projet fifty-fifty a une personne "
            "référente aux services techniques, nommée dans la convention, et les délais de la "
            "ville y sont écrits.",
            "Le maire de Loos-en-Gohelle",
        ),
    ),
)

BERNARD = DemoTalk(
    slug="bernard-t-rue-fleurie",
    title="La rue de la Gare fleurie, maison par maison",
    speaker_name="Bernard T.",
    summary="Trois pots de géraniums, une voisine qui répond, et quarante et une maisons "
    "fleuries avec les jardiniers de la ville.",
    contact=("Bernard Thuillier", "bernard.t@exemple.fr"),
    project="rue-de-la-gare-fleurie",
    initiative="Les riverains de la rue de la Gare fleurissent leurs pieds de façade.",
    recording="taidx-bernard-t-rue-fleurie",
    first_version=(
        "J'ai travaillé trente-deux ans aux houillères, à l'entretien. À la retraite, je me suis "
        "rendu compte que je ne connaissais pas mes voisins. La rue était grise ; on y passait "
        "en voiture, c'est tout.\n\n"
        "Un jour, j'ai mis trois pots de géraniums devant ma porte. Le lendemain, la voisine "
        "d'en face en avait mis deux.\n\n"
        "On a écrit à la mairie. Les jardiniers sont venus découper le bitume au pied des "
        "façades et nous ont donné les plants. Nous, on a choisi, planté, et on arrose.\n\n"
        "La première année, on était huit maisons ; aujourd'hui, quarante et une."
    ),
    steps=(
        Suggest(
            passage="et nous ont donné les plants",
            comment="Vous m'avez raconté le conseil des jardiniers : il montre ce que la ville a "
            "apporté au-delà du matériel.",
            replacement="et nous ont donné les plants, en nous apprenant à choisir ceux qui "
            "tiennent sans arrosage",
            outcome=RemarkStatus.ACCEPTED,
        ),
        Suggest(
            passage="Un jour, j'ai mis trois pots de géraniums devant ma porte.",
            comment="Une ouverture plus courte, pour accrocher la salle ?",
            replacement="Tout a commencé par trois pots de géraniums.",
            outcome=RemarkStatus.REFUSED,
            reply="Je préfère le dire comme ça s'est passé, avec le « un jour ».",
        ),
    ),
    final=True,
    publish_text=True,
    evaluation=DemoEvaluation(
        what_worked="Les jardiniers de la ville sont venus quand ils l'avaient dit, et ils nous "
        "ont appris le métier.",
        what_did_not="Le deuxième printemps, les plants sont arrivés après la fête de la rue.",
        town_should_change="Caler les livraisons de plants sur le calendrier des habitants.",
        rating=Rating(
            residents=5, town=5, comment="Chacun a fait ce qu'il avait promis, et même un peu plus."
        ),
        answer=(
            "Bien noté : les plants de la rue de la Gare sont désormais commandés en janvier, "
            "pour être là avant la fête de printemps.",
            "Le responsable du service des espaces verts",
        ),
    ),
)

SYLVIE = DemoTalk(
    slug="sylvie-m-guide-des-terrils",
    title="Guider les visiteurs sur les terrils de mon père",
    speaker_name="Sylvie M.",
    summary="Fille de mineur, devenue guide bénévole : la formation avec les naturalistes, les "
    "visites du dimanche, et les clés qu'il fallait demander chaque semaine.",
    contact=("Sylvie Marchand", "sylvie.m@exemple.fr"),
    initiative="Douze guides bénévoles, formés avec les naturalistes, font visiter les terrils "
    "jumeaux chaque dimanche au départ de la Base 11/19.",
    recording="taidx-sylvie-m-guide-des-terrils",
    first_version=(
        "Quand j'étais petite, ma mère m'interdisait de monter sur le terril. J'y suis montée "
        "pour la première fois à quarante ans : des orchidées, des lézards, et toute la plaine "
        "jusqu'à Lens.\n\n"
        "J'ai proposé à la mairie d'accompagner des visiteurs. Elle a payé notre formation "
        "avec les naturalistes. Aujourd'hui, nous sommes douze guides."
    ),
    steps=(
        Suggest(
            passage="Aujourd'hui, nous sommes douze guides.",
            comment="Vous pourriez dire aussi ce qui a coincé : vous m'en avez parlé.",
            outcome=RemarkStatus.SEEN,
        ),
        Rewrite(
            note="J'ai ajouté l'histoire des clés.",
            changes=(
                (
                    "Aujourd'hui, nous sommes douze guides.",
                    "Aujourd'hui, nous sommes douze guides. Pendant un an, il a fallu demander "
                    "la clé du local chaque dimanche à un accueil fermé le week-end : on "
                    "attendait le gardien sur le parking, avec les visiteurs.",
                ),
            ),
        ),
    ),
    final=True,
    publish_text=False,  # she let the recording speak for her
    evaluation=DemoEvaluation(
        what_worked="La formation avec les naturalistes, payée par la ville, et le sentier "
        "tracé ensemble.",
        what_did_not="Les clés du local de la Base 11/19 : il fallait les demander chaque "
        "dimanche à un accueil fermé le week-end.",
        town_should_change="Confier aux bénévoles une clé et un placard à eux, et leur faire "
        "confiance.",
        answer=(
            "Depuis janvier 2020, les guides ont leur clé et un placard dans la lampisterie.",
            "Le directeur des services techniques",
        ),
    ),
)

KEVIN = DemoTalk(
    slug="kevin-l-atelier-reparation",
    title="Réparer ensemble, un samedi par mois",
    speaker_name="Kévin L.",
    summary="Un grille-pain, un grand-père électricien du fond, et un atelier où anciens et "
    "jeunes réparent ensemble à la salle des fêtes.",
    contact=("Kévin Lefort", "kevin.l@exemple.fr"),
    initiative="Un atelier de réparation ouvert à tous, un samedi par mois à la salle des fêtes, "
    "tenu par le conseil des jeunes et des anciens mineurs.",
    recording="taidx-kevin-l-atelier-reparation",
    first_version=(
        "Tout a commencé avec un grille-pain en panne. Mon grand-père, électricien au fond, me "
        "l'a pris des mains et l'a réparé en dix minutes.\n\n"
        "Au conseil des jeunes, on a proposé un atelier où les anciens et les jeunes se "
        "rencontrent. La ville nous prête la salle des fêtes et a acheté les outils.\n\n"
        "En un an, on a réparé beaucoup d'objets."
    ),
    steps=(
        Suggest(
            passage="beaucoup d'objets",
            comment="Un chiffre parle plus qu'un adjectif.",
            replacement="trois cents objets : des vélos, des lampes, des machines à coudre",
            outcome=RemarkStatus.ACCEPTED,
        ),
        Suggest(
            passage="La ville nous prête la salle des fêtes et a acheté les outils.",
            comment="Vous m'avez parlé des samedis où la salle était louée : le dire ici ?",
            replacement="La ville nous prête la salle des fêtes, quand elle n'est pas louée "
            "pour un mariage, et a acheté les outils.",
            outcome=RemarkStatus.REFUSED,
            reply="Je le dis dans mon évaluation ; dans le texte, je veux parler de l'atelier.",
        ),
        Rewrite(
            note="Une fin pour remercier les anciens.",
            changes=(
                (
                    "des machines à coudre.",
                    "des machines à coudre.\n\nRéparer, finalement, ça répare aussi autre "
                    "chose : je n'aurais jamais cru entendre mon grand-père raconter le fond "
                    "devant vingt jeunes.",
                ),
            ),
        ),
    ),
    final=True,
    publish_text=True,
    evaluation=DemoEvaluation(
        what_worked="La salle prêtée un samedi par mois et l'achat des outils, sans dossier "
        "compliqué.",
        what_did_not="Trois fois, la salle a été louée pour un mariage le samedi de l'atelier, "
        "et on l'a appris la veille.",
        town_should_change="Réserver les dates de l'atelier pour l'année, et prévenir un mois "
        "avant s'il faut changer.",
    ),
)

MARTINE = DemoTalk(
    slug="martine-d-ramassage-terrils",
    title="Un samedi par mois au pied des terrils",
    speaker_name="Martine D.",
    summary="Le ramassage des déchets au pied des terrils jumeaux : les habitants ramassent, "
    "la ville emporte les sacs ; ce qui a changé depuis le premier samedi.",
    contact=("Martine Delattre", "martine.delattre@exemple.fr"),
    project="ramassage-terrils-jumeaux",
    initiative="Un ramassage mensuel des déchets au pied des terrils jumeaux.",
    first_version=(
        "Le premier samedi, nous étions vingt-deux et nous avons rempli soixante et un sacs. "
        "Il y avait un frigo et deux pneus.\n\n"
        "Le lundi, le camion de la ville est passé prendre les sacs, comme promis."
    ),
    steps=(
        Suggest(
            passage="comme promis.",
            comment="Vous pourriez dire ce que la ville a fait ensuite, sans qu'on le demande.",
            replacement="comme promis. Un mois plus tard, elle posait deux poubelles au départ "
            "du chemin.",
            outcome=RemarkStatus.ACCEPTED,
        ),
        Suggest(
            passage="Il y avait un frigo et deux pneus.",
            comment="Qui les avait jetés là ? Le public se le demandera.",
            replacement="Il y avait un frigo et deux pneus, jetés depuis le chemin de service.",
        ),
    ),
)

MAM = DemoTalk(
    slug="quatre-amies-de-la-mam",
    title="Quatre amies et une maison pour les tout-petits",
    speaker_name="Les quatre amies de la MAM",
    summary="Quatre assistantes maternelles ouvrent une maison pour seize enfants dans "
    "l'ancienne école de la cité 5 ; ce que la ville a facilité, et ce qu'elle a compliqué.",
    contact=("Aurélie Wiart", "aurelie.wiart@exemple.fr"),
    origin=TalkOrigin.INVITED,
    initiative="Une maison d'assistantes maternelles ouverte par quatre amies dans l'ancienne "
    "école de la cité 5 : la ville a trouvé le local, les amies ont fait les travaux.",
    first_version=(
        "Nous étions quatre amies, assistantes maternelles chacune chez soi. On a eu l'idée "
        "d'une maison à nous, pour seize enfants.\n\n"
        "La mairie nous a montré l'ancienne école de la cité 5. Les travaux, on les a faits "
        "nous-mêmes, le soir, pendant huit mois."
    ),
    steps=(
        Suggest(
            passage="pendant huit mois",
            comment="Qu'est-ce qui a pris le plus de temps : les travaux ou les autorisations ?",
        ),
    ),
)

DYLAN = DemoTalk(
    slug="dylan-c-skatepark",
    title="On nous a dit non, et on nous a expliqué pourquoi",
    speaker_name="Dylan C.",
    summary="Notre projet de skatepark a été refusé : le terrain est pollué et c'était trop "
    "cher. Je veux raconter comment un non bien expliqué nous a fait avancer.",
    contact=("Dylan Caron", "dylan.caron@exemple.fr"),
    status=TalkStatus.PROPOSED,
    project="skatepark-carreau-fosse-12",
    initiative="Les jeunes du skate cherchent un lieu pour rouler.",
)

SYLVIE_INVITED = DemoTalk(
    slug="sylvie-m-sentier-balise",
    title="Le sentier balisé des terrils",
    speaker_name="Sylvie M.",
    summary="Le sentier balisé sur les terrils, un projet fifty-fifty terminé : ce qui a "
    "marché, et l'année d'attente de l'accord du propriétaire.",
    contact=("Sylvie Marchand", "sylvie.m@exemple.fr"),
    status=TalkStatus.INVITED,
    origin=TalkOrigin.INVITED,
    project="sentier-balise-terrils",
    initiative="Un sentier balisé de quatre kilomètres sur les terrils jumeaux.",
)

PAST_EVENING = DemoEvening(
    slug=PAST_EVENING_SLUG,
    title="Ch'ti TAIDx 2019",
    introduction="Quatre habitants racontent, en dix minutes chacun, un projet porté avec la "
    "ville, et disent librement comment la coopération s'est passée.",
    venue="base-11-19",
    place_label="Base 11/19, Loos-en-Gohelle",
    guests=(
        ("Le maire de Loos-en-Gohelle", GuestRole.MAYOR),
        ("Isabelle Lemaire, adjointe à la participation", GuestRole.ELECTED),
        ("Thierry Vasseur, directeur des services techniques", GuestRole.STAFF),
        (JOURNALIST_SIGNATURE, GuestRole.JOURNALIST),
    ),
    talks=(NADIA, BERNARD, SYLVIE, KEVIN),
)


def _next_evening(*, now: datetime.datetime) -> DemoEvening:
    year = (now + datetime.timedelta(days=NEXT_EVENING_IN_DAYS)).year
    return DemoEvening(
        slug=f"chti-taidx-{year}",
        title=f"Ch'ti TAIDx {year}",
        introduction="Des habitants racontent un projet mené avec la ville et disent, en toute "
        "indépendance, ce qui a marché et ce qui doit changer. Le maire, les élus et les "
        "services sont dans la salle pour écouter.",
        venue="base-11-19",
        place_label="Base 11/19, Loos-en-Gohelle",
        guests=(
            ("Le maire de Loos-en-Gohelle", GuestRole.MAYOR),
            (JOURNALIST_SIGNATURE, GuestRole.JOURNALIST),
        ),
        talks=(MARTINE, MAM, DYLAN, SYLVIE_INVITED),
        call_open=True,
    )


def demo_evenings(*, now: datetime.datetime) -> list[DemoEvening]:
    return [PAST_EVENING, _next_evening(now=now)]


EVENINGS = 2  # for the progress bar


# The journalist ---------------------------------------------------------------------------------


def ensure_journalist(*, password: str | None = None) -> AbstractBaseUser:
    """Claire Dumont, the « Accompagnement » helper; with ``password`` (the demo's, printed by
    ``load_demo_data``) she can sign in to try the writing support's side."""
    user_model = get_user_model()
    user = user_model.objects.filter(username=JOURNALIST_USERNAME).first()
    if user is None:
        user = user_model(
            username=JOURNALIST_USERNAME,
            first_name="Claire",
            last_name="Dumont",
            email="claire.dumont@exemple.fr",
        )
        user.set_unusable_password()
        user.save()
    if password is not None and not user.check_password(password):
        user.set_password(password)
        user.save(update_fields=["password"])
    user.groups.add(Group.objects.get(name=HELPER_GROUP))
    return user


# Building an evening ----------------------------------------------------------------------------


def _create_evening(demo: DemoEvening, *, starts_at: datetime.datetime, call_open: bool) -> Evening:
    evening = Evening.objects.create(
        slug=demo.slug,
        title=demo.title,
        introduction=demo.introduction,
        starts_at=starts_at,
        venue=Venue.objects.filter(slug=demo.venue).first(),
        place_label=demo.place_label,
        call_open=call_open,
        call_closes_on=(starts_at - datetime.timedelta(days=21)).date() if call_open else None,
        published=True,
    )
    Guest.objects.bulk_create(
        Guest(evening=evening, name=name, role=role, position=position)
        for position, (name, role) in enumerate(demo.guests)
    )
    return evening


def _create_talk(
    demo: DemoTalk, *, evening: Evening, position: int, received: datetime.datetime
) -> Talk:
    project = Project.objects.filter(slug=demo.project).first() if demo.project else None
    talk = Talk.objects.create(
        evening=evening,
        slug=demo.slug,
        status=demo.status,
        origin=demo.origin,
        position=position,
        title=demo.title,
        speaker_name=demo.speaker_name,
        summary=demo.summary,
        project=project,
        # Without the projects' demo, the talk still says what it tells.
        initiative="" if project else demo.initiative,
        recording=ArchiveItemPage.objects.filter(slug=demo.recording).first()
        if demo.recording
        else None,
        publish_text=demo.publish_text,
        decided_at=received + datetime.timedelta(days=5)
        if demo.status == TalkStatus.ACCEPTED
        else None,
    )
    name, email = demo.contact
    TalkContact.objects.create(talk=talk, name=name, email=email)
    Talk.objects.filter(pk=talk.pk).update(created_at=received)
    return talk


def _write(
    demo: DemoTalk, talk: Talk, *, journalist: AbstractBaseUser, start: datetime.datetime
) -> datetime.datetime:
    """The text's history, one step every four days from ``start``; returns the last date."""
    when = start
    latest = TextVersion.objects.create(talk=talk, number=1, body=demo.first_version)
    TextVersion.objects.filter(pk=latest.pk).update(created_at=when)
    for step in demo.steps:
        when += datetime.timedelta(days=4)
        if isinstance(step, Rewrite):
            body = latest.body
            for old, new in step.changes:
                if old not in body:
                    raise ValueError(f"« {old} » n'est pas dans le texte de {demo.slug}")
                body = body.replace(old, new, 1)
            latest = _version(talk, latest, body=body, note=step.note, when=when)
            continue
        if step.passage not in latest.body:
            raise ValueError(f"« {step.passage} » n'est pas dans le texte de {demo.slug}")
        remark = Remark.objects.create(
            talk=talk,
            version=latest,
            kind=RemarkKind.SUGGESTION if step.replacement else RemarkKind.COMMENT,
            passage=step.passage,
            comment=step.comment,
            replacement=step.replacement,
            status=step.outcome,
            author=journalist,
            author_name=JOURNALIST_NAME,
            speaker_reply=step.reply,
            decided_at=None
            if step.outcome == RemarkStatus.OPEN
            else when + datetime.timedelta(days=2),
        )
        Remark.objects.filter(pk=remark.pk).update(created_at=when)
        if step.outcome == RemarkStatus.ACCEPTED:
            latest = _version(
                talk,
                latest,
                body=latest.body.replace(step.passage, step.replacement, 1),
                note=f"Suggestion de {JOURNALIST_NAME} acceptée",
                when=when + datetime.timedelta(days=2),
                from_remark=remark,
            )
    return when


def _version(
    talk: Talk,
    latest: TextVersion,
    *,
    body: str,
    note: str,
    when: datetime.datetime,
    from_remark: Remark | None = None,
) -> TextVersion:
    version = TextVersion.objects.create(
        talk=talk, number=latest.number + 1, body=body, note=note, from_remark=from_remark
    )
    TextVersion.objects.filter(pk=version.pk).update(created_at=when)
    return version


def _evaluate(demo: DemoEvaluation, talk: Talk, *, when: datetime.datetime) -> None:
    rating = demo.rating
    # Ratings only against an agreement both sides agreed to.
    if rating and not (talk.project and talk.project.agreements.agreed().exists()):
        rating = None
    evaluation = Evaluation.objects.create(
        talk=talk,
        what_worked=demo.what_worked,
        what_did_not=demo.what_did_not,
        town_should_change=demo.town_should_change,
        residents_rating=rating.residents if rating else None,
        town_rating=rating.town if rating else None,
        ratings_comment=rating.comment if rating else "",
    )
    Evaluation.objects.filter(pk=evaluation.pk).update(submitted_at=when, updated_at=when)
    if demo.answer:
        body, signed_by = demo.answer
        answer = TownAnswer.objects.create(evaluation=evaluation, body=body, signed_by=signed_by)
        TownAnswer.objects.filter(pk=answer.pk).update(
            published_at=when + datetime.timedelta(days=30)
        )


def _build(demo: DemoEvening, *, starts_at: datetime.datetime, now: datetime.datetime) -> Evening:
    journalist = ensure_journalist()
    evening = _create_evening(demo, starts_at=starts_at, call_open=demo.call_open)
    # The evening's calendar: proposals two months before, texts written until the last week.
    received = min(starts_at - datetime.timedelta(days=60), now - datetime.timedelta(days=25))
    accepted = [talk for talk in demo.talks if talk.status == TalkStatus.ACCEPTED]
    for offset, talk_demo in enumerate(demo.talks):
        position = accepted.index(talk_demo) + 1 if talk_demo in accepted else 0
        talk = _create_talk(
            talk_demo,
            evening=evening,
            position=position,
            received=received + datetime.timedelta(days=offset),
        )
        if not talk_demo.first_version:
            continue
        written = _write(
            talk_demo,
            talk,
            journalist=journalist,
            start=received + datetime.timedelta(days=7 + offset),
        )
        if talk_demo.final:
            Talk.objects.filter(pk=talk.pk).update(
                text_final_at=max(written, starts_at - datetime.timedelta(days=7))
            )
        if talk_demo.evaluation:
            _evaluate(talk_demo.evaluation, talk, when=starts_at + datetime.timedelta(days=7))
    Evening.objects.filter(pk=evening.pk).update(created_at=received)
    return evening


def next_evening_starts_at(*, now: datetime.datetime) -> datetime.datetime:
    day = (now + datetime.timedelta(days=NEXT_EVENING_IN_DAYS)).astimezone(LOCAL).date()
    return datetime.datetime.combine(day, datetime.time(19, 0), tzinfo=LOCAL)


def ensure_evenings(*, now: datetime.datetime | None = None) -> Iterator[Evening]:
    """The demo's evenings, each created with everything in it if its address is free."""
    now = now or timezone.now()
    starts = [PAST_EVENING_AT, next_evening_starts_at(now=now)]
    for demo, starts_at in zip(demo_evenings(now=now), starts, strict=True):
        evening = Evening.objects.filter(slug=demo.slug).first()
        if evening is None:
            with transaction.atomic():
                evening = _build(demo, starts_at=starts_at, now=now)
        yield evening
