"""Demo fifty-fifty projects: the whole cycle at once, dated from the day the demo is loaded.

One proposal just received, one in study, one declined with its reason, one accepted with
changes whose agreement waits for the residents, one agreed at its second version, two running
with work days to come, three completed with their reports (two of them told at the Ch'ti
TAIDx 2019 of the archive's demo). Idempotent: a project whose address exists is left as it is.

Contacts are invented (``@exemple.fr``, a domain that receives no mail)."""

from __future__ import annotations

import contextlib
import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from archive.models import Place
from festival.volunteers.models import Shift, Signup, SignupStatus, Volunteer, VolunteerRole
from projects.agreements import agreement_agree, agreement_version_create
from projects.archiving import ProjectNotArchivable, project_archive
from projects.models import (
    CompletionReport,
    Decision,
    ProgressUpdate,
    Project,
    ProjectContact,
    ProjectKind,
    ProjectStatus,
    RequestKind,
    Side,
    TownRequest,
    UpdateStatus,
    WorkDay,
)

# A line of the agreement: (side, kind, description, value €, responsible, people, hours).
Line = tuple[str, str, str, str | None, str, int | None, str | None]


@dataclass
class DemoProject:
    slug: str
    title: str
    kind: str
    status: str
    place: str  # an archive place's slug, or "" with an address in words
    need: str
    commitment: str
    carrier_name: str
    contact: tuple[str, str]
    proposed_days_ago: int
    requests: list[tuple[str, str, str | None]] = field(default_factory=list)
    # (days after the proposal, status, public answer)
    decisions: list[tuple[int, str, str]] = field(default_factory=list)
    # Each version's lines; the last is the one in force. ``agreed`` says who agreed to it.
    versions: list[list[Line]] = field(default_factory=list)
    agreed: tuple[bool, bool] = (False, False)
    address: str = ""
    upkeep: str = ""
    # Share of each agreed line actually delivered (completed projects): 1 = as promised.
    delivered: float | None = None
    updates: list[tuple[int, str, str, str]] = field(default_factory=list)  # days ago, side, status
    report: tuple[str, str, str] | None = None  # residents', town's, town's signature
    work_days: list[tuple[int, str, str]] = field(default_factory=list)  # in days, title, where
    # Told at the 2019 Ch'ti TAIDx (the talks' demo links its talk to it): proposed before.
    told_in_2019: bool = False
    becomes_archive_item: bool = False


TOWN_SERVICES = "Services techniques de la ville"
GREEN_SPACES = "Service des espaces verts"

