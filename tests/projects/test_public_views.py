import datetime
import io
import json
from decimal import Decimal

import pytest
from pypdf import PdfReader

from projects.models import ProjectKind, ProjectStatus, UpdateStatus
from tests.factories.archive import ArchiveIndexPageFactory, ArchiveItemPageFactory, PlaceFactory
from tests.factories.projects import (
    AgreedVersionFactory,
    AgreementVersionFactory,
    CompletionReportFactory,
    DecisionFactory,
    InternalNoteFactory,
    ProgressUpdateFactory,
    ProjectContactFactory,
    ProjectFactory,
    ProjectPhotoFactory,
    ResidentsLineFactory,
    TownLineFactory,
    WorkDayFactory,
    today,
)

pytestmark = pytest.mark.django_db

SECRET_NOTE = "Le porteur est le cousin de l'adjoint"


def _public_project(**fields):
    """A running public project with its private contact and the team's note."""
    version = AgreedVersionFactory(
        project__status=ProjectStatus.RUNNING, project__latitude=50.45, project__longitude=2.79
    )
    project = version.project
    for name, value in fields.items():
        setattr(project, name, value)
    project.save()
    TownLineFactory(version=version)
    ResidentsLineFactory(version=version)
    ProjectContactFactory(
        project=project, email="chantal.secret@exemple.fr", phone="06 99 88 77 66"
    )
    InternalNoteFactory(project=project, text=SECRET_NOTE)
    WorkDayFactory(project=project)
    return project


def _hidden_projects() -> list:
    """One project per way of being hidden, each with an agreed version and a work day, so
    that only the public rule keeps them out of every channel."""
    hidden = []
    for title, fields in (
        ("Projet non confirmé", {"status": ProjectStatus.UNCONFIRMED}),
        ("Projet discret", {"status": ProjectStatus.RUNNING, "show_publicly": False}),
        ("Projet retiré", {"status": ProjectStatus.WITHDRAWN}),
    ):
        version = AgreedVersionFactory(
            project__title=title, project__latitude=50.1, project__longitude=2.1
        )
        project = version.project
        for name, value in fields.items():
            setattr(project, name, value)
        project.save()
        TownLineFactory(version=version, description=f"Ligne de {title}")
        WorkDayFactory(project=project, title=f"Chantier de {title}")
        hidden.append(project)
    return hidden


# The list ---------------------------------------------------------------------------------


def test_list_shows_public_projects_only(client):
    shown = _public_project(title="Le verger de la cité 5")
    _hidden_projects()

    response = client.get("/projets/")

    content = response.content.decode()
    assert response.status_code == 200
    assert shown.title in content
    for title in ("Projet non confirmé", "Projet discret", "Projet retiré"):
        assert title not in content
    pins = json.loads(
        content.split('id="carte-projets-pins" type="application/json">')[1].split("</script>")[0]
    )
    assert [pin["name"] for pin in pins] == [shown.title]


def test_list_filters_by_status_kind_and_place(client):
    fosse = PlaceFactory(name="Fosse 11/19", slug="fosse-11-19")
    wanted = ProjectFactory(
        title="Haie de la fosse",
        status=ProjectStatus.RUNNING,
        kind=ProjectKind.PLANTING,
        place=fosse,
    )
    ProjectFactory(title="Haie ailleurs", status=ProjectStatus.RUNNING, kind=ProjectKind.PLANTING)
    ProjectFactory(
        title="Jardin de la fosse",
        status=ProjectStatus.RUNNING,
        kind=ProjectKind.GARDEN,
        place=fosse,
    )
    ProjectFactory(
        title="Haie à l'étude",
        status=ProjectStatus.IN_STUDY,
        kind=ProjectKind.PLANTING,
        place=fosse,
    )

    response = client.get(
        "/projets/", {"etat": "running", "nature": "planting", "lieu": "fosse-11-19"}
    )

    content = response.content.decode()
    assert wanted.title in content
    for other in ("Haie ailleurs", "Jardin de la fosse", "Haie à l'étude"):
        assert other not in content
    assert '<option value="fosse-11-19" selected>Fosse 11/19</option>' in content


