"""Volunteers in a real browser: a resident on a phone, then a coordinator in the admin."""

import csv
import datetime
import io
import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from festival.models import FestivalIndexPage, Signup, SignupStatus
from tests.e2e.browser import (
    PHONE,
    admin_log_in,
    axe_violations,
    describe_violations,
    save_screenshot,
)
from tests.factories.festival import EditionPageFactory, paris
from tests.factories.volunteers import ShiftFactory, SignupFactory, VolunteerRoleFactory

YEAR = timezone.now().year + 1


@pytest.fixture
def shifts(demo_site):
    """Next year's edition with a guide shift (one place left) and a welcome shift."""
    edition = EditionPageFactory(
        parent=FestivalIndexPage.objects.get(),
        year=YEAR,
        start_date=datetime.date(YEAR, 6, 12),
        end_date=datetime.date(YEAR, 6, 14),
    )
    guide = ShiftFactory(
        edition=edition,
        role=VolunteerRoleFactory(name="Guide de terril"),
        start=paris(YEAR, 6, 13, 9),
        end=paris(YEAR, 6, 13, 12),
        capacity=1,
    )
    welcome = ShiftFactory(
        edition=edition,
        role=VolunteerRoleFactory(name="Accueil"),
        start=paris(YEAR, 6, 13, 14),
        end=paris(YEAR, 6, 13, 18),
        capacity=3,
    )
    return edition, guide, welcome


def path_in(message, kind: str) -> str:
    return re.search(rf"https?://[^/\s]+(/benevoles/{kind}/\S+/)", message.body).group(1)


@pytest.mark.parametrize("viewport", [PHONE], ids=["phone"])
def test_resident_signs_up_confirms_cancels_and_the_waitlist_takes_the_place(
    page, page_problems, shifts, viewport
):
    edition, guide, welcome = shifts

    # 1. From the edition page to the form; two shifts, the details, done.
    page.goto(edition.url)
    page.get_by_role("link", name=re.compile("Choisir mon créneau")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Devenir bénévole")
    page.locator(f"label[for=creneau-{guide.pk}]").click()
    page.locator(f"label[for=creneau-{welcome.pk}]").click()
    page.get_by_label("Prénom et nom").fill("Marie Lefebvre")
    page.get_by_label("Adresse e-mail").fill("marie@exemple.fr")
    page.get_by_label("Je remplis les conditions").check()
    page.get_by_label("J'accepte que mes coordonnées").check()
    violations = axe_violations(page)
    assert not violations, describe_violations(violations)
    page.get_by_role("button", name="Je m'inscris").click()
    page.wait_for_url(f"**/benevoles/{YEAR}/merci/")
    save_screenshot(page, "volunteers-thanks-phone")

    # 2. The e-mail link confirms both places.
    [confirmation] = mail.outbox
    page.goto(path_in(confirmation, "confirmer"))
    page.get_by_role("button", name="Je confirme mon inscription").click()
    expect(page.get_by_text("Merci, votre inscription est confirmée.")).to_be_visible()
    assert Signup.objects.filter(status=SignupStatus.CONFIRMED).count() == 2

    # 3. Someone else waits for the guide shift, now full.
    waiting = SignupFactory(
        shift=guide, status=SignupStatus.WAITLISTED, volunteer__email="paul@exemple.fr"
    )
    mail.outbox.clear()

    # 4. Marie cancels it from her private page; Paul gets the place and is told.
    page.get_by_role("button", name="Annuler ce créneau (Guide de terril)").click()
    expect(page.get_by_text("Créneau annulé.")).to_be_visible()
    expect(page.locator(".vol-mine__item")).to_have_count(1)
    expect(page.locator(".vol-mine__item")).to_contain_text("Accueil")
    waiting.refresh_from_db()
    assert waiting.status == SignupStatus.CONFIRMED
    assert [message.to for message in mail.outbox] == [["paul@exemple.fr"]]
    violations = axe_violations(page)
    assert not violations, describe_violations(violations)
    page_problems.assert_none()


def test_coordinator_sees_the_roster_and_exports_it(page, shifts, django_user_model, tmp_path):
    edition, guide, _welcome = shifts
    SignupFactory(shift=guide, volunteer__name="Jeanne Dupré", volunteer__first_time=True)
    coordinator = django_user_model.objects.create_user(
        "coordinatrice", "coord@exemple.fr", "terril-1984"
    )
    coordinator.groups.add(Group.objects.get(name="Coordinateurs bénévoles"))
    admin_log_in(page, "coordinatrice", "terril-1984")

    page.goto(f"/admin/festival/benevoles/?edition={edition.pk}")
    expect(page.get_by_text("Jeanne Dupré").first).to_be_visible()
    page.get_by_role("link", name=re.compile("Guide de terril")).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Guide de terril")
    expect(page.get_by_text("Jeanne Dupré").first).to_be_visible()
    save_screenshot(page, "volunteers-roster")

    with page.expect_download() as download_info:
        page.goto(f"/admin/festival/benevoles/?edition={edition.pk}")
        page.get_by_role("link", name=re.compile("CSV")).click()
    path = tmp_path / "benevoles.csv"
    download_info.value.save_as(path)
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig")), delimiter=";"))
    assert rows[1][1:4] == ["Guide de terril", guide.venue.name, "Jeanne Dupré"]