PROJECTS = [
    DemoProject(
        slug="nichoirs-cite-du-11",
        title="Des nichoirs pour les mésanges de la cité du 11",
        kind=ProjectKind.OTHER,
        status=ProjectStatus.RECEIVED,
        place="cite-du-11",
        need="Les chenilles processionnaires gagnent les pins de la cité ; les mésanges les "
        "mangent, mais elles n'ont plus où nicher depuis l'abattage des vieux arbres.",
        commitment="Les enfants du centre de loisirs et quatre parents fabriquent vingt nichoirs "
        "en deux mercredis et les posent avec l'association ornithologique.",
        carrier_name="Les parents du centre de loisirs",
        contact=("Sandrine Wojcik", "sandrine.wojcik@exemple.fr"),
        proposed_days_ago=2,
        requests=[
            (RequestKind.MATERIALS, "Planches de bois non traité pour vingt nichoirs", None),
            (RequestKind.EQUIPMENT, "Prêt d'une nacelle pour les poser en hauteur", None),
        ],
    ),
    DemoProject(
        slug="boite-a-livres-place-republique",
        title="Un banc et une boîte à livres place de la République",
        kind=ProjectKind.OTHER,
        status=ProjectStatus.IN_STUDY,
        place="place-de-la-republique",
        need="Sur la place, on attend le bus debout et les livres lus dorment dans les armoires.",
        commitment="Le club de menuiserie fabrique la boîte ; trois voisins la rangent chaque "
        "semaine.",
        carrier_name="Le club de menuiserie des Provinces",
        contact=("Ahmed Bouzid", "ahmed.bouzid@exemple.fr"),
        proposed_days_ago=20,
        requests=[
            (RequestKind.AUTHORISATION, "Autorisation de poser la boîte sur la place", None),
            (RequestKind.MONEY, "Bois et quincaillerie", "180.00"),
        ],
        decisions=[
            (
                6,
                ProjectStatus.IN_STUDY,
                "Le service technique vérifie avec le Département que la boîte ne gêne pas "
                "l'arrêt de bus ; réponse attendue sous trois semaines.",
            )
        ],
    ),
    DemoProject(
        slug="skatepark-carreau-fosse-12",
        title="Un skatepark sur le carreau de la fosse 12",
        kind=ProjectKind.SPORT,
        status=ProjectStatus.DECLINED,
        place="fosse-12",
        need="Les jeunes de la ville font du skate sur le parking de la salle des sports, entre "
        "les voitures.",
        commitment="Douze jeunes et deux animateurs dessinent les modules et aident au coffrage.",
        carrier_name="Les jeunes du skate",
        contact=("Dylan Caron", "dylan.caron@exemple.fr"),
        proposed_days_ago=75,
        requests=[(RequestKind.MONEY, "Béton et modules", "45000.00")],
        decisions=[
            (
                10,
                ProjectStatus.IN_STUDY,
                "Nous regardons le terrain et le coût avec vous.",
            ),
            (
                40,
                ProjectStatus.DECLINED,
                "Le carreau de la fosse 12 est un site pollué dont la dépollution n'est pas "
                "faite : on ne peut pas y couler de béton. Le coût (45 000 €) dépasse aussi ce "
                "que le fifty-fifty peut apporter. Nous vous proposons d'étudier ensemble des "
                "modules mobiles sur le parking de la salle des sports : revenez nous voir.",
            ),
        ],
    ),
    DemoProject(
        slug="atelier-reparation-velos",
        title="Un atelier de réparation de vélos à la Base 11/19",
        kind=ProjectKind.PREMISES,
        status=ProjectStatus.ACCEPTED_WITH_CHANGES,
        place="base-11-19",
        need="Des vélos dorment dans les garages faute d'une chambre à air ; d'autres habitants "
        "n'ont pas de vélo pour aller au travail.",
        commitment="Cinq bénévoles tiennent l'atelier deux samedis par mois et forment qui veut.",
        carrier_name="Association Roue libre",
        contact=("Kévin Lefort", "kevin.lefort@exemple.fr"),
        proposed_days_ago=50,
        requests=[
            (RequestKind.EQUIPMENT, "Un local avec l'électricité", None),
            (RequestKind.MONEY, "Outillage", "1200.00"),
        ],
        decisions=[
            (
                15,
                ProjectStatus.ACCEPTED_WITH_CHANGES,
                "Oui, dans l'ancienne lampisterie plutôt que dans un local neuf ; l'outillage "
                "est pris en charge à hauteur de 800 €, le reste par une collecte de vélos.",
            )
        ],
        versions=[
            [
                (
                    Side.TOWN,
                    RequestKind.EQUIPMENT,
                    "Mise à disposition de l'ancienne lampisterie, électricité comprise",
                    "1500.00",
                    TOWN_SERVICES,
                    None,
                    None,
                ),
                (
                    Side.TOWN,
                    RequestKind.MONEY,
                    "Outillage",
                    "800.00",
                    "Service des finances",
                    None,
                    None,
                ),
                (
                    Side.RESIDENTS,
                    "",
                    "Ouvrir l'atelier deux samedis par mois",
                    None,
                    "Kévin L.",
                    5,
                    "192",
                ),
            ]
        ],
        agreed=(True, False),
    ),
    DemoProject(
        slug="local-harmonie-municipale",
        title="Rénover le local de l'harmonie municipale",
        kind=ProjectKind.PREMISES,
        status=ProjectStatus.AGREED,
        place="",
        address="Salle Jean-Jaurès, rue Jean-Jaurès",
        need="Le local de répétition prend l'eau ; l'harmonie, qui joue à chaque Gohelliades, "
        "répète dans le froid.",
        commitment="Les musiciens décapent, isolent et repeignent ; la ville refait la toiture.",
        carrier_name="L'harmonie municipale",
        contact=("Gérard Leroy", "gerard.leroy@exemple.fr"),
        proposed_days_ago=120,
        requests=[
            (RequestKind.EQUIPMENT, "Réfection de la toiture", None),
            (RequestKind.MATERIALS, "Peinture et isolant", None),
        ],
        decisions=[
            (
                20,
                ProjectStatus.IN_STUDY,
                "Un technicien passe voir la toiture la semaine prochaine.",
            ),
            (
                45,
                ProjectStatus.ACCEPTED,
                "Accepté : la toiture est à la charge de la ville, "
                "l'intérieur à celle des musiciens.",
            ),
        ],
        versions=[
            [
                (
                    Side.TOWN,
                    RequestKind.EQUIPMENT,
                    "Réfection de la toiture",
                    "6000.00",
                    TOWN_SERVICES,
                    None,
                    None,
                ),
                (
                    Side.TOWN,
                    RequestKind.MATERIALS,
                    "Peinture et isolant",
                    "900.00",
                    TOWN_SERVICES,
                    None,
                    None,
                ),
                (
                    Side.RESIDENTS,
                    "",
                    "Décaper, isoler et repeindre la salle",
                    None,
                    "Gérard L.",
                    8,
                    "160",
                ),
            ],
            [
                (
                    Side.TOWN,
                    RequestKind.EQUIPMENT,
                    "Réfection de la toiture",
                    "6000.00",
                    TOWN_SERVICES,
                    None,
                    None,
                ),
                (
                    Side.TOWN,
                    RequestKind.MATERIALS,
                    "Peinture, isolant et sous-couche",
                    "1100.00",
                    TOWN_SERVICES,
                    None,
                    None,
                ),
                (
                    Side.TOWN,
                    RequestKind.COACHING,
                    "Conseils d'un peintre des services techniques, deux demi-journées",
                    None,
                    TOWN_SERVICES,
                    None,
                    None,
                ),
                (
                    Side.RESIDENTS,
                    "",
                    "Décaper, isoler et repeindre la salle",
                    None,
                    "Gérard L.",
                    10,
                    "200",
                ),
                (
                    Side.RESIDENTS,
                    "",
                    "Nettoyer et entretenir la salle ensuite",
                    None,
                    "Gérard L.",
                    2,
                    "24",
                ),
            ],
        ],
        agreed=(True, True),
    ),
    DemoProject(
        slug="ramassage-terrils-jumeaux",
        title="Ramasser les déchets autour des terrils jumeaux",
        kind=ProjectKind.CLEANING,
        status=ProjectStatus.RUNNING,
        place="terrils-jumeaux",
        need="Des déchets s'accumulent au pied des terrils, sur les chemins des promeneurs.",
        commitment="Un samedi matin par mois, des habitants ramassent ; chacun peut venir.",
        carrier_name="Les amis des terrils",
        contact=("Martine Delattre", "martine.delattre@exemple.fr"),
        proposed_days_ago=200,
        requests=[
            (RequestKind.EQUIPMENT, "Gants, pinces et sacs", None),
            (RequestKind.EQUIPMENT, "Enlèvement des sacs par le camion de la ville", None),
        ],
        decisions=[
            (
                12,
                ProjectStatus.ACCEPTED,
                "Accepté tel quel : les services techniques passent "
                "prendre les sacs le lundi suivant chaque ramassage.",
            ),
        ],
        versions=[
            [
                (
                    Side.TOWN,
                    RequestKind.EQUIPMENT,
                    "Gants, pinces et sacs pour trente personnes",
                    "350.00",
                    TOWN_SERVICES,
                    None,
                    None,
                ),
                (
                    Side.TOWN,
                    RequestKind.EQUIPMENT,
                    "Enlèvement des sacs après chaque ramassage",
                    "600.00",
                    TOWN_SERVICES,
                    None,
                    None,
                ),
                (
                    Side.RESIDENTS,
                    "",
                    "Un ramassage par mois pendant un an",
                    None,
                    "Martine D.",
                    15,
                    "540",
                ),
            ]
        ],
        agreed=(True, True),
        updates=[
            (
                60,
                Side.RESIDENTS,
                UpdateStatus.PUBLISHED,
                "Premier ramassage : 22 personnes, 61 sacs, un frigo et deux pneus.",
            ),
            (
                30,
                Side.TOWN,
                UpdateStatus.PUBLISHED,
                "Les services ont posé deux poubelles au départ du chemin de randonnée.",
            ),
            (
                3,
                Side.RESIDENTS,
                UpdateStatus.PENDING,
                "Troisième ramassage : moins de déchets qu'au premier, les poubelles servent.",
            ),
        ],
        work_days=[
            (5, "Ramassage du mois", "Parking du 11/19, 9 h"),
            (33, "Ramassage du mois suivant", "Parking du 11/19, 9 h"),
        ],
    ),
    DemoProject(
        slug="haie-chemin-fosse-12",
        title="Une haie champêtre le long du chemin de la fosse 12",
        kind=ProjectKind.PLANTING,
        status=ProjectStatus.RUNNING,
        place="fosse-12",
        need="Le chemin est nu et venté ; une haie abriterait les oiseaux et les promeneurs.",
        commitment="Les riverains plantent 300 plants en deux journées et les paillent.",
        carrier_name="Les riverains du chemin de la fosse 12",
        contact=("Jean-Pierre Duhamel", "jp.duhamel@exemple.fr"),
        proposed_days_ago=150,
        requests=[
            (RequestKind.MATERIALS, "300 plants d'essences locales", None),
            (RequestKind.COACHING, "Conseils d'un jardinier pour la plantation", None),
        ],
        decisions=[
            (
                25,
                ProjectStatus.ACCEPTED,
                "Accepté : les plants viennent de la pépinière intercommunale.",
            ),
        ],
        versions=[
            [
                (
                    Side.TOWN,
                    RequestKind.MATERIALS,
                    "300 plants d'essences locales et paillage",
                    "1400.00",
                    GREEN_SPACES,
                    None,
                    None,
                ),
                (
                    Side.TOWN,
                    RequestKind.COACHING,
                    "Un jardinier présent aux deux journées",
                    None,
                    GREEN_SPACES,
                    None,
                    None,
                ),
                (
                    Side.RESIDENTS,
                    "",
                    "Planter et pailler en deux journées",
                    None,
                    "Jean-Pierre D.",
                    20,
                    "160",
                ),
                (Side.RESIDENTS, "", "Arroser le premier été", None, "Jean-Pierre D.", 4, "40"),
            ]
        ],
        agreed=(True, True),
        upkeep="Arrosage le premier été, taille une fois l'an avec les espaces verts.",
        work_days=[(12, "Journée de plantation", "Entrée du chemin, rue de la Fosse 12")],
    ),
    DemoProject(
        slug="jardin-partage-cite-des-provinces",
        title="Le jardin partagé de la cité des Provinces",
        kind=ProjectKind.GARDEN,
        status=ProjectStatus.COMPLETED,
        place="cite-des-provinces",
        need="Un terrain vague plein de ronces au pied du terril ; des voisins sans jardin.",
        commitment="Les voisins défrichent, plantent et entretiennent les parcelles.",
        carrier_name="Les voisins de la cité des Provinces",
        contact=("Nadia Benyahia", "nadia.b@exemple.fr"),
        proposed_days_ago=0,  # dated below from 2017, before the talk of 2019
        requests=[
            (RequestKind.EQUIPMENT, "Préparer le terrain", None),
            (RequestKind.EQUIPMENT, "Amener l'eau", None),
        ],
        decisions=[
            (20, ProjectStatus.ACCEPTED, "Accepté : la ville prépare le terrain et amène l'eau."),
        ],
        versions=[
            [
                (
                    Side.TOWN,
                    RequestKind.EQUIPMENT,
                    "Débroussaillage et labour du terrain",
                    "2500.00",
                    GREEN_SPACES,
                    None,
                    None,
                ),
                (
                    Side.TOWN,
                    RequestKind.EQUIPMENT,
                    "Arrivée d'eau et récupérateur",
                    "1800.00",
                    TOWN_SERVICES,
                    None,
                    None,
                ),
                (
                    Side.RESIDENTS,
                    "",
                    "Défricher, planter, entretenir les parcelles",
                    None,
                    "Nadia B.",
                    14,
                    "600",
                ),
            ]
        ],
        agreed=(True, True),
        delivered=1.1,
        report=(
            "Le jardin existe et nourrit douze familles. La ville a tenu parole pour le "
            "terrain ; l'eau est arrivée avec trois mois de retard, et sans les relances des "
            "voisins elle ne serait pas là. Nous aurions voulu un interlocuteur unique.",
            "Le retard de l'arrivée d'eau tient à une erreur de commande de notre part. Depuis, "
            "chaque projet fifty-fifty a une personne référente aux services techniques.",
            "Le directeur des services techniques",
        ),
        told_in_2019=True,
        becomes_archive_item=True,
    ),
    DemoProject(
        slug="rue-de-la-gare-fleurie",
        title="La rue de la Gare fleurie par ses habitants",
        kind=ProjectKind.FLOWERING,
        status=ProjectStatus.COMPLETED,
        place="rue-de-la-gare",
        need="Des trottoirs gris ; des riverains qui veulent des fleurs devant chez eux.",
        commitment="Les riverains plantent et arrosent les pieds de façade.",
        carrier_name="Les riverains de la rue de la Gare",
        contact=("Bernard Thuillier", "bernard.t@exemple.fr"),
        proposed_days_ago=0,
        requests=[(RequestKind.MATERIALS, "Graines et plants vivaces", None)],
        decisions=[
            (
                14,
                ProjectStatus.ACCEPTED,
                "Accepté : les jardiniers de la ville découpent les "
                "trottoirs et fournissent les plants.",
            ),
        ],
        versions=[
            [
                (
                    Side.TOWN,
                    RequestKind.EQUIPMENT,
                    "Découpe des trottoirs en pied de façade",
                    "1200.00",
                    GREEN_SPACES,
                    None,
                    None,
                ),
                (
                    Side.TOWN,
                    RequestKind.MATERIALS,
                    "Graines et plants vivaces",
                    "400.00",
                    GREEN_SPACES,
                    None,
                    None,
                ),
                (
                    Side.RESIDENTS,
                    "",
                    "Planter, arroser, désherber à la main",
                    None,
                    "Bernard T.",
                    25,
                    "300",
                ),
            ]
        ],
        agreed=(True, True),
        delivered=1.0,
        report=(
            "Toute la rue s'y est mise, même ceux qui ne se parlaient plus. Les jardiniers de "
            "la ville nous ont appris à choisir des plantes qui tiennent sans arrosage.",
            "",
            "",
        ),
        told_in_2019=True,
    ),
    DemoProject(
        slug="sentier-balise-terrils",
        title="Un sentier balisé sur les terrils",
        kind=ProjectKind.PATH,
        status=ProjectStatus.COMPLETED,
        place="terrils-jumeaux",
        need="Les promeneurs se perdent et abîment les pentes en coupant par la végétation.",
        commitment="Les guides bénévoles tracent et balisent le sentier, puis l'entretiennent.",
        carrier_name="Les guides des terrils",
        contact=("Sylvie Marchand", "sylvie.m@exemple.fr"),
        proposed_days_ago=500,
        requests=[
            (RequestKind.MATERIALS, "Poteaux et balises", None),
            (RequestKind.AUTHORISATION, "Accord du propriétaire du terril", None),
        ],
        decisions=[
            (
                30,
                ProjectStatus.ACCEPTED,
                "Accepté : la ville obtient l'accord du propriétaire et fournit le balisage.",
            ),
        ],
        versions=[
            [
                (
                    Side.TOWN,
                    RequestKind.MATERIALS,
                    "Poteaux et balises",
                    "2200.00",
                    TOWN_SERVICES,
                    None,
                    None,
                ),
                (
                    Side.TOWN,
                    RequestKind.AUTHORISATION,
                    "Convention avec le propriétaire du terril",
                    None,
                    "Cabinet du maire",
                    None,
                    None,
                ),
                (
                    Side.RESIDENTS,
                    "",
                    "Tracer et baliser quatre kilomètres",
                    None,
                    "Sylvie M.",
                    9,
                    "220",
                ),
            ]
        ],
        agreed=(True, True),
        delivered=0.8,
        report=(
            "Le sentier est ouvert, mais il a fallu un an pour l'accord du propriétaire et la "
            "moitié des balises est arrivée après la saison. La ville promet vite et livre "
            "lentement : qu'elle dise dès le début ce qui dépend d'elle et ce qui dépend des "
            "autres.",
            "La critique est juste pour les délais. Nous affichons maintenant, sur chaque "
            "convention, les démarches qui ne dépendent pas de la ville.",
            "L'adjoint à la participation",
        ),
    ),
]