def test_list_offers_no_hidden_status_as_a_filter(client):
    response = client.get("/projets/", {"etat": "withdrawn"})

    content = response.content.decode()
    assert 'value="withdrawn"' not in content
    assert 'value="unconfirmed"' not in content


def test_list_paginates_and_keeps_the_filters(client):
    for _ in range(21):
        ProjectFactory(status=ProjectStatus.RUNNING)

    response = client.get("/projets/", {"etat": "running"})

    content = response.content.decode()
    assert content.count('class="project-card"') == 20
    assert 'href="?etat=running&amp;page=2"' in content
    assert (
        client.get("/projets/", {"etat": "running", "page": 2})
        .content.decode()
        .count('class="project-card"')
        == 1
    )


def test_list_calls_to_propose_a_project(client):
    response = client.get("/projets/")

    assert (
        '<a class="button" href="/projets/proposer/">Proposer un projet</a>'
        in response.content.decode()
    )


@pytest.mark.parametrize("n", [1, 30])
def test_list_queries_do_not_grow(client, django_assert_num_queries, n):
    place = PlaceFactory()
    for i in range(n):
        ProjectFactory(status=ProjectStatus.RUNNING, place=place if i % 2 else None)
    client.get("/projets/")  # the site's footer settings are created on the first view

    with django_assert_num_queries(5):
        response = client.get("/projets/")

    assert response.content.decode().count('class="project-card"') == min(n, 20)


# A project's page ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "fields",
    [
        {"status": ProjectStatus.UNCONFIRMED},
        {"status": ProjectStatus.RUNNING, "show_publicly": False},
    ],
)
def test_detail_of_a_hidden_project_is_not_found(client, fields):
    project = ProjectFactory(**fields)

    response = client.get(f"/projets/{project.slug}/")

    assert response.status_code == 404


def test_detail_of_a_withdrawn_project_is_gone_with_a_french_page(client):
    project = ProjectFactory(status=ProjectStatus.WITHDRAWN, title="Le banc de la rue Bollaert")
    DecisionFactory(
        project=project, status=ProjectStatus.DECLINED, answer="Le trottoir est trop étroit."
    )

    response = client.get(f"/projets/{project.slug}/")

    content = response.content.decode()
    assert response.status_code == 410
    assert "Ce projet a été retiré par ses porteurs" in content
    assert project.title not in content
    assert "Le trottoir est trop étroit." in content


def test_withdrawn_project_never_shown_keeps_no_public_trace(client):
    project = ProjectFactory(status=ProjectStatus.WITHDRAWN, show_publicly=False)
    DecisionFactory(project=project, answer="Réponse jamais publiée")

    response = client.get(f"/projets/{project.slug}/")

    assert response.status_code == 410
    assert "Réponse jamais publiée" not in response.content.decode()


def test_detail_shows_the_latest_agreed_version_not_a_later_draft(client):
    agreed = AgreedVersionFactory(
        number=1,
        town_agreed_at=datetime.datetime(2025, 3, 4, 10, tzinfo=datetime.UTC),
        residents_agreed_at=datetime.datetime(2025, 3, 9, 18, tzinfo=datetime.UTC),
    )
    project = agreed.project
    TownLineFactory(version=agreed, description="Prêt d'une tarière", value=None)
    ResidentsLineFactory(version=agreed, description="Creuser les trous", hours=Decimal("12.5"))
    draft = AgreementVersionFactory(project=project, number=2)
    TownLineFactory(version=draft, description="Ligne encore en discussion")

    content = client.get(f"/projets/{project.slug}/").content.decode()

    assert "Prêt d&#x27;une tarière" in content
    assert "Creuser les trous</td><td>6</td><td>12,5</td>" in content
    assert "Ligne encore en discussion" not in content
    assert f'href="/projets/{project.slug}/convention-v1.pdf"' in content
    assert (
        "Version 1, acceptée par la ville le 4 mars 2025 et par les porteurs du projet le "
        "9 mars 2025." in content
    )


