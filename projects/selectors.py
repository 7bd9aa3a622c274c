"""Reads of the fifty-fifty: for visitors (the list, a project's page, its agreed version,
the promised-versus-delivered account, the upcoming work days) and for the carriers' private
page.

Every visitors' read starts from ``Project.objects.for_the_public()``: the one rule of what is
public. None of them touches ``ProjectContact`` or ``InternalNote``."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from archive.models import Place
from archive.selectors import public_items
from media.models import CustomRendition
from projects.agreements import AgreementDiff, agreement_diff
from projects.models import (
    HIDDEN_STATUSES,
    AgreementLine,
    AgreementVersion,
    CompletionReport,
    Decision,
    ProgressUpdate,
    Project,
    ProjectKind,
    ProjectPhoto,
    ProjectStatus,
    Side,
    UpdateStatus,
    WorkDay,
)
from projects.work_days import project_work_days_open, public_work_days

# The rendition a progress update's photos show in; prefetched so 30 photos cost one query.
UPDATE_PHOTO_SPEC = "fill-480x320"


@dataclass(frozen=True)
class ProjectFilters:
    """What a visitor filters the list by (GET parameters), each validated against its choices."""

    status: str = ""
    kind: str = ""
    place: str = ""

    @classmethod
    def from_query(cls, query) -> "ProjectFilters":
        status = query.get("etat", "")
        kind = query.get("nature", "")
        return cls(
            status=status if status in public_statuses() else "",
            kind=kind if kind in ProjectKind.values else "",
            place=query.get("lieu", "")[:255],
        )

    @property
    def active(self) -> bool:
        return any((self.status, self.kind, self.place))


def public_statuses() -> list[str]:
    return [status for status in ProjectStatus.values if status not in HIDDEN_STATUSES]


def public_projects(*, filters: ProjectFilters | None = None) -> QuerySet[Project]:
    """The public projects matching the filters, the most recent first, their place joined."""
    filters = filters or ProjectFilters()
    projects = Project.objects.for_the_public().select_related("place")
    if filters.status:
        projects = projects.filter(status=filters.status)
    if filters.kind:
        projects = projects.filter(kind=filters.kind)
    if filters.place:
        projects = projects.filter(place__slug=filters.place)
    return projects.order_by("-created_at", "pk")


def project_filter_choices() -> dict:
    """The choices the filter form offers: only places some public project is at."""
    places = Place.objects.filter(pk__in=Project.objects.for_the_public().values("place")).order_by(
        "name"
    )
    return {
        "statuses": [
            (value, label) for value, label in ProjectStatus.choices if value in public_statuses()
        ],
        "kinds": list(ProjectKind.choices),
        "places": [(place.slug, place.name) for place in places],
    }


def project_pins(projects) -> list[dict]:
    """Pins for includes/map.html: projects that have a position, each linking to its page."""
    pins = []
    for project in projects:
        position = project.position
        if position:
            pins.append(
                {
                    "name": project.title,
                    "lat": position[0],
                    "lng": position[1],
                    "url": project.get_absolute_url(),
                    "description": project.get_status_display(),
                }
            )
    return pins


def project_where(project: Project) -> str:
    """The place in words: the archive's place, else the address the residents gave."""
    if project.place_id:
        return project.place.name
    return project.address


def public_project(*, slug: str) -> Project | None:
    """The public project at ``slug``, its place and report joined; ``None`` if there is none."""
    return (
        Project.objects.for_the_public().select_related("place", "report").filter(slug=slug).first()
    )


def agreed_version(*, project: Project) -> AgreementVersion | None:
    """The latest version both sides agreed to, its lines prefetched in order."""
    return (
        project.agreements.agreed()
        .prefetch_related(
            Prefetch("lines", queryset=AgreementLine.objects.order_by("position", "pk"))
        )
        .order_by("-number")
        .first()
    )


def agreed_version_numbered(*, project: Project, number: int) -> AgreementVersion | None:
    """Version ``number`` of a public project, only if both sides agreed to it."""
    version = (
        project.agreements.filter(number=number)
        .prefetch_related(
            Prefetch("lines", queryset=AgreementLine.objects.order_by("position", "pk"))
        )
        .first()
    )
    return version if version is not None and version.is_agreed else None