def _when(days_ago: int, *, now: datetime.datetime) -> datetime.datetime:
    return now - datetime.timedelta(days=days_ago)


def _start(demo: DemoProject, *, now: datetime.datetime) -> datetime.datetime:
    """When the project was proposed. The projects told at the 2019 talks predate them."""
    if demo.told_in_2019:
        return datetime.datetime(2017, 3, 15, 17, 0, tzinfo=datetime.UTC)
    return _when(demo.proposed_days_ago, now=now)


def _create_project(demo: DemoProject, *, now: datetime.datetime) -> Project:
    proposed = _start(demo, now=now)
    place = Place.objects.filter(slug=demo.place).first() if demo.place else None
    project = Project.objects.create(
        slug=demo.slug,
        title=demo.title,
        kind=demo.kind,
        status=ProjectStatus.RECEIVED,
        need=demo.need,
        carrier_name=demo.carrier_name,
        place=place,
        address=demo.address,
        commitment=demo.commitment,
        upkeep=demo.upkeep,
        show_publicly=True,
        photos_to_archive=demo.becomes_archive_item,
        becomes_archive_item=demo.becomes_archive_item,
        confirmed_at=proposed + datetime.timedelta(hours=1),
    )
    name, email = demo.contact
    ProjectContact.objects.create(project=project, name=name, email=email)
    TownRequest.objects.bulk_create(
        TownRequest(
            project=project,
            kind=kind,
            description=description,
            amount=Decimal(amount) if amount else None,
            position=position,
        )
        for position, (kind, description, amount) in enumerate(demo.requests)
    )
    for after, status, answer in demo.decisions:
        decision = Decision.objects.create(project=project, status=status, answer=answer)
        Decision.objects.filter(pk=decision.pk).update(
            decided_at=proposed + datetime.timedelta(days=after)
        )
    return project


