from decimal import Decimal

import pytest
from django.urls import reverse

from projects.agreements import (
    AgreementError,
    agreement_agree,
    agreement_delivery_record,
    agreement_diff,
    agreement_version_create,
)
from projects.models import AgreementVersion, ProjectStatus, RequestKind, Side
from tests.factories.projects import (
    AgreementVersionFactory,
    ProjectContactFactory,
    ProjectFactory,
    ResidentsLineFactory,
    TownLineFactory,
    TownRequestFactory,
)

pytestmark = pytest.mark.django_db

TOWN = {
    "side": Side.TOWN,
    "kind": RequestKind.MONEY,
    "description": "40 plants",
    "value": Decimal("320"),
}
RESIDENTS = {"side": Side.RESIDENTS, "description": "Planter", "people": 6, "hours": Decimal("18")}


def management(total: int, initial: int = 0) -> dict:
    return {
        "lines-TOTAL_FORMS": str(total),
        "lines-INITIAL_FORMS": str(initial),
        "lines-MIN_NUM_FORMS": "1",
        "lines-MAX_NUM_FORMS": "1000",
    }


def line_data(index: int, **fields) -> dict:
    return {f"lines-{index}-{name}": value for name, value in fields.items()}


def agreed_project(lines=(TOWN, RESIDENTS)):
    project = ProjectFactory(status=ProjectStatus.ACCEPTED)
    version = agreement_version_create(project=project, lines=list(lines))
    agreement_agree(version=version, side=Side.TOWN)
    agreement_agree(version=version, side=Side.RESIDENTS)
    return project, version


# The difference between versions ------------------------------------------------------------


def test_diff_lists_lines_added_removed_and_changed():
    project = ProjectFactory(status=ProjectStatus.ACCEPTED)
    old = agreement_version_create(project=project, lines=[TOWN, RESIDENTS])
    new = agreement_version_create(
        project=project,
        lines=[
            {**TOWN, "value": Decimal("400")},
            {"side": Side.TOWN, "kind": RequestKind.EQUIPMENT, "description": "Une tarière"},
        ],
    )

    diff = agreement_diff(old=old, new=new)

    assert [line.description for line in diff.added] == ["Une tarière"]
    assert [line.description for line in diff.removed] == ["Planter"]
    [change] = diff.changed
    assert [(f.name, f.before, f.after) for f in change.fields] == [
        ("value", Decimal("320.00"), Decimal("400.00"))
    ]


def test_diff_of_identical_versions_is_empty():
    project = ProjectFactory(status=ProjectStatus.ACCEPTED)
    old = agreement_version_create(project=project, lines=[TOWN, RESIDENTS])
    new = agreement_version_create(project=project, lines=[TOWN, RESIDENTS])

    assert agreement_diff(old=old, new=new).is_empty is True


def test_diff_against_nothing_adds_every_line():
    version = agreement_version_create(project=ProjectFactory(), lines=[TOWN, RESIDENTS])

    diff = agreement_diff(old=None, new=version)

    assert [line.description for line in diff.added] == ["40 plants", "Planter"]


# Drafting in the admin ----------------------------------------------------------------------


def test_first_draft_is_prefilled_with_the_requests_as_town_lines(team_client, home_page):
    project = ProjectFactory(status=ProjectStatus.ACCEPTED)
    TownRequestFactory(project=project, description="Prêt d'une tarière")

    html = team_client.get(
        reverse("projects_admin:agreement_draft", args=[project.pk])
    ).content.decode()

    assert 'value="Prêt d&#x27;une tarière"' in html
    assert '<option value="town" selected>' in html


def test_team_member_drafts_the_first_version_and_agrees_to_it(team_client, home_page):
    project = ProjectContactFactory(project__status=ProjectStatus.ACCEPTED).project
    data = {
        **management(2),
        **line_data(0, side="town", kind="money", description="40 plants", value="320"),
        **line_data(1, side="residents", description="Planter", people="6", hours="18"),
    }

    response = team_client.post(reverse("projects_admin:agreement_draft", args=[project.pk]), data)

    version = AgreementVersion.objects.get(project=project)
    assert response.status_code == 302
    assert [(line.side, line.description) for line in version.lines.all()] == [
        ("town", "40 plants"),
        ("residents", "Planter"),
    ]
    team_client.post(
        reverse("projects_admin:file", args=[project.pk]), {"action": "agree", "number": "1"}
    )
    version.refresh_from_db()
    assert version.town_agreed_at is not None
    assert version.is_agreed is False