@dataclass
class DeliveryRow:
    """One agreed line: what was promised and what was delivered (``None``: not recorded)."""

    line: AgreementLine
    promised: Decimal | None
    delivered: Decimal | None

    @property
    def gap(self) -> Decimal | None:
        if self.promised is None or self.delivered is None:
            return None
        return self.delivered - self.promised


@dataclass
class Delivery:
    """Promised versus delivered, line by line on both sides, with each side's totals: the
    town in euros, the residents in hours."""

    town: list[DeliveryRow] = field(default_factory=list)
    residents: list[DeliveryRow] = field(default_factory=list)

    @staticmethod
    def _total(rows: list[DeliveryRow], name: str) -> Decimal:
        return sum((getattr(row, name) or Decimal(0) for row in rows), Decimal(0))

    @property
    def town_promised(self) -> Decimal:
        return self._total(self.town, "promised")

    @property
    def town_delivered(self) -> Decimal:
        return self._total(self.town, "delivered")

    @property
    def residents_promised(self) -> Decimal:
        return self._total(self.residents, "promised")

    @property
    def residents_delivered(self) -> Decimal:
        return self._total(self.residents, "delivered")

    @property
    def recorded(self) -> bool:
        return any(
            row.delivered is not None or row.line.delivered_note or row.line.delivered_on
            for row in self.town + self.residents
        )


def delivery(*, version: AgreementVersion | None) -> Delivery:
    """Computed from the agreed lines' ``delivered_*`` fields, never typed."""
    result = Delivery()
    if version is None:
        return result
    for line in version.lines.all():
        if line.side == Side.TOWN:
            result.town.append(DeliveryRow(line, line.value, line.delivered_value))
        else:
            result.residents.append(DeliveryRow(line, line.hours, line.delivered_hours))
    return result


def published_updates(*, project: Project) -> list[ProgressUpdate]:
    """The updates the team published (residents' ones after review), newest first, with
    their photos, images and renditions prefetched."""
    renditions = CustomRendition.objects.filter(filter_spec=UPDATE_PHOTO_SPEC)
    photos = (
        ProjectPhoto.objects.filter(image__isnull=False)
        .select_related("image")
        .prefetch_related(Prefetch("image__renditions", queryset=renditions))
    )
    return list(
        project.updates.filter(status=UpdateStatus.PUBLISHED).prefetch_related(
            Prefetch("photos", queryset=photos)
        )
    )


def project_archive_links(*, project: Project) -> dict:
    """The archive item the project became, only if the archive shows it. (The Ch'ti TAIDx
    talks that tell it come from the talks app, through its ``talks_links`` tags.)"""
    if not project.archive_item_id:
        return {"archive_item": None}
    return {"archive_item": public_items().filter(pk=project.archive_item_id).first()}


def project_page_data(*, project: Project) -> dict:
    """Everything a project page shows besides the project itself, fetched once each."""
    version = agreed_version(project=project)
    return {
        "decisions": list(project.decisions.all()),
        "requests": list(project.requests.all()),
        "version": version,
        "delivery": delivery(version=version),
        "work_days": list(project_work_days_open(project=project)),
        "updates": published_updates(project=project),
        "report": project_report(project=project),
        **project_archive_links(project=project),
    }


def project_report(*, project: Project):
    """The completion report, or ``None`` (a reverse one-to-one raises when missing)."""
    try:
        return project.report
    except Project.report.RelatedObjectDoesNotExist:
        return None


def upcoming_public_work_days(*, today: datetime.date | None = None) -> QuerySet[WorkDay]:
    """The public projects' work days from today on, their project joined, in date order."""
    today = today or timezone.localdate()
    return (
        public_work_days()
        .filter(date__gte=today)
        .select_related("project", "project__place")
        .order_by("date", "pk")
    )


def public_projects_with_agreements() -> QuerySet[Project]:
    """Every public project with ``agreed_versions``: the versions both sides agreed to, the
    latest first, their lines in order. Three queries whatever the number of projects."""
    lines = AgreementLine.objects.order_by("position", "pk")
    agreed = (
        AgreementVersion.objects.agreed()
        .prefetch_related(Prefetch("lines", queryset=lines))
        .order_by("-number")
    )
    return (
        Project.objects.for_the_public()
        .select_related("place")
        .prefetch_related(Prefetch("agreements", queryset=agreed, to_attr="agreed_versions"))
        .order_by("created_at", "pk")
    )