def _agree(demo: DemoProject, project: Project, *, now: datetime.datetime) -> None:
    version = None
    for lines in demo.versions:
        version = agreement_version_create(
            project=project,
            lines=[
                {
                    "side": side,
                    "kind": kind,
                    "description": description,
                    "value": Decimal(value) if value else None,
                    "responsible": responsible,
                    "people": people,
                    "hours": Decimal(hours) if hours else None,
                }
                for side, kind, description, value, responsible, people, hours in lines
            ],
            summary=""
            if version is None
            else "Plus de peinture, les conseils d'un peintre, l'entretien de la salle ensuite.",
        )
    if version is None:
        return
    town, residents = demo.agreed
    if town:
        agreement_agree(version=version, side=Side.TOWN)
    if residents:
        agreement_agree(version=version, side=Side.RESIDENTS)


def _deliver(demo: DemoProject, project: Project, *, finished: datetime.date) -> None:
    """Record what each side actually gave, against the agreed lines."""
    share = Decimal(str(demo.delivered))
    version = project.agreements.order_by("-number").first()
    for line in version.lines.all():
        if line.value is not None:
            line.delivered_value = (line.value * min(share, Decimal(1))).quantize(Decimal("1"))
        if line.hours is not None:
            line.delivered_hours = (line.hours * share).quantize(Decimal("1"))
        line.delivered_note = "Fait." if share >= 1 else "Fait en partie, avec retard."
        line.delivered_on = finished
        line.save()


