"""The fifty-fifty's « done when », in a real browser: a resident on a phone proposes a project
with a photo and confirms it by the e-mailed link; the town's team (the « Fifty-fifty » group,
not a superuser) answers publicly and drafts the agreement in the admin; the resident agrees to
version 2 from the private link and downloads the PDF; the team plans a work day, two
neighbours sign up for it (one waitlisted, promoted when the other cancels); the lead posts
news that the team approves; the team records what was done and the resident writes the
report; the team puts the completed project into the archive; the project is then in the
tally, the site search, the map and the archive, and the archive's item links back to it."""

import datetime
import json
import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from festival.models import Signup, SignupStatus
from projects.admin import TEAM_GROUP
from projects.models import Project, ProjectStatus, UpdateStatus, WorkDayShift
from tests.factories.archive import ArchiveIndexPageFactory
from tests.factories.home import site_with_home
from tests.factories.media import jpeg_with_gps_bytes
from tests.factories.volunteers import VolunteerRoleFactory

from .browser import DESKTOP, PHONE, admin_log_in, axe_violations, describe_violations

TITLE = "Un verger partagé à la cité 5"


def assert_axe_clean(page) -> None:
    violations = axe_violations(page)
    assert not violations, f"{page.url}\n{describe_violations(violations)}"


def path_in(message, pattern: str) -> str:
    """The site-relative path of the first link in ``message`` that matches ``pattern``."""
    return re.search(rf"https?://[^/\s]+({pattern}\S*)", message.body).group(1)


def new_page(page, live_server, viewport):
    """Another person, in a browser of their own."""
    context = page.context.browser.new_context(
        base_url=live_server.url,
        locale="fr-FR",
        timezone_id="Europe/Paris",
        viewport=viewport,
        is_mobile=viewport["width"] < 600,
        has_touch=viewport["width"] < 600,
        bypass_csp=True,
    )
    context.set_default_timeout(10_000)
    return context.new_page()


def team_decides(team, *, status: str, answer: str) -> None:
    team.get_by_label("Nouvel état").select_option(label=status)
    team.get_by_label("Réponse publique").fill(answer)
    team.get_by_role("button", name="Enregistrer la réponse et prévenir les porteurs").click()
    expect(team.locator(".messages")).to_contain_text(f"Le projet est « {status} »")


def sign_up_for_the_work_day(page, project, shift, *, name: str, email: str, places: str) -> None:
    page.goto(project.get_absolute_url())
    page.get_by_role("link", name="Je viens donner un coup de main").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Chantier participatif")
    choice = page.locator(f"label[for=creneau-{shift.pk}]")
    expect(choice).to_contain_text(places)
    choice.click()
    page.get_by_label("Prénom et nom").fill(name)
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("J'accepte que mes coordonnées servent").check()
    assert_axe_clean(page)
    page.get_by_role("button", name="Je m'inscris").click()
    page.wait_for_url("**/chantiers/*/merci/")


def confirm_sign_up(page, message) -> None:
    page.goto(path_in(message, "/benevoles/confirmer/"))
    page.get_by_role("button", name="Je confirme mon inscription").click()


@pytest.fixture
def fifty_fifty_site(migrated_db):
    home = site_with_home()
    archive = ArchiveIndexPageFactory(parent=home, title="L'archive des mémoires", slug="archive")
    archive.save_revision().publish()
    return home


