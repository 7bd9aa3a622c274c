"""What visitors read of the Ch'ti TAIDx: the evenings, their talks in order, one talk, and
the talks that tell a project or that an archive item records.

Every read goes through the one rule of each thing it shows: ``Evening.objects.for_the_public``,
``Talk.objects.for_the_public``, ``Project.objects.for_the_public`` and the archive's
``public_items``. A talk's project and recording are fetched through those rules into
``public_project`` and ``public_recording`` (``None`` when the public may not see them), so a
template never reaches a hidden one through ``talk.project`` or ``talk.recording``.

A prefetch with ``to_attr`` is never nested in another prefetch here: Django then runs it
twice, the second time one query per talk."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, prefetch_related_objects
from django.utils import timezone

from archive.models.pages import pages_for_the_public
from archive.selectors import public_items
from festival.models import EventPage
from projects.models import Project
from talks.models import Evening, GuestRole, Talk
from talks.texts import text_for_the_public_exists


def public_talks() -> QuerySet[Talk]:
    """The public talks with their evening and evaluation (and the town's answer) joined,
    their public project prefetched, in order. Read them through ``_listed`` to have their
    public recording too."""
    return (
        Talk.objects.for_the_public()
        .select_related("evening", "evaluation", "evaluation__town_answer")
        .prefetch_related(
            Prefetch(
                "project",
                queryset=Project.objects.for_the_public(),
                to_attr="public_project",
            )
        )
        .order_by("evening__starts_at", "position", "pk")
    )


def _listed(talks: QuerySet[Talk]) -> list[Talk]:
    """``talks`` with their public recording prefetched, only when there are some: the
    archive's rule reads its view restrictions as soon as it is built."""
    listed = list(talks)
    if listed:
        prefetch_related_objects(
            listed,
            Prefetch(
                "recording",
                queryset=public_items().select_related("media_file"),
                to_attr="public_recording",
            ),
        )
    return listed


def public_evenings() -> QuerySet[Evening]:
    return Evening.objects.for_the_public().select_related("venue")


@dataclass
class EveningsOverview:
    """The Ch'ti TAIDx page: the next evening first, then the past ones by year."""

    upcoming: list[Evening]
    past_by_year: list[tuple[int, list[Evening]]]

    @property
    def next_evening(self) -> Evening | None:
        return self.upcoming[0] if self.upcoming else None

    @property
    def later(self) -> list[Evening]:
        return self.upcoming[1:]


def evenings_overview(*, now: datetime.datetime | None = None) -> EveningsOverview:
    """Upcoming evenings (soonest first) and past ones grouped by year (latest first), with
    how many public talks each has: one query."""
    now = now or timezone.now()
    evenings = list(
        public_evenings()
        .prefetch_related(Prefetch("talks", queryset=Talk.objects.for_the_public()))
        .order_by("starts_at", "pk")
    )
    upcoming = [evening for evening in evenings if evening.starts_at >= now]
    by_year: dict[int, list[Evening]] = defaultdict(list)
    for evening in reversed([evening for evening in evenings if evening.starts_at < now]):
        by_year[timezone.localtime(evening.starts_at).year].append(evening)
    return EveningsOverview(upcoming=upcoming, past_by_year=list(by_year.items()))


def public_evening(*, slug: str) -> Evening | None:
    """The public evening at ``slug``, its venue joined, its guests prefetched; ``None`` if the
    public may not see it."""
    return public_evenings().prefetch_related("guests").filter(slug=slug).first()


def evening_talks(*, evening: Evening) -> list[Talk]:
    """The evening's public talks in their order (see ``public_talks``)."""
    return _listed(public_talks().filter(evening=evening))


def evening_festival_event(*, evening: Evening) -> EventPage | None:
    """The festival event the evening belongs to, when the public may see its page."""
    if evening.festival_event_id is None:
        return None
    return pages_for_the_public(EventPage.objects.filter(pk=evening.festival_event_id)).first()


def evening_is_over(*, evening: Evening, now: datetime.datetime | None = None) -> bool:
    return evening.starts_at < (now or timezone.now())


def public_talk(*, evening_slug: str, talk_slug: str) -> Talk | None:
    """One public talk of a public evening (its public project and recording too), or ``None``."""
    talks = _listed(
        public_talks()
        .select_related("evening__venue")
        .filter(evening__slug=evening_slug, slug=talk_slug)[:1]
    )
    return talks[0] if talks else None


def talks_telling_project(*, project_id: int) -> list[Talk]:
    """The public talks that tell a project, oldest evening first."""
    return _listed(public_talks().filter(project_id=project_id))


def talks_recorded_in(*, item_id: int) -> list[Talk]:
    """The public talks an archive item records, their evening joined (the item's page tells
    their projects itself, see ``talks_links``)."""
    return list(
        Talk.objects.for_the_public()
        .filter(recording_id=item_id)
        .select_related("evening")
        .order_by("evening__starts_at", "position", "pk")
    )


def talks_heard_or_read() -> QuerySet[Talk]:
    """The public talks one can listen to (their recording is an item the public sees) or read
    (``text_for_the_public``), latest evening first, their evening joined: the archive's
    « Ch'ti TAIDx » kind. ``heard`` and ``readable`` say which."""
    return (
        Talk.objects.for_the_public()
        .annotate(
            heard=Exists(public_items().filter(pk=OuterRef("recording_id"))),
            readable=text_for_the_public_exists(),
        )
        .filter(Q(heard=True) | Q(readable=True))
        .select_related("evening")
        .order_by("-evening__starts_at", "position", "pk")
    )


def sitemap_talks() -> list[Talk]:
    return list(
        Talk.objects.for_the_public()
        .select_related("evening")
        .only("slug", "updated_at", "evening__slug")
        .order_by("pk")
    )


def talk_evaluation(*, talk: Talk):
    """The talk's evaluation (joined by ``public_talks``), or ``None`` when there is none."""
    try:
        return talk.evaluation
    except Talk.evaluation.RelatedObjectDoesNotExist:
        return None


def guests_by_role(*, guests) -> list[tuple[str, list[str]]]:
    """The people invited, grouped by role (the mayor first), each group in its order."""
    names: dict[str, list[str]] = defaultdict(list)
    for guest in guests:
        names[guest.role].append(guest.name)
    return [(role.label, names[role.value]) for role in GuestRole if names[role.value]]
