"""The town's team plans work days and their shifts in the Wagtail admin and reads who comes."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

from festival.models import Shift, Signup, SignupStatus
from projects.models import WorkDay
from tests.factories.projects import ProjectFactory, WorkDayFactory, today
from tests.factories.volunteers import (
    ShiftFactory,
    VolunteerRoleFactory,
    WorkDayShiftFactory,
    WorkDaySignupFactory,
    on_work_day,
)

# ``team_client`` (tests/projects/conftest.py) is a member of the real « Fifty-fifty » group.


def roster_url(shift):
    return reverse("work_day_shifts:roster", args=[shift.pk])


def test_team_plans_a_work_day(team_client):
    project = ProjectFactory(title="Une haie rue Bollaert")
    day = today() + datetime.timedelta(days=20)

    response = team_client.post(
        reverse("work_days:add"),
        {
            "project": project.pk,
            "title": "Plantation",
            "date": day.isoformat(),
            "meeting_point": "Devant l'école",
            "volunteer_call": "Apportez des gants.",
        },
    )

    assert response.status_code == 302
    work_day = WorkDay.objects.get()
    assert (work_day.project, work_day.title, work_day.date) == (project, "Plantation", day)


def test_team_adds_a_shift_to_a_work_day(team_client):
    work_day = WorkDayFactory()
    role = VolunteerRoleFactory(name="Planter")
    start = on_work_day(work_day, 9)

    response = team_client.post(
        reverse("work_day_shifts:add"),
        {
            "work_day": work_day.pk,
            "role": role.pk,
            "start": f"{start:%Y-%m-%d %H:%M}",
            "end": f"{start + datetime.timedelta(hours=3):%Y-%m-%d %H:%M}",
            "capacity": 8,
            "notes": "",
        },
    )

    assert response.status_code == 302
    shift = Shift.objects.get()
    assert (shift.work_day, shift.edition, shift.capacity) == (work_day, None, 8)


def test_a_shift_on_another_day_than_its_work_day_is_told_at_the_field(team_client):
    work_day = WorkDayFactory()
    start = on_work_day(work_day, 9) + datetime.timedelta(days=1)

    response = team_client.post(
        reverse("work_day_shifts:add"),
        {
            "work_day": work_day.pk,
            "role": VolunteerRoleFactory().pk,
            "start": f"{start:%Y-%m-%d %H:%M}",
            "end": f"{start + datetime.timedelta(hours=3):%Y-%m-%d %H:%M}",
            "capacity": 8,
        },
    )

    assert response.status_code == 200
    [error] = response.context["form"].errors["start"]
    assert error.startswith("Le créneau doit avoir lieu le jour du chantier")
    assert Shift.objects.count() == 0


def test_shift_list_shows_work_day_shifts_with_places_taken_only(team_client):
    shift = WorkDayShiftFactory(capacity=5, role=VolunteerRoleFactory(name="Planter"))
    WorkDaySignupFactory(shift=shift)
    ShiftFactory(role=VolunteerRoleFactory(name="Buvette du festival"))

    response = team_client.get(reverse("work_day_shifts:index"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Planter" in html
    assert "1 sur 5" in html
    assert roster_url(shift) in html
    assert "Buvette du festival" not in html


def test_work_day_roster_lists_the_team_and_the_waitlist(team_client):
    shift = WorkDayShiftFactory(capacity=1)
    holder = WorkDaySignupFactory(shift=shift, volunteer__phone="06 11 22 33 44")
    waiting = WorkDaySignupFactory(shift=shift, status=SignupStatus.WAITLISTED)

    response = team_client.get(roster_url(shift))

    html = response.content.decode()
    assert response.status_code == 200
    assert holder.volunteer.name in html and "06 11 22 33 44" in html
    assert html.index(holder.volunteer.name) < html.index(waiting.volunteer.name)


def test_work_day_roster_marks_attendance_and_writes_to_the_team(team_client):
    shift = WorkDayShiftFactory(capacity=2)
    came, missed = WorkDaySignupFactory(shift=shift), WorkDaySignupFactory(shift=shift)
    mail.outbox.clear()

    team_client.post(
        roster_url(shift),
        {"action": "attendance", f"attended-{came.pk}": "yes", f"attended-{missed.pk}": "no"},
    )
    response = team_client.post(
        roster_url(shift), {"action": "message", "subject": "Bottes", "body": "Il pleuvra."}
    )

    assert response["Location"] == roster_url(shift)
    assert Signup.objects.get(pk=came.pk).attended is True
    assert Signup.objects.get(pk=missed.pk).attended is False
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [came.volunteer.email, missed.volunteer.email]
    )


def test_festival_coordinators_do_not_read_work_day_rosters(client, django_user_model, home_page):
    user = django_user_model.objects.create_user(username="coordinatrice", password="pw")
    user.groups.add(Group.objects.get(name="Coordinateurs bénévoles"))
    client.force_login(user)
    shift = WorkDayShiftFactory()

    festival_roster = client.get(reverse("festival_volunteers_admin:shift", args=[shift.pk]))
    work_day_roster = client.get(roster_url(shift))

    assert festival_roster.status_code == 404
    assert work_day_roster.status_code in (302, 403)


def test_the_work_day_roster_shows_no_festival_shift(team_client):
    shift = ShiftFactory()

    assert team_client.get(roster_url(shift)).status_code == 404


@pytest.mark.parametrize("n", [1, 30])
def test_shift_list_queries_do_not_grow(team_client, django_assert_num_queries, n):
    work_day = WorkDayFactory()
    for index in range(n):
        shift = WorkDayShiftFactory(
            work_day=work_day,
            start=on_work_day(work_day, 8) + datetime.timedelta(minutes=10 * index),
        )
        WorkDaySignupFactory(shift=shift)

    with django_assert_num_queries(13):
        response = team_client.get(reverse("work_day_shifts:index"))

    assert response.status_code == 200


@pytest.mark.parametrize("n", [1, 30])
def test_work_day_list_queries_do_not_grow(team_client, django_assert_num_queries, n):
    for _index in range(n):
        WorkDayShiftFactory()

    with django_assert_num_queries(12):
        response = team_client.get(reverse("work_days:index"))

    assert response.status_code == 200


@pytest.mark.parametrize("n", [1, 30])
def test_work_day_roster_queries_do_not_grow(team_client, django_assert_num_queries, n):
    shift = WorkDayShiftFactory(capacity=n)
    mentor = WorkDaySignupFactory(shift=shift)
    for _index in range(n):
        WorkDaySignupFactory(shift=shift, volunteer__first_time=True, paired_with=mentor)
        WorkDaySignupFactory(shift=shift, status=SignupStatus.WAITLISTED)

    with django_assert_num_queries(11):
        response = team_client.get(roster_url(shift))

    assert response.status_code == 200


def test_adding_a_shift_from_the_work_day_list_chooses_the_work_day(team_client):
    work_day = WorkDayFactory()

    listing = team_client.get(reverse("work_days:index")).content.decode()
    add_url = f"{reverse('work_day_shifts:add')}?work_day={work_day.pk}"
    response = team_client.get(add_url)

    assert add_url in listing
    assert response.context["form"].initial["work_day"] == work_day.pk


def test_the_team_plans_work_day_shifts_but_never_the_festivals(team_client):
    festival_shift = ShiftFactory()

    assert team_client.get(reverse("work_day_shifts:index")).status_code == 200
    assert team_client.get(reverse("wagtailsnippets_festival_shift:list")).status_code == 302
    edit = reverse("wagtailsnippets_festival_shift:edit", args=[festival_shift.pk])
    assert team_client.get(edit).status_code == 302
    through_work_days = reverse("work_day_shifts:edit", args=[festival_shift.pk])
    assert team_client.get(through_work_days).status_code == 404