def withdrawn_project_trace(*, slug: str) -> list[Decision] | None:
    """The town's public answers on a project its carriers withdrew (the anonymous trace the
    withdrawal keeps), ``[]`` if it was never shown; ``None`` if no withdrawn project is here."""
    project = Project.objects.filter(slug=slug, status=ProjectStatus.WITHDRAWN).first()
    if project is None:
        return None
    return list(project.decisions.all()) if project.show_publicly else []


# The carriers' private page ------------------------------------------------------------------


@dataclass
class FollowView:
    """What the carriers read on their private page (never their contact: they know it)."""

    project: Project
    decisions: list
    requests: list
    agreement: AgreementVersion | None = None
    town_lines: list = field(default_factory=list)
    residents_lines: list = field(default_factory=list)
    # What changed from the version before, when there is one.
    diff: AgreementDiff | None = None
    updates: list = field(default_factory=list)
    report: object = None


def project_for_follow(*, project: Project) -> FollowView:
    """Everything the follow page shows, in a fixed number of queries whatever the lines."""
    decisions = list(project.decisions.all())
    requests = list(project.requests.all())
    # The latest version and the one before, to show what changed.
    versions = list(project.agreements.order_by("-number").prefetch_related("lines")[:2])
    view = FollowView(project=project, decisions=decisions, requests=requests)
    if versions:
        latest = versions[0]
        lines = list(latest.lines.all())
        view.agreement = latest
        view.town_lines = [line for line in lines if line.side == Side.TOWN]
        view.residents_lines = [line for line in lines if line.side == Side.RESIDENTS]
        if len(versions) > 1:
            view.diff = agreement_diff(old=versions[1], new=latest)
    view.updates = list(
        ProgressUpdate.objects.filter(project=project).prefetch_related(
            Prefetch("photos", queryset=ProjectPhoto.objects.select_related("image"))
        )
    )
    view.report = CompletionReport.objects.filter(project=project).first()
    return view


# What the archive shows of the projects it keeps ---------------------------------------------


@dataclass
class ItemProject:
    """A public project as an archive item's page shows it: the item it became, or the one
    recording a Ch'ti TAIDx talk that tells it (``told``). The agreed version's lines, each
    side's total, the carriers' account."""

    project: Project
    told: bool
    town_lines: list = field(default_factory=list)
    residents_lines: list = field(default_factory=list)
    residents_account: str = ""

    @property
    def town_total(self) -> Decimal:
        return sum((line.value or Decimal(0) for line in self.town_lines), Decimal(0))

    @property
    def residents_hours(self) -> Decimal:
        return sum((line.hours or Decimal(0) for line in self.residents_lines), Decimal(0))


def _item_projects(projects: QuerySet[Project], *, told: bool) -> list[ItemProject]:
    """``projects``, those the public sees, with their agreed lines and report: one query when
    there are none, three whatever their number."""
    lines = AgreementLine.objects.order_by("position", "pk")
    agreed = (
        AgreementVersion.objects.agreed()
        .prefetch_related(Prefetch("lines", queryset=lines))
        .order_by("-number")
    )
    projects = (
        projects.for_the_public()
        .select_related("report")
        .prefetch_related(Prefetch("agreements", queryset=agreed, to_attr="agreed_versions"))
        .order_by("title", "pk")
    )
    shown = []
    for project in projects:
        version_lines = (
            list(project.agreed_versions[0].lines.all()) if project.agreed_versions else []
        )
        report = project_report(project=project)
        shown.append(
            ItemProject(
                project=project,
                told=told,
                town_lines=[line for line in version_lines if line.side == Side.TOWN],
                residents_lines=[line for line in version_lines if line.side == Side.RESIDENTS],
                residents_account=report.residents_account if report else "",
            )
        )
    return shown


def projects_for_archive_item(*, item_id: int) -> list[ItemProject]:
    """The public projects an archive item became."""
    return _item_projects(Project.objects.filter(archive_item_id=item_id), told=False)


def told_projects(*, project_ids: list[int]) -> list[ItemProject]:
    """The public projects among ``project_ids``, as told by a Ch'ti TAIDx talk (the talks app
    knows which: this app does not import it)."""
    return _item_projects(Project.objects.filter(pk__in=project_ids), told=True)
