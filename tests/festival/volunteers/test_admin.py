import csv
import io

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

from festival.models import Signup, SignupStatus
from home.groups import EDITORS_GROUP
from tests.factories.festival import paris
from tests.factories.volunteers import ShiftFactory, SignupFactory, VolunteerFactory

from .conftest import YEAR


@pytest.fixture
def coordinator(django_user_model):
    user = django_user_model.objects.create_user(
        username="coordinatrice", password="pw", email="coord@exemple.fr"
    )
    user.groups.add(Group.objects.get(name="Coordinateurs bénévoles"))
    return user


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


def test_dashboard_shows_short_shifts_and_first_timers(coordinator_client, volunteer_edition):
    short = ShiftFactory(edition=volunteer_edition, capacity=3)
    newcomer = SignupFactory(
        shift=short, volunteer__first_time=True, volunteer__name="Léa Nouvelle"
    )

    response = coordinator_client.get(reverse("festival_volunteers_admin:dashboard"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "1 / 3" in html
    assert "33 % — à compléter" in html
    assert newcomer.volunteer.name in html
    assert "Pas encore de binôme" in html


def test_dashboard_refused_without_coordinator_permission(client, django_user_model):
    user = django_user_model.objects.create_user(username="editeur", password="pw")
    user.groups.add(Group.objects.get(name=EDITORS_GROUP))
    client.force_login(user)

    response = client.get(reverse("festival_volunteers_admin:dashboard"))

    assert response.status_code in (302, 403)


@pytest.mark.parametrize(
    ("group", "shown"), [("Coordinateurs bénévoles", True), (EDITORS_GROUP, False)]
)
def test_dashboard_menu_item_shown_to_coordinators_only(client, django_user_model, group, shown):
    user = django_user_model.objects.create_user(username="quelquun", password="pw")
    user.groups.add(Group.objects.get(name=group))
    client.force_login(user)

    response = client.get(reverse("wagtailadmin_home"))

    dashboard = reverse("festival_volunteers_admin:dashboard")
    assert dashboard == "/admin/festival/benevoles/"
    assert (dashboard in response.content.decode()) is shown


def test_shift_roster_lists_team_and_waitlist(coordinator_client, volunteer_edition):
    shift = ShiftFactory(edition=volunteer_edition, capacity=1)
    holder = SignupFactory(shift=shift, volunteer__phone="06 11 22 33 44")
    waiting = SignupFactory(shift=shift, status=SignupStatus.WAITLISTED)

    response = coordinator_client.get(reverse("festival_volunteers_admin:shift", args=[shift.pk]))

    html = response.content.decode()
    assert holder.volunteer.name in html and "06 11 22 33 44" in html
    assert waiting.volunteer.name in html
    assert (
        html.index(holder.volunteer.name)
        < html.index("<h2>Liste d")
        < html.index(waiting.volunteer.name)
    )


def test_shift_roster_marks_attendance(coordinator_client, volunteer_edition):
    shift = ShiftFactory(edition=volunteer_edition, capacity=2)
    came, missed = SignupFactory(shift=shift), SignupFactory(shift=shift)

    coordinator_client.post(
        reverse("festival_volunteers_admin:shift", args=[shift.pk]),
        {"action": "attendance", f"attended-{came.pk}": "yes", f"attended-{missed.pk}": "no"},
    )

    assert Signup.objects.get(pk=came.pk).attended is True
    assert Signup.objects.get(pk=missed.pk).attended is False


def test_shift_roster_pairs_first_timers(coordinator_client, volunteer_edition):
    shift = ShiftFactory(edition=volunteer_edition, capacity=2)
    mentor = SignupFactory(shift=shift)
    newcomer = SignupFactory(shift=shift, volunteer__first_time=True)

    coordinator_client.post(
        reverse("festival_volunteers_admin:shift", args=[shift.pk]), {"action": "pair"}
    )

    assert Signup.objects.get(pk=newcomer.pk).paired_with_id == mentor.pk


def test_shift_roster_message_goes_to_each_volunteer(coordinator_client, volunteer_edition):
    shift = ShiftFactory(edition=volunteer_edition, capacity=3)
    team = [SignupFactory(shift=shift) for _n in range(2)]

    coordinator_client.post(
        reverse("festival_volunteers_admin:shift", args=[shift.pk]),
        {"action": "message", "subject": "Tenue", "body": "Prévoyez des bottes."},
    )

    assert sorted(m.to[0] for m in mail.outbox) == sorted(s.volunteer.email for s in team)
    assert mail.outbox[0].reply_to == ["coord@exemple.fr"]


def test_day_roster_shows_that_day_only(coordinator_client, volunteer_edition):
    saturday = ShiftFactory(edition=volunteer_edition, start=paris(YEAR, 6, 13, 9))
    sunday = ShiftFactory(
        edition=volunteer_edition, start=paris(YEAR, 6, 14, 9), end=paris(YEAR, 6, 14, 11)
    )
    on_saturday = SignupFactory(shift=saturday)
    on_sunday = SignupFactory(shift=sunday)

    response = coordinator_client.get(
        reverse("festival_volunteers_admin:day", args=[volunteer_edition.pk, f"{YEAR}-06-13"])
    )

    html = response.content.decode()
    assert on_saturday.volunteer.name in html
    assert on_sunday.volunteer.name not in html


def test_export_csv_has_one_line_per_signup(coordinator_client, volunteer_edition):
    shift = ShiftFactory(edition=volunteer_edition, capacity=2)
    signup = SignupFactory(shift=shift, volunteer__name="Jeanne Dupré", volunteer__first_time=True)

    response = coordinator_client.get(
        reverse("festival_volunteers_admin:export", args=[volunteer_edition.pk])
    )

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert response["Content-Type"].startswith("text/csv")
    assert rows[0][3:5] == ["Nom", "E-mail"]
    assert rows[1][3:8] == ["Jeanne Dupré", signup.volunteer.email, "", "confirmé", "oui"]


def test_export_csv_never_hands_a_formula_to_the_spreadsheet(coordinator_client, volunteer_edition):
    shift = ShiftFactory(edition=volunteer_edition, capacity=2)
    SignupFactory(
        shift=shift, volunteer__name='=HYPERLINK("http://x.example","Cliquez")', volunteer__phone=""
    )
    SignupFactory(shift=shift, volunteer__name="Léon Martin", volunteer__phone="+33 6 12 34 56 78")

    response = coordinator_client.get(
        reverse("festival_volunteers_admin:export", args=[volunteer_edition.pk])
    )

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    by_phone = {row[5]: row[3] for row in rows[1:]}
    assert by_phone[""] == '\'=HYPERLINK("http://x.example","Cliquez")'
    assert by_phone["+33 6 12 34 56 78"] == "Léon Martin"


def test_coordinator_can_edit_shifts_in_snippets(coordinator_client, volunteer_edition):
    shift = ShiftFactory(edition=volunteer_edition)

    response = coordinator_client.get(
        reverse("wagtailsnippets_festival_shift:edit", args=[shift.pk])
    )

    assert response.status_code == 200


@pytest.mark.parametrize("n", [1, 30])
def test_dashboard_queries_do_not_grow(
    coordinator_client, volunteer_edition, django_assert_num_queries, n
):
    for index in range(n):
        shift = ShiftFactory(edition=volunteer_edition, start=paris(YEAR, 6, 12 + index % 3, 9))
        SignupFactory(shift=shift, volunteer__first_time=index % 2 == 0)
        SignupFactory(shift=shift, status=SignupStatus.WAITLISTED)

    with django_assert_num_queries(15):
        response = coordinator_client.get(reverse("festival_volunteers_admin:dashboard"))

    assert response.status_code == 200


@pytest.mark.parametrize("n", [1, 30])
def test_shift_roster_queries_do_not_grow(
    coordinator_client, volunteer_edition, django_assert_num_queries, n
):
    shift = ShiftFactory(edition=volunteer_edition, capacity=n)
    mentor = SignupFactory(shift=shift)
    for _index in range(n):
        SignupFactory(shift=shift, volunteer__first_time=True, paired_with=mentor)
        SignupFactory(shift=shift, status=SignupStatus.WAITLISTED)

    with django_assert_num_queries(11):
        response = coordinator_client.get(
            reverse("festival_volunteers_admin:shift", args=[shift.pk])
        )

    assert response.status_code == 200


@pytest.mark.parametrize("n", [1, 30])
def test_export_queries_do_not_grow(
    coordinator_client, volunteer_edition, django_assert_num_queries, n
):
    for _index in range(n):
        SignupFactory(
            shift__edition=volunteer_edition, volunteer=VolunteerFactory(edition=volunteer_edition)
        )

    with django_assert_num_queries(9):
        response = coordinator_client.get(
            reverse("festival_volunteers_admin:export", args=[volunteer_edition.pk])
        )

    assert response.status_code == 200
