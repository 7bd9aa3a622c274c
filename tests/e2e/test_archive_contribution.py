"""The issue's « done when »: on a phone, contribute with a GPS-tagged photo, follow the link
in the e-mail, see it published once an editor has described the photo and approved, find no
GPS in any served file, withdraw it, and find nothing of it served afterwards."""

import io
import re

import pytest
from django.core import mail
from PIL import ExifTags, Image
from playwright.sync_api import expect

from archive.models import Contribution
from tests.factories.archive import ArchiveIndexPageFactory, PlaceFactory, ThemeFactory
from tests.factories.home import site_with_home
from tests.factories.media import jpeg_with_gps_bytes

from .browser import (
    DESKTOP,
    PHONE,
    admin_log_in,
    axe_violations,
    describe_violations,
    save_screenshot,
)


@pytest.fixture
def archive_site(migrated_db):
    home = site_with_home()
    index = ArchiveIndexPageFactory(parent=home)
    index.save_revision().publish()
    PlaceFactory(name="Base 11/19", slug="base-11-19")
    ThemeFactory(name="Fêtes et traditions", slug="fetes")
    return index


def _assert_no_metadata(data: bytes, where: str) -> None:
    image = Image.open(io.BytesIO(data))
    exif = image.getexif()
    assert not exif.get_ifd(ExifTags.IFD.GPSInfo), f"GPS dans {where}"
    assert dict(exif) == {}, f"EXIF dans {where}"
    assert b"Jeannine" not in data, f"nom de l'auteur dans {where}"


def _editor_page(page, live_server, django_user_model):
    """An editor at a desktop, in a browser of their own, logged in to the admin."""
    django_user_model.objects.create_superuser("editrice", "ed@example.org", "fosse-11-19")
    context = page.context.browser.new_context(
        base_url=live_server.url, locale="fr-FR", timezone_id="Europe/Paris", viewport=DESKTOP
    )
    context.set_default_timeout(10_000)
    editor = context.new_page()
    admin_log_in(editor, "editrice", "fosse-11-19")
    return editor


def _approve_from_the_dashboard(editor, title: str) -> None:
    editor.goto("/admin/")
    row = editor.locator("#awaiting-review-section tr", has_text=title)
    row.get_by_role("button", name="Actions").click()
    with editor.expect_navigation():
        row.get_by_role("button", name="Approuver", exact=True).click()


