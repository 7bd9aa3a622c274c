import datetime
from decimal import Decimal

import pytest
from defusedxml import ElementTree

from projects.models import Project, ProjectStatus
from projects.tally import programme_tally
from tests.factories.projects import (
    AgreedVersionFactory,
    AgreementVersionFactory,
    ProjectFactory,
    ResidentsLineFactory,
    TownLineFactory,
)

pytestmark = pytest.mark.django_db


def _at(year: int, month: int = 6) -> datetime.datetime:
    return datetime.datetime(year, month, 1, 12, tzinfo=datetime.UTC)


@pytest.fixture
def programme(settings):
    """Three public projects over two years, and hidden ones that must count nowhere.

    By hand, at 12 € an hour:
    - 2024, the running orchard (its latest agreed version, v2): the town delivered 280 € of
      the 320 € agreed, plus a loan without value; the residents gave 24,5 h of the 18 agreed
      and 10 h agreed, not yet recorded: 34,5 h = 414 €. Total 694 €: residents 60 %.
    - 2025, the completed hedge: 450 € delivered (500 agreed), 36 h given (40 agreed) = 432 €;
      and a declined proposal, no agreement. Total 882 €: residents 49 %.
    - Overall: 730 € from the town, 70,5 h = 846 €; total 1 576 €: residents 54 %."""
    settings.FIFTY_FIFTY_HOUR_VALUE = Decimal("12.00")

    orchard = ProjectFactory(status=ProjectStatus.RUNNING, agreed_at=_at(2024, 5))
    first = AgreedVersionFactory(project=orchard, number=1)
    TownLineFactory(version=first, value=Decimal("1000.00"))
    ResidentsLineFactory(version=first, hours=Decimal("100.0"))
    second = AgreedVersionFactory(project=orchard, number=2)
    TownLineFactory(version=second, value=Decimal("320.00"), delivered_value=Decimal("280.00"))
    TownLineFactory(version=second, value=None, description="Prêt d'une tarière")
    ResidentsLineFactory(version=second, hours=Decimal("18.0"), delivered_hours=Decimal("24.5"))
    ResidentsLineFactory(version=second, hours=Decimal("10.0"))
    draft = AgreementVersionFactory(project=orchard, number=3)
    TownLineFactory(version=draft, value=Decimal("9999.00"))

    hedge = ProjectFactory(status=ProjectStatus.COMPLETED, agreed_at=_at(2025, 3))
    agreed = AgreedVersionFactory(project=hedge, number=1)
    TownLineFactory(version=agreed, value=Decimal("500.00"), delivered_value=Decimal("450.00"))
    ResidentsLineFactory(version=agreed, hours=Decimal("40.0"), delivered_hours=Decimal("36.0"))

    declined = ProjectFactory(status=ProjectStatus.DECLINED)
    Project.objects.filter(pk=declined.pk).update(created_at=_at(2025, 9))

    for fields in (
        {"status": ProjectStatus.UNCONFIRMED},
        {"status": ProjectStatus.WITHDRAWN},
        {"status": ProjectStatus.RUNNING, "show_publicly": False},
    ):
        hidden = ProjectFactory(agreed_at=_at(2024, 5), **fields)
        version = AgreedVersionFactory(project=hidden, number=1)
        TownLineFactory(version=version, value=Decimal("7777.00"))
        ResidentsLineFactory(version=version, hours=Decimal("777.0"))


def test_tally_counts_per_year_from_the_agreements_and_reports(programme):
    tally = programme_tally()

    first, second = tally.years
    assert (first.year, first.by_status) == (2024, {"running": 1})
    assert (first.residents_hours, first.town_value) == (Decimal("34.5"), Decimal("280.00"))
    assert first.residents_value == Decimal("414.00")
    assert (first.residents_share, first.town_share) == (60, 40)
    assert (second.year, second.by_status) == (2025, {"completed": 1, "declined": 1})
    assert (second.residents_hours, second.town_value) == (Decimal("36.0"), Decimal("450.00"))
    assert second.residents_value == Decimal("432.00")
    assert (second.residents_share, second.town_share) == (49, 51)


def test_tally_overall_adds_the_years_and_leaves_hidden_projects_out(programme):
    overall = programme_tally().overall

    assert overall.projects == 3
    assert overall.by_status == {"running": 1, "completed": 1, "declined": 1}
    assert overall.residents_hours == Decimal("70.5")
    assert overall.town_value == Decimal("730.00")
    assert overall.residents_value == Decimal("846.00")
    assert (overall.residents_share, overall.town_share) == (54, 46)


def test_tally_page_gives_the_numbers_in_a_table(client, programme):
    content = client.get("/projets/bilan/").content.decode()

    assert "Une heure donnée par un habitant est comptée 12,00 €" in content
    assert '<th scope="row">2024</th>' in content
    assert "<td>34,5 h</td>" in content
    assert "<td>414,00 €</td>" in content
    assert "<td>280,00 €</td>" in content
    assert "<td>60 %</td>" in content
    assert "<td>70,5 h</td>" in content
    assert "<td>846,00 €</td>" in content
    assert "<td>730,00 €</td>" in content
    assert "<li>Non retenue : 1</li>" in content
    assert '<img src="/projets/bilan/graphique.svg" alt="Graphique en barres' in content
    # The table scrolls sideways on a phone: a keyboard reaches it to scroll it.
    assert (
        '<div class="table-scroll" role="region" aria-label="Le programme année par année" '
        'tabindex="0">' in content
    )


def test_tally_page_without_projects_says_so(client):
    content = client.get("/projets/bilan/").content.decode()

    assert "Aucun projet public pour l'instant." in content
    assert "graphique.svg" not in content


def test_tally_chart_is_an_svg_of_the_years(client, programme):
    response = client.get("/projets/bilan/graphique.svg")

    assert response["Content-Type"] == "image/svg+xml"
    root = ElementTree.fromstring(response.content)
    texts = {text.text for text in root.iter("{http://www.w3.org/2000/svg}text")}
    assert {"2024", "2025", "Apport de la ville (€)"} <= texts
    assert "Heures des habitants valorisées (€)" in texts
    # Its colours are inline styles: this response alone lets them through.
    assert "'unsafe-inline'" in response["Content-Security-Policy"]


@pytest.mark.parametrize("n", [1, 30])
def test_tally_queries_do_not_grow(client, django_assert_num_queries, n):
    for year in range(n):
        version = AgreedVersionFactory(project__agreed_at=_at(2000 + year))
        TownLineFactory(version=version)
        ResidentsLineFactory(version=version)
    client.get("/projets/bilan/")  # the site's footer settings are created on the first view

    with django_assert_num_queries(5):
        response = client.get("/projets/bilan/")

    assert response.content.decode().count('<th scope="row">20') == n


@pytest.mark.parametrize("n", [1, 30])
def test_tally_chart_queries_do_not_grow(client, django_assert_num_queries, n):
    for year in range(n):
        version = AgreedVersionFactory(project__agreed_at=_at(2000 + year))
        TownLineFactory(version=version)

    with django_assert_num_queries(3):
        response = client.get("/projets/bilan/graphique.svg")

    assert response.status_code == 200
