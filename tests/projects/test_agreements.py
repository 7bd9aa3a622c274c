from decimal import Decimal

import pytest

from projects.agreements import (
    AgreementError,
    agreement_agree,
    agreement_changes,
    agreement_version_create,
)
from projects.models import ProjectStatus, Side
from tests.factories.projects import ProjectFactory

pytestmark = pytest.mark.django_db

LINES = [
    {"side": Side.TOWN, "kind": "money", "description": "40 plants", "value": Decimal("320")},
    {"side": Side.RESIDENTS, "description": "Planter", "people": 6, "hours": Decimal("18")},
]


def test_each_version_is_numbered_after_the_last_and_keeps_its_own_lines():
    project = ProjectFactory(status=ProjectStatus.ACCEPTED)
    first = agreement_version_create(project=project, lines=LINES)
    second = agreement_version_create(project=project, lines=LINES[:1], summary="Sans les plants")

    assert (first.number, second.number) == (1, 2)
    assert [line.description for line in first.lines.all()] == ["40 plants", "Planter"]
    assert [line.description for line in second.lines.all()] == ["40 plants"]


def test_the_project_is_agreed_only_when_both_sides_agreed_the_same_version():
    project = ProjectFactory(status=ProjectStatus.ACCEPTED)
    version = agreement_version_create(project=project, lines=LINES)

    agreement_agree(version=version, side=Side.TOWN)
    project.refresh_from_db()
    assert project.status == ProjectStatus.ACCEPTED

    agreement_agree(version=version, side=Side.RESIDENTS)
    project.refresh_from_db()
    assert project.status == ProjectStatus.AGREED
    assert project.agreed_at is not None


def test_a_replaced_version_cannot_be_agreed():
    project = ProjectFactory(status=ProjectStatus.ACCEPTED)
    first = agreement_version_create(project=project, lines=LINES)
    agreement_version_create(project=project, lines=LINES[:1])

    with pytest.raises(AgreementError, match="remplacée"):
        agreement_agree(version=first, side=Side.RESIDENTS)
    first.refresh_from_db()
    assert first.residents_agreed_at is None


def test_changes_between_versions_name_added_changed_and_removed_lines():
    project = ProjectFactory(status=ProjectStatus.ACCEPTED)
    first = agreement_version_create(project=project, lines=LINES)
    second = agreement_version_create(
        project=project,
        lines=[
            {**LINES[0], "value": Decimal("400")},
            {"side": Side.RESIDENTS, "description": "Arroser", "people": 2},
        ],
    )

    changes = agreement_changes(lines=second.lines.all(), previous=first.lines.all())

    assert [(c["change"], c["line"].description, c["fields"]) for c in changes] == [
        ("changed", "40 plants", ["value"]),
        ("added", "Arroser", []),
        ("removed", "Planter", []),
    ]
