"""Open data of the fifty-fifty: the public projects and their agreed lines, as CSV and JSON.

Only public projects (``public_projects_with_agreements``), only what their pages show: the
carriers' displayed name, never the private contact, never the team's notes. The CSV has one
row per agreed line (a project with no agreed version has one row, its line columns empty);
the JSON nests the lines in their project."""

import csv
import io
import json
from decimal import Decimal

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from projects.models import Project
from projects.selectors import project_where, public_projects_with_agreements

PROJECT_COLUMNS = (
    "projet",
    "titre",
    "adresse_web",
    "etat",
    "etat_libelle",
    "nature",
    "nature_libelle",
    "porte_par",
    "porteurs",
    "lieu",
    "latitude",
    "longitude",
    "debut",
    "fin",
    "propose_le",
    "convention_signee_le",
    "termine_le",
    "convention_version",
)
LINE_COLUMNS = (
    "ligne_partie",
    "ligne_nature",
    "ligne_description",
    "ligne_valeur_euros",
    "ligne_responsable",
    "ligne_personnes",
    "ligne_heures",
    "ligne_du",
    "ligne_au",
    "ligne_valeur_fournie_euros",
    "ligne_heures_donnees",
    "ligne_fourni_le",
    "ligne_ce_qui_a_ete_fait",
)


def _day(value) -> str | None:
    if value is None:
        return None
    if hasattr(value, "tzinfo"):
        value = timezone.localtime(value).date()
    return value.isoformat()


def _number(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def project_record(project: Project, *, site_root: str) -> dict:
    position = project.position
    version = project.agreed_versions[0] if project.agreed_versions else None
    return {
        "projet": project.slug,
        "titre": project.title,
        "adresse_web": f"{site_root}{project.get_absolute_url()}",
        "etat": project.status,
        "etat_libelle": project.get_status_display(),
        "nature": project.kind,
        "nature_libelle": project.get_kind_display(),
        "porte_par": project.get_carrier_kind_display(),
        "porteurs": project.carrier_name,
        "lieu": project_where(project),
        "latitude": position[0] if position else None,
        "longitude": position[1] if position else None,
        "debut": _day(project.start_on),
        "fin": _day(project.end_on),
        "propose_le": _day(project.created_at),
        "convention_signee_le": _day(project.agreed_at),
        "termine_le": _day(project.completed_at),
        "convention_version": version.number if version else None,
    }


def line_record(line) -> dict:
    return {
        "ligne_partie": line.get_side_display(),
        "ligne_nature": line.get_kind_display() if line.kind else "",
        "ligne_description": line.description,
        "ligne_valeur_euros": _number(line.value),
        "ligne_responsable": line.responsible,
        "ligne_personnes": line.people,
        "ligne_heures": _number(line.hours),
        "ligne_du": _day(line.start_on),
        "ligne_au": _day(line.end_on),
        "ligne_valeur_fournie_euros": _number(line.delivered_value),
        "ligne_heures_donnees": _number(line.delivered_hours),
        "ligne_fourni_le": _day(line.delivered_on),
        "ligne_ce_qui_a_ete_fait": line.delivered_note,
    }


def _agreed_lines(project: Project) -> list:
    return list(project.agreed_versions[0].lines.all()) if project.agreed_versions else []


def projects_csv(*, site_root: str = "") -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=PROJECT_COLUMNS + LINE_COLUMNS)
    writer.writeheader()
    for project in public_projects_with_agreements():
        record = project_record(project, site_root=site_root)
        lines = _agreed_lines(project)
        if not lines:
            writer.writerow(record)
        for line in lines:
            writer.writerow({**record, **line_record(line)})
    return buffer.getvalue()


def projects_json(*, site_root: str = "") -> str:
    projects = [
        {
            **project_record(project, site_root=site_root),
            "lignes": [line_record(line) for line in _agreed_lines(project)],
        }
        for project in public_projects_with_agreements()
    ]
    return json.dumps({"projets": projects}, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