def test_later_version_needs_a_summary_and_keeps_the_lines_typed(team_client, home_page):
    project, _version = agreed_project()
    data = {**management(1), **line_data(0, side="town", description="Un broyeur prêté")}

    response = team_client.post(reverse("projects_admin:agreement_draft", args=[project.pk]), data)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Dites aux porteurs ce qui change" in html
    assert 'value="Un broyeur prêté"' in html
    assert project.agreements.count() == 1


def test_new_version_after_an_agreed_one_needs_agreeing_again(team_client, home_page):
    project, agreed = agreed_project()
    data = {
        **management(1),
        **line_data(0, side="town", kind="money", description="40 plants", value="400"),
        "summary": "La ville donne 80 € de plus.",
    }

    team_client.post(reverse("projects_admin:agreement_draft", args=[project.pk]), data)
    team_client.post(
        reverse("projects_admin:file", args=[project.pk]), {"action": "agree", "number": "2"}
    )

    latest = project.agreements.get(number=2)
    assert latest.town_agreed_at is not None
    assert latest.is_agreed is False
    with pytest.raises(AgreementError):
        agreement_agree(version=agreed, side=Side.RESIDENTS)
    html = team_client.get(reverse("projects_admin:version", args=[project.pk, 2])).content.decode()
    assert "Planter" in html  # removed since version 1
    assert "La ville donne 80 € de plus." in html


def test_outsiders_cannot_draft(outsider_client, home_page):
    project = ProjectFactory(status=ProjectStatus.ACCEPTED)

    response = outsider_client.post(
        reverse("projects_admin:agreement_draft", args=[project.pk]),
        {**management(1), **line_data(0, side="town", description="Un broyeur")},
    )

    assert response.status_code == 302
    assert project.agreements.count() == 0


# Delivery -----------------------------------------------------------------------------------


def test_team_member_records_delivery_against_the_agreed_lines(team_client, home_page):
    project, version = agreed_project()
    town, residents = version.lines.all()

    response = team_client.post(
        reverse("projects_admin:delivery", args=[project.pk]),
        {
            f"line-{town.pk}-value": "300",
            f"line-{town.pk}-note": "38 plants livrés",
            f"line-{town.pk}-on": "2026-03-14",
            f"line-{residents.pk}-hours": "22",
        },
    )

    assert response.status_code == 302
    town.refresh_from_db()
    residents.refresh_from_db()
    assert (town.delivered_value, town.delivered_note) == (Decimal("300.00"), "38 plants livrés")
    assert residents.delivered_hours == Decimal("22.0")


def test_delivery_only_on_the_agreed_version():
    project, _agreed = agreed_project()
    draft = agreement_version_create(project=project, lines=[TOWN])

    with pytest.raises(AgreementError):
        agreement_delivery_record(line=draft.lines.get(), value=Decimal("10"))


# The project's file at two sizes ------------------------------------------------------------


@pytest.mark.parametrize("n", [1, 30])
def test_file_queries_do_not_grow_with_lines(team_client, home_page, django_assert_num_queries, n):
    project = ProjectContactFactory(project__status=ProjectStatus.AGREED).project
    for version_number in (1, 2):
        version = AgreementVersionFactory(project=project, number=version_number)
        for i in range(n):
            TownLineFactory(version=version, description=f"Ligne ville {i}")
            ResidentsLineFactory(version=version, description=f"Ligne habitants {i}")
        TownRequestFactory(project=project, description=f"Demande {version_number}")

    with django_assert_num_queries(17):
        response = team_client.get(reverse("projects_admin:file", args=[project.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert sum(f"Ligne ville {i}<" in html for i in range(n)) == n