def _finish(demo: DemoProject, project: Project, *, now: datetime.datetime) -> None:
    proposed = _start(demo, now=now)
    agreed = min(proposed + datetime.timedelta(days=60), now - datetime.timedelta(days=2))
    fields = {"status": demo.status}
    if demo.status in (ProjectStatus.AGREED, ProjectStatus.RUNNING, ProjectStatus.COMPLETED):
        fields["agreed_at"] = agreed
        if demo.status != ProjectStatus.AGREED:
            Decision.objects.create(
                project=project,
                status=ProjectStatus.RUNNING,
                answer="La convention est signée des deux côtés : le projet commence.",
            )
    if demo.status == ProjectStatus.COMPLETED:
        finished = agreed + datetime.timedelta(days=240)
        fields["completed_at"] = finished
        _deliver(demo, project, finished=finished.date())
        Decision.objects.create(
            project=project,
            status=ProjectStatus.COMPLETED,
            answer="Le projet est terminé ; son bilan est publié ci-dessous.",
        )
        residents, town, signed_by = demo.report
        CompletionReport.objects.create(
            project=project,
            residents_account=residents,
            residents_submitted_at=finished,
            town_account=town,
            town_signed_by=signed_by,
            town_submitted_at=finished if town else None,
        )
    # The automatic decisions above are dated with the project's own calendar.
    Decision.objects.filter(
        project=project, status__in=(ProjectStatus.AGREED, ProjectStatus.RUNNING)
    ).update(decided_at=agreed)
    if "completed_at" in fields:
        Decision.objects.filter(project=project, status=ProjectStatus.COMPLETED).update(
            decided_at=fields["completed_at"]
        )
    # Each side agreed on the project's own calendar: the town first, the carriers a week later.
    project.agreements.update(created_at=agreed - datetime.timedelta(days=10))
    project.agreements.filter(town_agreed_at__isnull=False).update(
        town_agreed_at=agreed - datetime.timedelta(days=7)
    )
    project.agreements.filter(residents_agreed_at__isnull=False).update(residents_agreed_at=agreed)
    Project.objects.filter(pk=project.pk).update(created_at=proposed, **fields)
    for days_ago, side, status, text in demo.updates:
        ProgressUpdate.objects.create(
            project=project,
            side=side,
            status=status,
            text=text,
            happened_on=(now - datetime.timedelta(days=days_ago)).date(),
            reviewed_at=None if status == UpdateStatus.PENDING else now,
        )
    for in_days, title, meeting_point in demo.work_days:
        work_day = WorkDay.objects.create(
            project=project,
            title=title,
            date=(now + datetime.timedelta(days=in_days)).date(),
            meeting_point=meeting_point,
            volunteer_call="Apportez de bonnes chaussures ; gants et café fournis.",
        )
        _plan_shifts(work_day, first_volunteers=demo.contact[0])