@pytest.mark.parametrize("viewport", [PHONE], ids=["phone"])
def test_a_project_goes_from_proposal_to_tally_search_and_map(
    page, page_problems, live_server, fifty_fifty_site, django_user_model, tmp_path, viewport
):
    photo = tmp_path / "IMG_0412.jpg"
    photo.write_bytes(jpeg_with_gps_bytes(size=(1200, 900)))

    # 1. A resident proposes the project on a phone, with a photo and a request to the town.
    page.goto("/projets/proposer/")
    page.get_by_label("Le nom du projet").fill(TITLE)
    page.get_by_label("De quel genre de projet s'agit-il ?").select_option(label="Jardin partagé")
    page.get_by_label("À quoi sert le projet ?").fill(
        "Le terrain vague derrière la cité 5 ne sert à rien ; les enfants n'ont pas de fruits."
    )
    page.get_by_label("Un groupe d'habitants").check()
    page.get_by_label("Le nom affiché des porteurs").fill("Les voisins de la cité 5")
    page.get_by_label("Ou un point : latitude").fill("50.4573")
    page.get_by_label("longitude", exact=True).fill("2.7912")
    page.locator("#id_commitment").fill("Huit voisins plantent deux samedis et arrosent l'été.")
    page.locator("#id_demandes-0-kind").select_option(label="Argent")
    page.locator("#id_demandes-0-description").fill("Achat de douze arbres fruitiers")
    page.locator("#id_demandes-0-amount").fill("480")
    page.locator("#id_photos").set_input_files(str(photo))
    page.get_by_label("Vos prénom et nom").fill("Chantal Lefebvre")
    page.get_by_label("Votre adresse électronique").fill("chantal@exemple.fr")
    page.get_by_label("Nos photos peuvent rejoindre l'archive des mémoires.").check()
    page.get_by_label(
        "Une fois terminé, le projet et son bilan peuvent entrer dans l'archive."
    ).check()
    assert_axe_clean(page)
    page.get_by_role("button", name="Envoyer ma proposition").click()
    page.wait_for_url("**/projets/proposer/merci/")
    expect(page.locator("#lien-prive")).to_contain_text("/projets/suivi/")
    assert_axe_clean(page)
    project = Project.objects.get()
    assert project.status == ProjectStatus.UNCONFIRMED
    # The photo went through the upload checks into the image library.
    assert project.photos.get().image is not None

    # 2. The e-mailed link confirms the address and opens the private follow page.
    [received] = mail.outbox
    assert received.to == ["chantal@exemple.fr"]
    page.goto(path_in(received, "/projets/suivi/"))
    expect(page.get_by_text("Merci, votre adresse est confirmée")).to_be_visible()
    follow_path = re.sub(r"\?.*", "", page.url.removeprefix(live_server.url))
    assert follow_path.startswith("/projets/suivi/")
    assert_axe_clean(page)

    # 3. The town's team answers publicly, then drafts the agreement: version 1, then 2.
    member = django_user_model.objects.create_user("equipe", "equipe@exemple.fr", "terril-1984")
    member.groups.add(Group.objects.get(name=TEAM_GROUP))
    team = new_page(page, live_server, DESKTOP)
    admin_log_in(team, "equipe", "terril-1984")
    team.goto("/admin/fifty-fifty/")
    team.get_by_role("link", name=TITLE).click()
    expect(team.get_by_role("heading", level=1)).to_contain_text(TITLE)
    expect(team.get_by_text("chantal@exemple.fr")).to_be_visible()
    file_url = team.url
    team_decides(
        team,
        status="Acceptée",
        answer="Le terrain est communal : la ville finance les arbres, les voisins plantent.",
    )

    # The proposer is told by e-mail; the answer is on the project's public page.
    assert [message.to for message in mail.outbox[1:]] == [["chantal@exemple.fr"]]
    page.goto(project.get_absolute_url())
    expect(page.locator("#reponses").locator("..")).to_contain_text(
        "la ville finance les arbres, les voisins plantent"
    )

    team.get_by_role("link", name="Rédiger la convention").click()
    # The residents' request is the town's first line; the team adds the residents' own.
    expect(team.locator("#id_lines-0-description")).to_have_value("Achat de douze arbres fruitiers")
    team.locator("#id_lines-0-responsible").fill("Service des espaces verts")
    team.locator("#id_lines-1-side").select_option(label="Les habitants")
    team.locator("#id_lines-1-description").fill("Planter et pailler les arbres")
    team.locator("#id_lines-1-people").fill("8")
    team.locator("#id_lines-1-hours").fill("24")
    team.locator("#id_lines-1-responsible").fill("Chantal L.")
    team.get_by_role("button", name="Enregistrer cette version").click()
    expect(team.locator(".messages")).to_contain_text("Version 1 rédigée")

    team.goto(file_url)
    team.get_by_role("link", name="Rédiger une nouvelle version").click()
    team.locator("#id_lines-0-value").fill("400")
    team.get_by_label("Ce qui change").fill(
        "Le pépiniériste fait un prix : 400 € au lieu de 480 €."
    )
    team.get_by_role("button", name="Enregistrer cette version").click()
    expect(team.locator(".messages")).to_contain_text("Version 2 rédigée")
    team.get_by_role("button", name="La ville accepte cette version").click()
    expect(team.locator(".messages")).to_contain_text("il reste l'accord des porteurs")

    # 4. The resident reads version 2 and what changed, agrees, and downloads the signed PDF.
    page.goto(follow_path)
    expect(page.get_by_role("heading", name="La convention fifty-fifty, version 2")).to_be_visible()
    expect(page.get_by_text("Ce qui change depuis la version 1")).to_be_visible()
    expect(page.locator("main")).to_contain_text("la ville finance les arbres")
    assert_axe_clean(page)
    page.get_by_role("button", name="J'accepte cette version").click()
    expect(page.get_by_text("la convention est signée des deux côtés")).to_be_visible()
    pdf_link = page.get_by_role("link", name="Télécharger la convention signée (PDF)")
    pdf = page.request.get(pdf_link.get_attribute("href"))
    assert pdf.status == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")
    assert b"chantal@exemple.fr" not in pdf.body()
    project.refresh_from_db()
    assert project.status == ProjectStatus.AGREED

    # 5. The team plans a work day with one place: Marie takes it, Paul waits; Marie cancels,
    # Paul comes.
    day = timezone.localdate() + datetime.timedelta(days=10)
    VolunteerRoleFactory(name="Planteurs")  # the volunteer roles are shared with the festival
    team.goto(reverse("work_days:add"))
    team.locator("[name=project]").select_option(label=TITLE)
    team.locator("[name=title]").fill("Plantation du verger")
    team.locator("[name=date]").fill(f"{day:%Y-%m-%d}")
    team.locator("[name=meeting_point]").fill("Derrière la cité 5")
    team.get_by_role("button", name="Créer", exact=True).click()
    team.get_by_role("link", name="Ajouter un créneau").click()
    team.locator("#id_role-chooser .unchosen [data-chooser-action-choose]").click()
    team.locator(".modal").get_by_role("link", name="Planteurs").click()
    expect(team.locator("#id_role-chooser")).to_contain_text("Planteurs")
    team.locator("[name=start]").fill(f"{day:%Y-%m-%d} 09:00")
    team.locator("[name=end]").fill(f"{day:%Y-%m-%d} 12:00")
    team.locator("[name=capacity]").fill("1")
    team.get_by_role("button", name="Créer", exact=True).click()
    expect(team.get_by_role("link", name=re.compile("0 sur 1"))).to_be_visible()
    shift = WorkDayShift.objects.get(work_day__project=project)
    assert shift.capacity == 1
    page.goto(project.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    assert_axe_clean(page)
    mail.outbox.clear()
    sign_up_for_the_work_day(
        page, project, shift, name="Marie Dupré", email="marie@exemple.fr", places="1 place libre"
    )
    [for_marie] = mail.outbox
    confirm_sign_up(page, for_marie)
    expect(page.get_by_text("Merci, votre inscription est confirmée.")).to_be_visible()
    marie_page = page.url

    neighbour = new_page(page, live_server, PHONE)
    mail.outbox.clear()
    sign_up_for_the_work_day(
        neighbour,
        project,
        shift,
        name="Paul Lemaire",
        email="paul@exemple.fr",
        places="Complet — rejoindre la liste d'attente",
    )
    [for_paul] = mail.outbox
    confirm_sign_up(neighbour, for_paul)
    paul = Signup.objects.get(volunteer__email="paul@exemple.fr")
    assert paul.status == SignupStatus.WAITLISTED
    neighbour.context.close()

    mail.outbox.clear()
    page.goto(marie_page)
    page.get_by_role("button", name="Annuler ce créneau (Planteurs)").click()
    expect(page.get_by_text("Créneau annulé.")).to_be_visible()
    paul.refresh_from_db()
    assert paul.status == SignupStatus.CONFIRMED
    assert [message.to for message in mail.outbox] == [["paul@exemple.fr"]]

    # 6. The lead gives news from the private link; the team publishes it.
    page.goto(follow_path)
    page.get_by_label("Où en est le projet ?").fill("Les trous sont creusés, le paillis est livré.")
    page.get_by_role("button", name="Envoyer ces nouvelles").click()
    expect(page.get_by_text("Merci pour ces nouvelles !")).to_be_visible()
    team.goto(file_url)
    team.get_by_role("button", name="Publier", exact=True).click()
    expect(team.locator(".messages")).to_contain_text("Nouvelle publiée sur la page du projet.")
    assert project.updates.get().status == UpdateStatus.PUBLISHED
    page.goto(project.get_absolute_url())
    expect(page.locator("#avancement").locator("..")).to_contain_text("Les trous sont creusés")

    # 7. The project runs; the team records what each side did; the lead tells how it went;
    # the team closes it.
    team.goto(file_url)
    team_decides(team, status="En cours", answer="Le chantier commence ce samedi.")
    team.get_by_role("link", name="Enregistrer ce qui a été fait").click()
    town_line, residents_line = project.agreements.get(number=2).lines.all()
    team.locator(f"#id_line-{town_line.pk}-value").fill("395")
    team.locator(f"#id_line-{town_line.pk}-note").fill("Douze arbres livrés par la pépinière")
    team.locator(f"#id_line-{residents_line.pk}-hours").fill("30")
    team.locator(f"#id_line-{residents_line.pk}-note").fill("Deux samedis de plantation")
    team.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(team.locator(".messages")).to_contain_text("2 ligne(s) mise(s) à jour.")

    page.goto(follow_path)
    page.get_by_label("Votre récit de la coopération avec la ville").fill(
        "La ville a tenu parole, mais les arbres sont arrivés avec deux semaines de retard."
    )
    page.get_by_role("button", name="Envoyer mon récit").click()
    expect(page.get_by_text("Merci, votre récit est enregistré dans le bilan.")).to_be_visible()

    team.goto(file_url)
    team_decides(team, status="Terminé", answer="Douze arbres plantés, trente heures données.")
    team.get_by_role("button", name="Verser dans l'archive").click()
    expect(team.locator(".messages")).to_contain_text("Le projet est dans l'archive")
    team.context.close()

    page.goto(project.get_absolute_url())
    bilan = page.locator("#bilan").locator("..")
    expect(bilan).to_contain_text("deux semaines de retard")
    expect(bilan).to_contain_text("Douze arbres livrés par la pépinière")
    assert "chantal@exemple.fr" not in page.content()
    assert "Chantal Lefebvre" not in page.content()
    assert_axe_clean(page)

    # 8. The tally counts it, the site search finds it, the map shows it.
    page.goto("/projets/bilan/")
    overall = page.locator("table.tally tfoot")
    expect(overall).to_contain_text("30")
    expect(overall).to_contain_text("395")
    assert_axe_clean(page)

    page.goto("/recherche/?q=verger+cite")
    expect(page.locator(".search-hit").first).to_contain_text(TITLE)

    page.goto("/projets/")
    pins = json.loads(page.locator("#carte-projets-pins").text_content())
    assert [pin["name"] for pin in pins] == [TITLE]
    expect(page.locator("#carte-projets .map-pin").first).to_be_visible()

    # 9. The archive has it, with the carriers' account, and links back to the project.
    item = Project.objects.get().archive_item
    page.goto("/archive/")
    page.get_by_role("link", name=TITLE).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.locator("main")).to_contain_text("deux semaines de retard")
    assert page.url.endswith(item.url)
    assert_axe_clean(page)
    page_problems.assert_none()
