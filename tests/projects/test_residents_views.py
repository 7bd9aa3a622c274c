"""The residents' pages: propose on a phone, the thanks page, the private follow page."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone

from projects.agreements import agreement_version_create
from projects.links import project_confirm_code, project_follow_path, project_follow_token
from projects.models import Project, ProjectStatus, Side
from projects.proposals import project_propose
from tests.factories.media import jpeg_with_gps_bytes, upload
from tests.factories.projects import (
    DecisionFactory,
    InternalNoteFactory,
    ProjectContactFactory,
    ProjectFactory,
    TownRequestFactory,
    proposal_data,
    proposal_form,
)
from tests.forms import error_summary

pytestmark = pytest.mark.django_db

PROPOSE = "/projets/proposer/"


def _follow(project) -> str:
    return project_follow_path(token=project_follow_token(project=project))


# Proposing ------------------------------------------------------------------------------------


def test_propose_form_is_served_in_french_with_request_lines_and_noindex(client, home_page):
    response = client.get(PROPOSE)

    html = response.content.decode()
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "Proposer un projet fifty-fifty" in html
    assert 'name="demandes-2-description"' in html
    assert 'name="photos"' in html and "multiple" in html
    assert 'name="website"' in html  # the honeypot


def test_propose_stores_the_proposal_and_shows_the_private_link(
    client, home_page, django_capture_on_commit_callbacks
):
    data = proposal_form()
    data["photos"] = [upload(jpeg_with_gps_bytes(), "IMG_1.jpg", "image/jpeg")]

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(PROPOSE, data)

    assert response.status_code == 302
    assert response["Location"] == "/projets/proposer/merci/"
    project = Project.objects.get()
    assert project.status == ProjectStatus.UNCONFIRMED
    assert [(r.kind, r.amount) for r in project.requests.all()] == [("money", Decimal("320"))]
    assert project.photos.get().image is not None
    assert len(mail.outbox) == 1
    thanks = client.get(response["Location"]).content.decode()
    assert f"http://testserver{_follow(project)}" in thanks
    assert "Ajoutez-le à vos favoris" in thanks


def test_propose_errors_are_french_next_to_fields_and_input_kept(client, home_page):
    data = proposal_form(
        address="",
        email="pas-une-adresse",
        latitude="50.45",
        need="",
        **{"demandes-0-amount": ""},
    )
    data["photos"] = [upload(b"texte" * 50, "photo.jpg", "image/jpeg")]

    response = client.post(PROPOSE, data)

    html = response.content.decode()
    assert response.status_code == 200
    assert Project.objects.count() == 0
    assert set(response.context["form"].errors) == {"email", "longitude", "need", "photos"}
    assert response.context["formset"].errors[0] == {
        "amount": ["Indiquez le montant demandé, en euros."]
    }
    assert "Un point se donne avec sa latitude et sa longitude." in html
    assert "Dites en quelques mots à quoi le projet servira." in html
    assert "Cette adresse semble incomplète" in html
    assert "n&#x27;est pas une photo lisible" in html
    assert "choisissez à nouveau vos photos" in html
    assert 'value="Une haie pour la rue Bollaert"' in html
    assert 'value="Achat de 40 plants"' in html
    assert html.index('id="champ-longitude"') < html.index("Un point se donne")


def test_propose_refused_shows_one_summary_linking_to_fields_and_lines(client, home_page):
    response = client.post(
        PROPOSE, proposal_form(email="pas-une-adresse", **{"demandes-0-amount": ""})
    )

    summary = error_summary(response.content.decode())
    assert summary.links == {
        "Votre adresse électronique": "champ-email",
        "Demande 1 : Montant en euros (pour une demande d'argent)": "champ-demandes-0-amount",
    }
    assert summary.text.startswith("2 champs sont à corriger")
    assert summary.focusable


def test_propose_asks_where_when_no_place_point_nor_address(client, home_page):
    response = client.post(PROPOSE, proposal_form(address=""))

    assert response.context["form"].errors == {
        "place": [
            "Dites où : choisissez un lieu, donnez un point (latitude et longitude) ou "
            "écrivez l'adresse en quelques mots."
        ]
    }
    assert Project.objects.count() == 0


def test_propose_honeypot_looks_accepted_and_stores_nothing(client, home_page):
    response = client.post(PROPOSE, proposal_form(website="http://spam.example"))

    assert response.status_code == 302
    assert Project.objects.count() == 0
    assert mail.outbox == []


def test_propose_is_rate_limited_with_the_text_kept(client, home_page, settings):
    settings.PUBLIC_FORM_RATE_LIMITS = {
        **settings.PUBLIC_FORM_RATE_LIMITS,
        "project_proposal": {"seconds": 3600, "address": 2, "email": None},
    }
    for _ in range(2):
        assert client.post(PROPOSE, proposal_form()).status_code == 302

    response = client.post(PROPOSE, proposal_form(title="La troisième haie"))

    html = response.content.decode()
    assert response.status_code == 429
    assert Project.objects.count() == 2
    assert "celui-ci n&#x27;est pas enregistré" in html
    assert 'value="La troisième haie"' in html


def test_propose_loses_nothing_when_the_mail_server_refuses(
    client, home_page, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.mail_backends.RefusingSMTPBackend"

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(PROPOSE, proposal_form())

    assert response.status_code == 302
    project = Project.objects.get()
    assert project.contact.email == "chantal@exemple.fr"
    assert project.requests.count() == 1


# The private link -----------------------------------------------------------------------------


def test_the_mailed_link_confirms_the_address_once(client, home_page):
    project = project_propose(data=proposal_data())
    code = project_confirm_code(project=project)

    response = client.get(f"{_follow(project)}?confirmer={code}", follow=True)

    project.refresh_from_db()
    assert project.status == ProjectStatus.RECEIVED
    assert response.redirect_chain == [(_follow(project), 302)]
    assert "votre adresse est confirmée" in response.content.decode()


def test_the_link_without_the_mailed_code_does_not_confirm(client, home_page):
    project = project_propose(data=proposal_data())

    response = client.get(f"{_follow(project)}?confirmer=forged")

    project.refresh_from_db()
    assert project.status == ProjectStatus.UNCONFIRMED
    assert "Confirmez votre adresse" in response.content.decode()


def test_a_forged_private_link_answers_a_french_404(client, home_page):
    response = client.get("/projets/suivi/forged-token/")

    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()


def test_follow_page_is_private_and_never_shows_contact_nor_notes(client, home_page):
    project = ProjectFactory(status=ProjectStatus.IN_STUDY)
    ProjectContactFactory(project=project, name="Chantal Lefebvre", email="chantal@exemple.fr")
    InternalNoteFactory(project=project, text="Voisine difficile, rappeler le maire.")
    DecisionFactory(project=project, status=ProjectStatus.IN_STUDY, answer="Nous étudions.")
    TownRequestFactory(project=project, description="Prêt de bêches")

    response = client.get(_follow(project))

    html = response.content.decode()
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "À l&#x27;étude" in html
    assert "Nous étudions." in html
    assert "Prêt de bêches" in html
    assert "Chantal Lefebvre" not in html
    assert "chantal@exemple.fr" not in html
    assert "06 12 34 56 78" not in html
    assert "Voisine difficile" not in html


def test_follow_edit_changes_the_proposal_while_editable(client, home_page):
    project = ProjectFactory(status=ProjectStatus.RECEIVED, address="Rue Bollaert")
    TownRequestFactory(project=project, description="Prêt de bêches")
    data = proposal_form(title="Une haie et un banc")

    response = client.post(_follow(project) + "modifier/", data, follow=True)

    project.refresh_from_db()
    assert project.title == "Une haie et un banc"
    assert [r.description for r in project.requests.all()] == ["Achat de 40 plants"]
    assert "Vos modifications sont enregistrées." in response.content.decode()


def test_follow_edit_form_shows_the_current_request_lines(client, home_page):
    project = ProjectFactory(status=ProjectStatus.RECEIVED, address="Rue Bollaert")
    TownRequestFactory(project=project, description="Prêt de bêches")

    html = client.get(_follow(project) + "modifier/").content.decode()

    assert 'value="Prêt de bêches"' in html


def test_follow_edit_is_closed_once_agreed(client, home_page):
    project = ProjectFactory(status=ProjectStatus.AGREED, title="Avant")

    response = client.post(_follow(project) + "modifier/", proposal_form(), follow=True)

    project.refresh_from_db()
    assert project.title == "Avant"
    assert "la proposition ne se modifie plus" in response.content.decode()


# The agreement from the private link -------------------------------------------------------


LINES_V1 = [
    {"side": Side.TOWN, "kind": "money", "description": "40 plants", "value": Decimal("320")},
    {"side": Side.RESIDENTS, "description": "Planter", "people": 6, "hours": Decimal("18")},
]
LINES_V2 = [
    {"side": Side.TOWN, "kind": "money", "description": "40 plants", "value": Decimal("400")},
    {"side": Side.RESIDENTS, "description": "Planter", "people": 6, "hours": Decimal("18")},
    {"side": Side.RESIDENTS, "description": "Arroser l'été", "people": 2, "hours": Decimal("10")},
]


def test_follow_shows_the_latest_version_and_what_changed(client, home_page):
    project = ProjectFactory(status=ProjectStatus.ACCEPTED)
    agreement_version_create(project=project, lines=LINES_V1)
    agreement_version_create(project=project, lines=LINES_V2, summary="Plus de plants")

    html = client.get(_follow(project)).content.decode()

    assert "version 2" in html
    assert "Ce qui change depuis la version 1" in html
    assert "valeur (€) <del>320,00</del> → <ins>400,00</ins>" in html
    assert "Ajoutée :</strong> Les habitants — Arroser l&#x27;été" in html
    assert "J'accepte cette version" in html


def test_residents_agree_from_the_private_link_then_the_pdf_is_offered(client, home_page):
    project = ProjectFactory(status=ProjectStatus.ACCEPTED)
    agreement_version_create(project=project, lines=LINES_V1)
    version = agreement_version_create(project=project, lines=LINES_V2)
    version.town_agreed_at = timezone.now()
    version.save()

    response = client.post(_follow(project) + "accepter/2/", follow=True)

    html = response.content.decode()
    project.refresh_from_db()
    version.refresh_from_db()
    assert version.residents_agreed_at is not None
    assert project.status == ProjectStatus.AGREED
    assert "la convention est signée des deux côtés" in html
    assert f"/projets/{project.slug}/convention-v2.pdf" in html
    assert "J'accepte cette version" not in html


def test_agreeing_to_a_replaced_version_is_refused_in_french(client, home_page):
    project = ProjectFactory(status=ProjectStatus.ACCEPTED)
    first = agreement_version_create(project=project, lines=LINES_V1)
    agreement_version_create(project=project, lines=LINES_V2)

    response = client.post(_follow(project) + "accepter/1/", follow=True)

    first.refresh_from_db()
    assert first.residents_agreed_at is None
    assert "a été remplacée" in response.content.decode()


def test_agreeing_needs_a_post(client, home_page):
    project = ProjectFactory(status=ProjectStatus.ACCEPTED)
    agreement_version_create(project=project, lines=LINES_V1)

    assert client.get(_follow(project) + "accepter/1/").status_code == 405


# Query counts --------------------------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 30])
def test_follow_page_queries_do_not_grow_with_lines(
    client, home_page, django_assert_num_queries, count
):
    project = ProjectFactory(status=ProjectStatus.RUNNING)
    ProjectContactFactory(project=project)
    for number in range(count):
        TownRequestFactory(project=project, description=f"Demande {number}")
        DecisionFactory(project=project)
    lines = [
        {"side": side, "description": f"Ligne {number}", "hours": Decimal("2")}
        for number in range(count)
        for side in (Side.TOWN, Side.RESIDENTS)
    ]
    agreement_version_create(project=project, lines=lines[1:])
    agreement_version_create(project=project, lines=lines)
    for number in range(count):
        project.updates.create(
            side=Side.RESIDENTS,
            text=f"Nouvelles {number}",
            happened_on=datetime.date(2026, 5, 1),
        )
    path = _follow(project)

    with django_assert_num_queries(14):
        response = client.get(path)

    assert response.status_code == 200
