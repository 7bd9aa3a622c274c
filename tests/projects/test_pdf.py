import datetime
import io
from decimal import Decimal

import pytest
from pypdf import PdfReader

from projects.models import ProjectStatus
from tests.factories.projects import (
    AgreedVersionFactory,
    AgreementVersionFactory,
    InternalNoteFactory,
    ProjectContactFactory,
    ResidentsLineFactory,
    TownLineFactory,
)

pytestmark = pytest.mark.django_db


def _agreed(**fields):
    fields = {
        "town_agreed_at": datetime.datetime(2025, 3, 4, 10, tzinfo=datetime.UTC),
        "residents_agreed_at": datetime.datetime(2025, 3, 9, 18, tzinfo=datetime.UTC),
        **fields,
    }
    version = AgreedVersionFactory(
        number=2,
        project__title="Le verger de la cité 5",
        project__carrier_name="Les jardiniers de la cité 5",
        project__status=ProjectStatus.RUNNING,
        **fields,
    )
    TownLineFactory(version=version, description="Achat de 12 pommiers", value=Decimal("1250.00"))
    ResidentsLineFactory(
        version=version, description="Planter et tailler", people=8, hours=Decimal("32.0")
    )
    return version


def _text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_pdf_of_the_agreed_version_gives_both_sides_and_the_dates(client):
    version = _agreed()

    response = client.get(f"/projets/{version.project.slug}/convention-v2.pdf")

    text = _text(response.content)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "Convention fifty-fifty" in text
    assert "Le verger de la cité 5" in text
    assert "Porté par : Les jardiniers de la cité 5 (un groupe d'habitants)" in text
    assert "Achat de 12 pommiers" in text
    assert "1 250,00 €" in text.replace("\u00a0", " ")
    assert "Planter et tailler" in text
    assert "Heures en tout : 32,0" in text
    assert "Acceptée par la ville le 4 mars 2025." in text
    assert "Acceptée par les porteurs du projet le 9 mars 2025." in text


def test_pdf_carries_a_french_title(client):
    version = _agreed()

    response = client.get(f"/projets/{version.project.slug}/convention-v2.pdf")

    metadata = PdfReader(io.BytesIO(response.content)).metadata
    assert metadata.title == "Convention fifty-fifty — Le verger de la cité 5, version 2"
    assert metadata.author == "Ville de Loos-en-Gohelle"


def test_pdf_never_carries_the_contact_or_the_notes(client):
    version = _agreed()
    contact = ProjectContactFactory(
        project=version.project, name="Chantal Lefebvre", email="chantal@exemple.fr"
    )
    InternalNoteFactory(project=version.project, text="Relancer les espaces verts")

    response = client.get(f"/projets/{version.project.slug}/convention-v2.pdf")

    for text in (response.content, _text(response.content).encode()):
        for secret in (contact.name, contact.email, contact.phone, "Relancer les espaces verts"):
            assert secret.encode() not in text


@pytest.mark.parametrize(
    "agreed",
    [
        {"town_agreed_at": None},
        {"residents_agreed_at": None},
    ],
)
def test_pdf_of_a_version_one_side_has_not_agreed_is_not_found(client, agreed):
    version = _agreed(**agreed)

    response = client.get(f"/projets/{version.project.slug}/convention-v2.pdf")

    assert response.status_code == 404


def test_pdf_of_a_later_draft_is_not_found_while_the_agreed_one_stays(client):
    version = _agreed()
    AgreementVersionFactory(project=version.project, number=3)

    slug = version.project.slug
    assert client.get(f"/projets/{slug}/convention-v3.pdf").status_code == 404
    assert client.get(f"/projets/{slug}/convention-v2.pdf").status_code == 200
    assert client.get(f"/projets/{slug}/convention-v9.pdf").status_code == 404


@pytest.mark.parametrize(
    "fields",
    [
        {"status": ProjectStatus.UNCONFIRMED},
        {"status": ProjectStatus.WITHDRAWN},
        {"show_publicly": False},
    ],
)
def test_pdf_of_a_hidden_project_is_not_found(client, fields):
    version = _agreed()
    project = version.project
    for name, value in fields.items():
        setattr(project, name, value)
    project.save()

    response = client.get(f"/projets/{project.slug}/convention-v2.pdf")

    assert response.status_code == 404


@pytest.mark.parametrize("n", [1, 30])
def test_pdf_queries_do_not_grow(client, django_assert_num_queries, n):
    version = _agreed()
    for _ in range(n):
        TownLineFactory(version=version)
        ResidentsLineFactory(version=version)

    with django_assert_num_queries(3):
        response = client.get(f"/projets/{version.project.slug}/convention-v2.pdf")

    assert response.status_code == 200
