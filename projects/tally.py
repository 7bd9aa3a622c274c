"""The programme's public tally, per year and overall, computed from the agreements and the
reports, never typed.

- Which projects: the public ones only (``Project.objects.for_the_public()``); a hidden
  project (unconfirmed, not shown by its carriers' choice, withdrawn) counts nowhere.
- A project's year: the year its agreement was signed, else the year it was proposed.
- Hours and euros: from the latest version both sides agreed to; for each line, what was
  delivered where it was recorded, else what was agreed.
- The residents' share in euros: their hours valued at ``FIFTY_FIFTY_HOUR_VALUE``."""

import io
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from projects.models import AgreementLine, Project, ProjectStatus, Side
from projects.selectors import public_projects_with_agreements

CENT = Decimal("0.01")


@dataclass
class TallyRow:
    """The figures of one year, or of the whole programme (``year`` is then ``None``)."""

    year: int | None
    by_status: dict[str, int] = field(default_factory=dict)
    residents_hours: Decimal = Decimal(0)
    town_value: Decimal = Decimal(0)

    @property
    def projects(self) -> int:
        return sum(self.by_status.values())

    @property
    def residents_value(self) -> Decimal:
        """The residents' hours, valued at the documented hourly rate."""
        return (self.residents_hours * hour_value()).quantize(CENT, ROUND_HALF_UP)

    @property
    def total_value(self) -> Decimal:
        return self.town_value + self.residents_value

    @property
    def residents_share(self) -> int | None:
        """The residents' part of what both sides brought, in whole percent."""
        if not self.total_value:
            return None
        share = self.residents_value * 100 / self.total_value
        return int(share.quantize(Decimal(1), ROUND_HALF_UP))

    @property
    def town_share(self) -> int | None:
        share = self.residents_share
        return None if share is None else 100 - share

    def statuses(self) -> list[tuple[str, int]]:
        """(label, count) in the order of a project's life, only the statuses present."""
        return [
            (label, self.by_status[value])
            for value, label in ProjectStatus.choices
            if self.by_status.get(value)
        ]


@dataclass
class Tally:
    years: list[TallyRow]
    overall: TallyRow

    @property
    def hour_value(self) -> Decimal:
        return hour_value()


def hour_value() -> Decimal:
    return Decimal(str(settings.FIFTY_FIFTY_HOUR_VALUE))


def _line_amount(line: AgreementLine) -> tuple[Decimal, Decimal]:
    """(hours, euros) a line counts for: delivered where recorded, else agreed."""
    if line.side == Side.RESIDENTS:
        hours = line.delivered_hours if line.delivered_hours is not None else line.hours
        return hours or Decimal(0), Decimal(0)
    value = line.delivered_value if line.delivered_value is not None else line.value
    return Decimal(0), value or Decimal(0)


def project_year(project: Project) -> int:
    return timezone.localtime(project.agreed_at or project.created_at).year


def programme_tally() -> Tally:
    """Three queries whatever the number of projects."""
    projects = public_projects_with_agreements()
    rows: dict[int, TallyRow] = defaultdict(lambda: TallyRow(year=None))
    overall = TallyRow(year=None)
    for project in projects:
        year = project_year(project)
        row = rows[year]
        row.year = year
        for target in (row, overall):
            target.by_status[project.status] = target.by_status.get(project.status, 0) + 1
        if not project.agreed_versions:
            continue
        for line in project.agreed_versions[0].lines.all():
            hours, value = _line_amount(line)
            for target in (row, overall):
                target.residents_hours += hours
                target.town_value += value
    return Tally(years=[rows[year] for year in sorted(rows)], overall=overall)


def _euros(value: Decimal) -> str:
    return f"{value:,.0f} €".replace(",", "\u00a0")


def tally_chart_svg(*, tally: Tally) -> str:
    """Per year, the value each side brought (the town in euros, the residents' hours valued),
    as an SVG image; the tally page gives the same numbers in a table."""
    years = [str(row.year) for row in tally.years]
    town = [float(row.town_value) for row in tally.years]
    residents = [float(row.residents_value) for row in tally.years]
    # Imported here: matplotlib takes a second to load, which every web process and command
    # would pay at start for a page few open. Rendered on the server, never on a screen; a bare
    # ``Figure`` (no pyplot) is thread-safe.
    import matplotlib  # noqa: PLC0415 -- a second to load, for one page
    from matplotlib.figure import Figure  # noqa: PLC0415

    matplotlib.use("Agg")
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "fifty-fifty"}):
        figure = Figure(figsize=(7, 3.6))
        axes = figure.add_subplot()
        positions = range(len(years))
        width = 0.38
        axes.bar(
            [p - width / 2 for p in positions],
            town,
            width,
            label=_("Apport de la ville (€)"),
            color="#1d4e89",
        )
        axes.bar(
            [p + width / 2 for p in positions],
            residents,
            width,
            label=_("Heures des habitants valorisées (€)"),
            color="#e07a1f",
            hatch="//",
        )
        axes.set_xticks(list(positions), years)
        axes.set_ylabel(_("euros"))
        axes.yaxis.set_major_formatter(lambda value, _pos: _euros(Decimal(value)))
        axes.spines[["top", "right"]].set_visible(False)
        # Above the bars, never over them.
        axes.legend(frameon=False, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=2)
        figure.tight_layout()
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()
