from decimal import Decimal

import pytest

from projects.agreements import (
    AgreementError,
    agreement_agree,
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


def test_the_agreement_enters_the_public_history_once_when_both_sides_agreed():
    project = ProjectFactory(status=ProjectStatus.ACCEPTED)
    version = agreement_version_create(project=project, lines=LINES)

    agreement_agree(version=version, side=Side.TOWN)
    agreement_agree(version=version, side=Side.RESIDENTS)
    agreement_agree(version=version, side=Side.RESIDENTS)  # a second click changes nothing

    assert list(project.decisions.values_list("status", "answer")) == [
        (ProjectStatus.AGREED, "La version 1 de la convention est acceptée des deux côtés.")
    ]


def test_a_running_project_that_amends_its_agreement_keeps_running():
    project = ProjectFactory(status=ProjectStatus.ACCEPTED)
    first = agreement_version_create(project=project, lines=LINES)
    agreement_agree(version=first, side=Side.TOWN)
    agreement_agree(version=first, side=Side.RESIDENTS)
    project.status = ProjectStatus.RUNNING
    project.save()
    second = agreement_version_create(project=project, lines=LINES[:1], summary="Sans planter")

    agreement_agree(version=second, side=Side.TOWN)
    agreement_agree(version=second, side=Side.RESIDENTS)

    project.refresh_from_db()
    assert project.status == ProjectStatus.RUNNING
    assert project.decisions.last().answer.startswith("La version 2")
