"""The agreed « convention fifty-fifty » as a PDF anyone may download and print.

Only what the project page already shows goes in: the carriers' displayed name, the need,
both sides' lines and the dates each side agreed. Never the private contact, never the notes."""

import io
from decimal import Decimal
from xml.sax.saxutils import escape

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from projects.models import AgreementVersion, Side
from projects.selectors import project_where


def money(value: Decimal | None) -> str:
    """« 1 250,00 € », or a dash where the line has no value in euros."""
    if value is None:
        return "—"
    return f"{formats.number_format(value, 2, force_grouping=True)} €"


def quantity(value, decimals: int = 0) -> str:
    if value is None:
        return "—"
    return formats.number_format(value, decimals, force_grouping=True)


def day(value) -> str:
    return formats.date_format(value, "j F Y") if value else ""


def moment(value) -> str:
    return formats.date_format(timezone.localtime(value), "j F Y") if value else ""


def dates(line) -> str:
    if line.start_on and line.end_on and line.start_on != line.end_on:
        return _("du %(start)s au %(end)s") % {"start": day(line.start_on), "end": day(line.end_on)}
    return day(line.start_on or line.end_on)


def _styles() -> dict:
    sheet = getSampleStyleSheet()
    cell = ParagraphStyle("cell", parent=sheet["BodyText"], fontSize=9, leading=11)
    return {
        "title": sheet["Title"],
        "h2": sheet["Heading2"],
        "body": sheet["BodyText"],
        "cell": cell,
        "number": ParagraphStyle("number", parent=cell, alignment=TA_RIGHT),
        "head": ParagraphStyle("head", parent=cell, fontName="Helvetica-Bold"),
    }


def _table(header: list[str], rows: list[list], styles: dict, widths: list[float]) -> Table:
    data = [[Paragraph(escape(text), styles["head"]) for text in header], *rows]
    table = Table(data, colWidths=[w * mm for w in widths], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table


def agreement_pdf(*, version: AgreementVersion, page_url: str = "") -> bytes:
    """The PDF of ``version`` (agreed by both sides: the view checks it), its lines prefetched."""
    project = version.project
    styles = _styles()

    def cell(text: str, style: str = "cell") -> Paragraph:
        return Paragraph(escape(text or ""), styles[style])

    lines = list(version.lines.all())
    town = [line for line in lines if line.side == Side.TOWN]
    residents = [line for line in lines if line.side == Side.RESIDENTS]

    story = [
        Paragraph(escape(_("Convention fifty-fifty")), styles["title"]),
        Paragraph(escape(project.title), styles["h2"]),
        cell(_("Version %(number)s") % {"number": version.number}, "body"),
        cell(
            _("Porté par : %(name)s (%(kind)s)")
            % {"name": project.carrier_name, "kind": project.get_carrier_kind_display().lower()},
            "body",
        ),
    ]
    where = project_where(project)
    if where:
        story.append(cell(_("Lieu : %(place)s") % {"place": where}, "body"))
    story += [
        Paragraph(escape(_("À quoi sert le projet")), styles["h2"]),
        cell(project.need, "body"),
        Paragraph(escape(_("Ce qu'apporte la ville")), styles["h2"]),
    ]
    if town:
        story.append(
            _table(
                [_("Nature"), _("Description"), _("Valeur"), _("Service responsable"), _("Dates")],
                [
                    [
                        cell(line.get_kind_display()),
                        cell(line.description),
                        cell(money(line.value), "number"),
                        cell(line.responsible),
                        cell(dates(line)),
                    ]
                    for line in town
                ],
                styles,
                [30, 58, 25, 35, 32],
            )
        )
        total = sum((line.value or Decimal(0) for line in town), Decimal(0))
        story.append(cell(_("Valeur totale : %(total)s") % {"total": money(total)}, "body"))
    else:
        story.append(cell(_("Aucune ligne."), "body"))
    story.append(Paragraph(escape(_("Ce qu'apportent les habitants")), styles["h2"]))
    if residents:
        story.append(
            _table(
                [_("Tâche"), _("Personnes"), _("Heures"), _("Responsable"), _("Dates")],
                [
                    [
                        cell(line.description),
                        cell(quantity(line.people), "number"),
                        cell(quantity(line.hours, 1), "number"),
                        cell(line.responsible),
                        cell(dates(line)),
                    ]
                    for line in residents
                ],
                styles,
                [68, 22, 20, 38, 32],
            )
        )
        hours = sum((line.hours or Decimal(0) for line in residents), Decimal(0))
        story.append(cell(_("Heures en tout : %(hours)s") % {"hours": quantity(hours, 1)}, "body"))
    else:
        story.append(cell(_("Aucune ligne."), "body"))
    story += [
        Paragraph(escape(_("Accord des deux parties")), styles["h2"]),
        cell(
            _("Acceptée par la ville le %(date)s.") % {"date": moment(version.town_agreed_at)},
            "body",
        ),
        cell(
            _("Acceptée par les porteurs du projet le %(date)s.")
            % {"date": moment(version.residents_agreed_at)},
            "body",
        ),
    ]
    if page_url:
        story += [Spacer(1, 6 * mm), cell(_("Le projet en ligne : %(url)s") % {"url": page_url})]

    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        title=_("Convention fifty-fifty — %(title)s, version %(number)s")
        % {"title": project.title, "number": version.number},
        author=_("Ville de Loos-en-Gohelle"),
        subject=_("Convention fifty-fifty"),
        lang="fr",
    )
    document.build(story)
    return buffer.getvalue()
