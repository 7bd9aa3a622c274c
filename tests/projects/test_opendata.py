import csv
import datetime
import io
import json
from decimal import Decimal

import icalendar
import pytest

from projects.models import ProjectStatus
from tests.factories.archive import PlaceFactory
from tests.factories.projects import (
    AgreedVersionFactory,
    AgreementVersionFactory,
    ProjectContactFactory,
    ProjectFactory,
    ResidentsLineFactory,
    TownLineFactory,
    WorkDayFactory,
    today,
)

pytestmark = pytest.mark.django_db

HIDDEN = (
    {"status": ProjectStatus.UNCONFIRMED},
    {"status": ProjectStatus.WITHDRAWN},
    {"status": ProjectStatus.RUNNING, "show_publicly": False},
)


@pytest.fixture
def orchard():
    """A public project with an agreed version (two lines), a later draft and a contact."""
    version = AgreedVersionFactory(
        number=1,
        project__title="Le verger de la cité 5",
        project__slug="verger-cite-5",
        project__status=ProjectStatus.RUNNING,
        project__place=PlaceFactory(name="Cité 5", latitude=50.46, longitude=2.79),
    )
    TownLineFactory(version=version, description="Achat de 12 pommiers", value=Decimal("1250.00"))
    ResidentsLineFactory(
        version=version,
        description="Planter",
        hours=Decimal("32.0"),
        delivered_hours=Decimal("30.5"),
    )
    draft = AgreementVersionFactory(project=version.project, number=2)
    TownLineFactory(version=draft, description="Ligne en discussion")
    ProjectContactFactory(project=version.project, email="chantal@exemple.fr")
    return version.project


def _hide_some():
    for index, fields in enumerate(HIDDEN):
        version = AgreedVersionFactory(project__title=f"Projet caché {index}")
        project = version.project
        for name, value in fields.items():
            setattr(project, name, value)
        project.save()
        TownLineFactory(version=version, description=f"Ligne cachée {index}")
        WorkDayFactory(project=project, title=f"Chantier caché {index}")


# CSV and JSON -------------------------------------------------------------------------------


def test_csv_has_one_row_per_agreed_line_of_public_projects(client, orchard):
    ProjectFactory(title="Une idée à l'étude", slug="idee", status=ProjectStatus.IN_STUDY)
    _hide_some()

    response = client.get("/projets/donnees/projets.csv")

    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert [(row["projet"], row["ligne_description"]) for row in rows] == [
        ("verger-cite-5", "Achat de 12 pommiers"),
        ("verger-cite-5", "Planter"),
        ("idee", ""),
    ]
    first, second, _idea = rows
    assert (first["etat_libelle"], first["lieu"], first["latitude"]) == (
        "En cours",
        "Cité 5",
        "50.46",
    )
    assert (first["ligne_partie"], first["ligne_valeur_euros"]) == ("La ville", "1250.00")
    assert (second["ligne_heures"], second["ligne_heures_donnees"]) == ("32.0", "30.5")
    assert first["adresse_web"] == "http://testserver/projets/verger-cite-5/"


def test_json_nests_the_agreed_lines_in_their_project(client, orchard):
    _hide_some()

    response = client.get("/projets/donnees/projets.json")

    data = json.loads(response.content)
    [project] = data["projets"]
    assert (project["projet"], project["convention_version"]) == ("verger-cite-5", 1)
    assert [line["ligne_description"] for line in project["lignes"]] == [
        "Achat de 12 pommiers",
        "Planter",
    ]
    assert project["lignes"][1]["ligne_heures_donnees"] == "30.5"


@pytest.mark.parametrize("url", ["/projets/donnees/projets.csv", "/projets/donnees/projets.json"])
def test_open_data_holds_no_personal_data_and_no_hidden_project(client, orchard, url):
    _hide_some()

    content = client.get(url).content

    contact = orchard.contact
    for secret in (contact.email, contact.phone, contact.name, "Ligne en discussion"):
        assert secret.encode() not in content
    assert b"cach" not in content


@pytest.mark.parametrize("n", [1, 30])
@pytest.mark.parametrize("url", ["/projets/donnees/projets.csv", "/projets/donnees/projets.json"])
def test_open_data_queries_do_not_grow(client, django_assert_num_queries, url, n):
    for _ in range(n):
        version = AgreedVersionFactory(project__place=PlaceFactory())
        TownLineFactory(version=version)
        ResidentsLineFactory(version=version)

    with django_assert_num_queries(3):
        response = client.get(url)

    assert response.status_code == 200


# The work days' calendar --------------------------------------------------------------------


def _calendar(client) -> icalendar.Calendar:
    response = client.get("/projets/chantiers.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def test_calendar_lists_upcoming_work_days_of_public_projects(client, orchard):
    coming = WorkDayFactory(
        project=orchard,
        title="Plantation des pommiers",
        date=today() + datetime.timedelta(days=5),
        meeting_point="Devant l'école Basly",
    )
    WorkDayFactory(project=orchard, title="Chantier passé", date=today() - datetime.timedelta(1))
    _hide_some()

    events = list(_calendar(client).walk("VEVENT"))

    assert [str(event["summary"]) for event in events] == [
        "Plantation des pommiers — Le verger de la cité 5"
    ]
    [event] = events
    assert event.decoded("dtstart") == coming.date
    assert event.decoded("dtend") == coming.date + datetime.timedelta(days=1)
    assert str(event["uid"]) == f"chantier-{coming.pk}@gohelliades.loos-en-gohelle.fr"
    assert str(event["location"]) == "Devant l'école Basly, Cité 5"
    assert str(event["url"]) == "http://testserver/projets/verger-cite-5/#chantiers"


def test_calendar_holds_no_personal_data(client, orchard):
    WorkDayFactory(project=orchard)

    content = client.get("/projets/chantiers.ics").content

    for secret in (orchard.contact.email, orchard.contact.phone, orchard.contact.name):
        assert secret.encode() not in content


@pytest.mark.parametrize("n", [1, 30])
def test_calendar_queries_do_not_grow(client, django_assert_num_queries, n):
    place = PlaceFactory()
    for _ in range(n):
        WorkDayFactory(project__place=place)

    with django_assert_num_queries(1):
        response = client.get("/projets/chantiers.ics")

    assert response.content.decode().count("BEGIN:VEVENT") == n