def test_detail_without_agreement_says_so(client):
    project = ProjectFactory(status=ProjectStatus.IN_STUDY)
    DecisionFactory(
        project=project, status=ProjectStatus.IN_STUDY, answer="Nous regardons le terrain."
    )

    content = client.get(f"/projets/{project.slug}/").content.decode()

    assert "La ville et les porteurs n'ont pas encore signé de convention." in content
    assert "<strong>À l&#x27;étude</strong>" in content
    assert "Nous regardons le terrain." in content


def test_detail_shows_the_town_answers_in_order(client):
    project = ProjectFactory(status=ProjectStatus.ACCEPTED)
    DecisionFactory(project=project, status=ProjectStatus.IN_STUDY, answer="Première réponse")
    DecisionFactory(project=project, status=ProjectStatus.ACCEPTED, answer="Deuxième réponse")

    content = client.get(f"/projets/{project.slug}/").content.decode()

    assert content.index("Première réponse") < content.index("Deuxième réponse")


def test_detail_shows_upcoming_work_days_with_their_signup_link(client):
    project = ProjectFactory(status=ProjectStatus.RUNNING)
    coming = WorkDayFactory(project=project, title="Plantation du samedi")
    WorkDayFactory(
        project=project, title="Chantier passé", date=today() - datetime.timedelta(days=3)
    )

    content = client.get(f"/projets/{project.slug}/").content.decode()

    assert "Plantation du samedi" in content
    assert f'href="/projets/{project.slug}/chantiers/{coming.pk}/"' in content
    assert "Chantier passé" not in content


def test_detail_shows_published_updates_only(client):
    project = ProjectFactory(status=ProjectStatus.RUNNING)
    ProgressUpdateFactory(
        project=project, text="Les trous sont faits", status=UpdateStatus.PUBLISHED
    )
    ProgressUpdateFactory(project=project, text="Pas encore relue", status=UpdateStatus.PENDING)
    ProgressUpdateFactory(
        project=project, text="Refusée par l'équipe", status=UpdateStatus.DECLINED
    )

    content = client.get(f"/projets/{project.slug}/").content.decode()

    assert "Les trous sont faits" in content
    assert "Pas encore relue" not in content
    assert "Refusée par l" not in content


def test_detail_compares_promised_and_delivered_on_both_sides(client):
    version = AgreedVersionFactory(project__status=ProjectStatus.COMPLETED)
    project = version.project
    TownLineFactory(
        version=version,
        description="Plants",
        value=Decimal("320.00"),
        delivered_value=Decimal("280.00"),
    )
    TownLineFactory(version=version, description="Paillage", value=Decimal("100.00"))
    ResidentsLineFactory(
        version=version,
        description="Planter",
        hours=Decimal("18.0"),
        delivered_hours=Decimal("24.5"),
    )
    CompletionReportFactory(
        project=project,
        residents_account="Le matériel est arrivé en retard.",
        town_account="Nous ferons mieux.",
        town_signed_by="Le maire adjoint",
    )

    content = client.get(f"/projets/{project.slug}/").content.decode()

    assert '<th scope="row">Plants</th><td>320,00 €</td><td>280,00 €</td>' in content
    assert '<th scope="row">Paillage</th><td>100,00 €</td><td>non renseigné</td>' in content
    assert "<td>420,00 €</td><td>280,00 €</td>" in content
    assert '<th scope="row">Planter</th><td>18 h</td><td>24,5 h</td>' in content
    assert "Le matériel est arrivé en retard." in content
    assert "— Le maire adjoint" in content


def test_detail_tables_that_scroll_sideways_are_reached_by_the_keyboard(client):
    # On a phone the agreement's and the report's tables scroll sideways: a keyboard user
    # must be able to focus them to scroll (axe: scrollable-region-focusable).
    version = AgreedVersionFactory(project__status=ProjectStatus.COMPLETED)
    TownLineFactory(version=version, delivered_value=Decimal("280.00"))
    ResidentsLineFactory(version=version, delivered_hours=Decimal("24.5"))

    content = client.get(f"/projets/{version.project.slug}/").content.decode()

    for name in (
        "Ce qu'apporte la ville",
        "Ce qu'apportent les habitants",
        "La ville : promis et fourni, en euros",
        "Les habitants : promis et donné, en heures",
    ):
        assert (
            f'<div class="table-scroll" role="region" aria-label="{name}" tabindex="0">' in content
        )