@pytest.mark.parametrize("viewport", [PHONE])
def test_phone_contribution_published_without_gps_then_withdrawn(
    page, live_server, archive_site, django_user_model, tmp_path
):
    photo = tmp_path / "IMG_2041.jpg"
    photo.write_bytes(jpeg_with_gps_bytes(size=(1200, 900)))

    # 1. A resident fills the form on a phone.
    page.goto("/contribuer/")
    page.get_by_label("Titre de votre souvenir").fill("Le bal de la Sainte-Barbe")
    page.get_by_label("Racontez").fill("On dansait à la salle des fêtes jusqu'au matin.")
    page.get_by_label("Quand ?").fill("vers 1962")
    page.get_by_label("Où ?").select_option(label="Base 11/19")
    page.get_by_label("Fêtes et traditions").check()
    page.get_by_label("Photos (20 au plus)").set_input_files(str(photo))
    page.get_by_label("Les personnes reconnaissables").check()
    page.get_by_label("Vos prénom et nom").fill("Jeannine Dupont")
    page.get_by_label("Mon prénom et l'initiale de mon nom").check()
    page.get_by_label("Votre adresse électronique").fill("jeannine@example.org")
    page.get_by_label("Je confie ce souvenir").check()
    violations = axe_violations(page)
    assert not violations, describe_violations(violations)
    page.get_by_role("button", name="Envoyer mon souvenir").click()
    page.wait_for_url("**/contribuer/merci/")
    save_screenshot(page, "archive-contribution-merci-phone")
    # The private link is on the page itself, should the e-mail never come.
    expect(page.locator("#lien-prive")).to_contain_text("/contribuer/suivi/")
    violations = axe_violations(page)
    assert not violations, describe_violations(violations)

    # 2. The e-mail holds the private link; it opens the status page.
    [message] = mail.outbox
    link = re.search(r"https?://\S+/contribuer/suivi/\S+/", message.body).group(0)
    status_path = link[link.index("/contribuer/") :]
    page.goto(status_path)
    assert "En relecture" in page.locator("main").inner_text()
    # Its photo loads lazily, from the same in-memory SQLite the test writes to next (« table
    # is locked » when the two meet): wait until the page has read everything.
    page.wait_for_load_state("networkidle")

    # 3. An editor approves from the dashboard: refused, the photo has no alt text yet.
    contribution = Contribution.objects.get()
    item = contribution.item.specific
    editor = _editor_page(page, live_server, django_user_model)
    _approve_from_the_dashboard(editor, "Le bal de la Sainte-Barbe")
    refusal = editor.locator(".messages")
    expect(refusal).to_contain_text("n'est pas publié et reste en modération")
    expect(refusal).to_contain_text("« Le bal de la Sainte-Barbe (1) » n'a pas de texte alternatif")
    item.refresh_from_db()
    assert not item.live

    # 4. From the message to the item, from the item to the photo: they describe it.
    refusal.get_by_role("link", name="Corriger l'élément").click()
    checks = editor.get_by_role("status").filter(has_text="ne peut pas encore être publié")
    checks.get_by_role("link", name="Décrire « Le bal de la Sainte-Barbe (1) »").click()
    editor.get_by_label("Description").fill(
        "Des couples dansent sous les guirlandes de la salle des fêtes."
    )
    editor.get_by_role("button", name="Enregistrer").first.click()
    expect(editor).to_have_url(re.compile(rf"/admin/pages/{item.pk}/edit/$"))
    expect(editor.get_by_text("ne peut pas encore être publié")).to_have_count(0)

    # 5. Approved again: the item is live, credited with the chosen name only.
    _approve_from_the_dashboard(editor, "Le bal de la Sainte-Barbe")
    expect(editor.locator(".messages")).not_to_contain_text("reste en modération")
    editor.context.close()
    item.refresh_from_db()
    assert item.live
    assert (
        item.cover_image.description
        == "Des couples dansent sous les guirlandes de la salle des fêtes."
    )
    page.goto(item.url)
    main = page.locator("main").inner_text()
    assert "Le bal de la Sainte-Barbe" in main
    assert "Jeannine D." in main
    assert "Dupont" not in page.content()
    assert "jeannine@example.org" not in page.content()

    # 6. No GPS, no EXIF in any file the page serves, nor in the stored original.
    urls = page.eval_on_selector_all("main img", "imgs => imgs.map(i => i.src)")
    urls += page.eval_on_selector_all("main a[href*='/media/']", "links => links.map(a => a.href)")
    item.cover_image.refresh_from_db()
    urls.append(item.cover_image.file.url)
    assert len(urls) >= 3
    served = []
    for url in urls:
        response = page.request.get(url)
        assert response.status == 200, url
        _assert_no_metadata(response.body(), url)
        served.append(url)

    # A visitor finds it by searching (the database's index on the embedded default).
    page.goto("/recherche/?q=bal+sainte-barbe")
    expect(page.locator(".search-hit").first).to_contain_text("Le bal de la Sainte-Barbe")

    # 7. Back on the status page: published; the resident withdraws it.
    page.goto(status_path)
    assert "Publiée" in page.locator("main").inner_text()
    page.get_by_role("link", name="Retirer mon souvenir").click()
    page.get_by_role("button", name="Oui, retirer définitivement").click()
    assert "a été retiré" in page.locator("h1").inner_text()

    # 8. Nothing of it is served any more: the item says 410, its files are gone.
    response = page.goto(item.url)
    assert response.status == 410
    for url in served:
        assert page.request.get(url).status == 404, url
    assert not Contribution.objects.exists()
    page.goto("/recherche/?q=bal+sainte-barbe")
    expect(page.locator("main")).not_to_contain_text("Le bal de la Sainte-Barbe")


@pytest.mark.parametrize("viewport", [PHONE])
def test_phone_form_errors_are_shown_next_to_fields(page, archive_site):
    page.goto("/contribuer/")
    page.get_by_label("Titre de votre souvenir").fill("Mon souvenir")
    page.get_by_label("Un pseudonyme").check()
    page.get_by_role("button", name="Envoyer mon souvenir").click()

    assert page.get_by_role("alert").first.is_visible()
    pseudonym_field = page.locator("#champ-pseudonym")
    assert "Indiquez le pseudonyme à afficher." in pseudonym_field.inner_text()
    assert page.get_by_label("Titre de votre souvenir").input_value() == "Mon souvenir"
    violations = axe_violations(page)
    assert not violations, describe_violations(violations)