# (role, description, start hour, hours, places) of each work day's shifts.
WORK_DAY_SHIFTS = [
    ("Chantier du matin", "Le gros du travail, en équipe, avec les outils de la ville.", 9, 3, 12),
    ("Chantier de l'après-midi", "Finir, ranger, et le goûter offert aux enfants.", 14, 3, 4),
]


def _plan_shifts(work_day: WorkDay, *, first_volunteers: str) -> None:
    """Two shifts, a few neighbours already signed up: the carriers' lead first."""
    shifts = []
    for role_name, description, hour, hours, capacity in WORK_DAY_SHIFTS:
        role, _created = VolunteerRole.objects.get_or_create(
            name=role_name, defaults={"description": description}
        )
        start = timezone.make_aware(datetime.datetime.combine(work_day.date, datetime.time(hour)))
        shifts.append(
            Shift.objects.create(
                work_day=work_day,
                role=role,
                start=start,
                end=start + datetime.timedelta(hours=hours),
                capacity=capacity,
            )
        )
    now = timezone.now()
    names = [first_volunteers, "Lucas Wiart", "Fatima Haddad", "Paulette Nowak"]
    for number, name in enumerate(names, start=1):
        volunteer = Volunteer.objects.create(
            work_day=work_day,
            name=name,
            email=f"chantier{work_day.pk}-{number}@exemple.fr",
            consented_at=now,
        )
        for shift in shifts[: 1 if number > 2 else 2]:
            Signup.objects.create(
                volunteer=volunteer,
                shift=shift,
                status=SignupStatus.CONFIRMED,
                email_confirmed_at=now,
            )


def _archive(project: Project) -> None:
    """The completed project whose carriers said yes enters the archive, as the team does it."""
    project.refresh_from_db()
    with contextlib.suppress(ProjectNotArchivable):  # no archive yet: nothing to enter
        project_archive(project=project)


def ensure_projects(*, now: datetime.datetime | None = None) -> list[Project]:
    """The demo projects, created if missing (each in its own transaction)."""
    now = now or timezone.now()
    projects = []
    for demo in PROJECTS:
        project = Project.objects.filter(slug=demo.slug).first()
        if project is None:
            with transaction.atomic():
                project = _create_project(demo, now=now)
                _agree(demo, project, now=now)
                _finish(demo, project, now=now)
            if demo.becomes_archive_item:
                _archive(project)
        projects.append(project)
    return projects