def test_detail_links_the_archive_item(client, home_page):
    index = ArchiveIndexPageFactory(parent=home_page)
    index.save_revision().publish()
    item = ArchiveItemPageFactory(parent=index, title="La haie dans l'archive")
    project = ProjectFactory(status=ProjectStatus.COMPLETED, archive_item=item)

    content = client.get(f"/projets/{project.slug}/").content.decode()

    assert "La haie dans l&#x27;archive" in content


def test_detail_hides_an_archive_item_the_archive_does_not_show(client, home_page):
    index = ArchiveIndexPageFactory(parent=home_page)
    index.save_revision().publish()
    draft = ArchiveItemPageFactory(parent=index, title="Brouillon du récit", live=False)
    project = ProjectFactory(status=ProjectStatus.COMPLETED, archive_item=draft)

    content = client.get(f"/projets/{project.slug}/").content.decode()

    assert "Brouillon du récit" not in content
    assert "Dans l'archive des mémoires" not in content


@pytest.mark.parametrize("n", [1, 30])
def test_detail_queries_do_not_grow(client, django_assert_num_queries, n):
    version = AgreedVersionFactory(
        project__status=ProjectStatus.RUNNING, project__place=PlaceFactory()
    )
    project = version.project
    for _ in range(n):
        TownLineFactory(version=version, delivered_value=Decimal("10"))
        ResidentsLineFactory(version=version)
        DecisionFactory(project=project)
        WorkDayFactory(project=project)
        update = ProgressUpdateFactory(project=project, status=UpdateStatus.PUBLISHED)
        ProjectPhotoFactory(project=project, update=update)
    CompletionReportFactory(project=project)
    client.get(project.get_absolute_url())  # renditions are created on the first view

    # 12 for the project, 1 for the Ch'ti TAIDx talks that tell it (none here).
    with django_assert_num_queries(12):
        response = client.get(project.get_absolute_url())

    assert response.content.decode().count("<figure>") == n


# No channel says what is private -----------------------------------------------------------

CHANNELS = (
    "/projets/",
    "/projets/bilan/",
    "/projets/donnees/projets.csv",
    "/projets/donnees/projets.json",
    "/projets/chantiers.ics",
)


def _pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_no_channel_shows_the_contact_or_the_notes(client):
    project = _public_project()
    version = project.agreements.get()
    contact = project.contact
    urls = [
        *CHANNELS,
        project.get_absolute_url(),
        f"/projets/{project.slug}/convention-v{version.number}.pdf",
    ]

    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        texts = [response.content]
        if url.endswith(".pdf"):
            texts.append(_pdf_text(response.content).encode())
        for text in texts:
            for secret in (contact.email, contact.phone, contact.name, SECRET_NOTE):
                assert secret.encode() not in text, (url, secret)


def test_no_channel_shows_a_hidden_project(client):
    _public_project()
    hidden = _hidden_projects()

    for url in CHANNELS:
        content = client.get(url).content
        for project in hidden:
            assert project.title.encode() not in content, (url, project.title)
            assert project.slug.encode() not in content, (url, project.slug)
            assert f"Ligne de {project.title}".encode() not in content
            assert f"Chantier de {project.title}".encode() not in content
    for project in hidden:
        version = project.agreements.get()
        assert (
            client.get(f"/projets/{project.slug}/convention-v{version.number}.pdf").status_code
            == 404
        )


def test_main_menu_leads_to_the_projects(client, home_page):
    content = client.get("/projets/").content.decode()

    assert '<li><a href="/projets/" aria-current="page">Projets fifty-fifty</a></li>' in content


def test_list_ignores_a_filter_value_it_does_not_know(client):
    shown = ProjectFactory(status=ProjectStatus.RUNNING)

    response = client.get("/projets/", {"etat": "withdrawn", "nature": "rocket"})

    assert response.status_code == 200
    assert shown.title in response.content.decode()
