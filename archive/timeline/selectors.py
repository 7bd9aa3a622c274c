"""Reads for the timeline: what the public sees of the archive (``public_items``), counted
per year in one aggregate query, beside the festival's published editions and the mine's key
dates; and the items of one year, which the timeline's years link to."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet
from django.db.models.functions import ExtractYear

from archive.models.pages import ArchiveItemPage
from archive.selectors import public_items
from archive.timeline.mine import MINE_KEY_DATES, KeyDate
from festival.models import EditionPage
from festival.selectors import published_editions

# The bar chart's drawing units (an SVG viewBox): one column per year.
CHART_YEAR_WIDTH = 5
CHART_BAR_WIDTH = 4
CHART_HEIGHT = 140
CHART_AXIS = 34  # room under the bars for the decades' labels, large enough on a phone


@dataclass
class TimelineYear:
    year: int
    count: int = 0
    editions: list[EditionPage] = field(default_factory=list)
    key_dates: list[KeyDate] = field(default_factory=list)


@dataclass
class TimelineDecade:
    decade: int
    years: list[TimelineYear] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(year.count for year in self.years)


@dataclass(frozen=True)
class ChartBar:
    year: int
    count: int
    x: int
    y: int
    height: int


@dataclass(frozen=True)
class Chart:
    """Counts per year as bars, for a picture whose text equivalent is the timeline's list."""

    width: int
    height: int
    baseline: int
    bar_width: int
    bars: list[ChartBar]
    decades: list[tuple[int, int]]  # (decade, x) for the axis' labels
    key_dates: list[tuple[int, int]]  # (year, x) marks under the axis


def decade_of(year: int) -> int:
    return year // 10 * 10


def year_counts() -> dict[int, int]:
    """How many public items begin in each year (their earliest date, as decades count them):
    ``{1953: 4, …}``, in one aggregate query."""
    rows = (
        public_items()
        .filter(date_start__isnull=False)
        .annotate(year=ExtractYear("date_start"))
        .values("year")
        .annotate(count=Count("pk"))
        .order_by("year")
    )
    return {row["year"]: row["count"] for row in rows}


def timeline_decades(
    *,
    counts: dict[int, int],
    editions: Iterable[EditionPage],
    key_dates: Sequence[KeyDate] = MINE_KEY_DATES,
) -> list[TimelineDecade]:
    """Every year that has items, an edition or a key date, grouped by decade, oldest first."""
    years: dict[int, TimelineYear] = {
        year: TimelineYear(year, count=count) for year, count in counts.items()
    }
    for edition in editions:
        years.setdefault(edition.year, TimelineYear(edition.year)).editions.append(edition)
    for key_date in key_dates:
        years.setdefault(key_date.year, TimelineYear(key_date.year)).key_dates.append(key_date)
    decades: dict[int, TimelineDecade] = {}
    for year in sorted(years):
        decades.setdefault(decade_of(year), TimelineDecade(decade_of(year))).years.append(
            years[year]
        )
    return list(decades.values())


def timeline_chart(*, decades: Sequence[TimelineDecade]) -> Chart | None:
    """Bars of the counts per year, from the first decade shown to the end of the last."""
    if not decades:
        return None
    first = decades[0].decade
    span = decades[-1].decade + 10 - first
    counted = [year for decade in decades for year in decade.years if year.count]
    highest = max((year.count for year in counted), default=0)
    drawn = CHART_HEIGHT - CHART_AXIS
    bars = []
    for year in counted:
        # At least a few units high, so that one item among hundreds is still seen.
        height = max(3, round(drawn * year.count / highest))
        bars.append(
            ChartBar(
                year=year.year,
                count=year.count,
                x=(year.year - first) * CHART_YEAR_WIDTH,
                y=drawn - height,
                height=height,
            )
        )
    return Chart(
        width=span * CHART_YEAR_WIDTH,
        height=CHART_HEIGHT,
        baseline=drawn,
        bar_width=CHART_BAR_WIDTH,
        bars=bars,
        decades=[
            (decade, (decade - first) * CHART_YEAR_WIDTH)
            for decade in range(first, first + span, 10)
        ],
        key_dates=[
            (year.year, (year.year - first) * CHART_YEAR_WIDTH + CHART_YEAR_WIDTH // 2)
            for decade in decades
            for year in decade.years
            if year.key_dates
        ],
    )


def timeline() -> list[TimelineDecade]:
    """The whole timeline: one aggregate query for the items, one for the editions."""
    return timeline_decades(counts=year_counts(), editions=list(published_editions()))


def items_for_year(*, year: int) -> QuerySet[ArchiveItemPage]:
    """The public items that begin in ``year``: where a year of the timeline leads."""
    return public_items().filter(date_start__year=year).order_by("date_start", "title")


def editions_of_year(*, year: int) -> list[EditionPage]:
    return list(published_editions().filter(year=year))


def key_dates_of_year(*, year: int) -> list[KeyDate]:
    return [key_date for key_date in MINE_KEY_DATES if key_date.year == year]
