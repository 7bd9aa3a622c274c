"""A project's work days: residents sign up with the volunteer shifts' machinery."""

import datetime
import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from festival.models import Shift, Signup, SignupStatus, Volunteer
from festival.volunteers import services
from festival.volunteers.links import my_shifts_token
from projects.models import ProjectStatus
from projects.work_days import project_work_days_open
from tests.factories.projects import ProjectFactory, WorkDayFactory, today
from tests.factories.volunteers import (
    PrerequisiteFactory,
    VolunteerRoleFactory,
    WorkDayShiftFactory,
    WorkDaySignupFactory,
    WorkDayVolunteerFactory,
    on_work_day,
)


@pytest.fixture
def work_day(home_page):
    return WorkDayFactory(
        title="Plantation de la haie",
        project__title="Une haie rue Bollaert",
        project__slug="une-haie-rue-bollaert",
    )


def signup_url(work_day):
    return reverse(
        "projects:work_day_signup", kwargs={"slug": work_day.project.slug, "pk": work_day.pk}
    )


def form_data(*shifts, **overrides):
    data = {
        "name": "Marie Lefebvre",
        "email": "marie@exemple.fr",
        "phone": "",
        "shifts": [str(s.pk) for s in shifts],
        "consent": "on",
        "prerequisites_confirmed": "on",
        "website": "",
    }
    data.update(overrides)
    return data


def link_in(message, kind: str) -> str:
    return re.search(rf"https?://[^/\s]+(/benevoles/{kind}/\S+/)", message.body).group(1)


# The sign-up page -------------------------------------------------------------------------


def test_signup_page_shows_the_work_day_and_its_shifts(client, work_day):
    WorkDayShiftFactory(work_day=work_day, role=VolunteerRoleFactory(name="Planter"), capacity=4)

    response = client.get(signup_url(work_day))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Chantier participatif : Plantation de la haie" in html
    assert "Une haie rue Bollaert" in html
    assert "Devant l&#x27;école Basly" in html
    assert "Planter" in html
    assert "4 places libres" in html
    assert "organiser ce chantier" in html
    assert "recontacté" not in html  # a work day does not come back next year


def test_signup_stores_a_pending_place_and_mails_the_confirmation(
    client, work_day, django_capture_on_commit_callbacks
):
    shift = WorkDayShiftFactory(work_day=work_day)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(signup_url(work_day), form_data(shift, phone="06 11 22 33 44"))

    assert response.status_code == 302
    assert response["Location"] == reverse(
        "projects:work_day_thanks", kwargs={"slug": work_day.project.slug, "pk": work_day.pk}
    )
    volunteer = Volunteer.objects.get()
    assert (volunteer.work_day, volunteer.edition) == (work_day, None)
    assert (volunteer.name, volunteer.phone) == ("Marie Lefebvre", "06 11 22 33 44")
    assert Signup.objects.get().status == SignupStatus.PENDING
    [message] = mail.outbox
    assert message.to == ["marie@exemple.fr"]
    assert "« Plantation de la haie »" in message.body
    assert "Rendez-vous : Devant l'école Basly" in message.body
    assert "/benevoles/confirmer/" in message.body


def test_thanks_page_names_the_work_day(client, work_day):
    response = client.get(
        reverse(
            "projects:work_day_thanks", kwargs={"slug": work_day.project.slug, "pk": work_day.pk}
        )
    )

    assert response.status_code == 200
    assert "Plantation de la haie" in response.content.decode()


def test_signup_on_a_full_shift_goes_to_the_waitlist(client, work_day):
    shift = WorkDayShiftFactory(work_day=work_day, capacity=1)
    WorkDaySignupFactory(shift=shift)

    client.post(signup_url(work_day), form_data(shift))

    mine = Signup.objects.get(volunteer__email="marie@exemple.fr")
    assert mine.status == SignupStatus.WAITLISTED


def test_confirm_link_confirms_the_work_day_place(
    client, work_day, django_capture_on_commit_callbacks
):
    shift = WorkDayShiftFactory(work_day=work_day)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(signup_url(work_day), form_data(shift))
    confirm = link_in(mail.outbox[0], "confirmer")

    response = client.post(confirm, follow=True)

    html = response.content.decode()
    assert Signup.objects.get().status == SignupStatus.CONFIRMED
    assert "votre inscription est confirmée" in html
    assert "Plantation de la haie" in html


def test_cancelling_promotes_the_waitlisted_person_and_mails_them(
    client, work_day, django_capture_on_commit_callbacks
):
    shift = WorkDayShiftFactory(work_day=work_day, capacity=1)
    mine = WorkDaySignupFactory(shift=shift)
    waiting = WorkDaySignupFactory(shift=shift, status=SignupStatus.WAITLISTED)
    url = reverse("festival_volunteers:my_shifts", args=[my_shifts_token(mine.volunteer)])
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"action": "cancel", "signup": mine.pk}, follow=True)

    assert "Créneau annulé" in response.content.decode()
    assert Signup.objects.get(pk=mine.pk).status == SignupStatus.CANCELLED
    assert Signup.objects.get(pk=waiting.pk).status == SignupStatus.CONFIRMED
    assert [m.to for m in mail.outbox] == [[waiting.volunteer.email]]
    assert "une place s'est libérée" in mail.outbox[0].subject.lower()


def test_my_shifts_page_shows_the_work_day_and_its_calendar_has_the_meeting_point(client, work_day):
    signup = WorkDaySignupFactory(shift__work_day=work_day)
    token = my_shifts_token(signup.volunteer)

    page = client.get(reverse("festival_volunteers:my_shifts", args=[token]))
    calendar = client.get(reverse("festival_volunteers:my_shifts_calendar", args=[token]))

    assert "Plantation de la haie" in page.content.decode()
    assert "LOCATION:Devant l'école Basly" in calendar.content.decode()


# Bad input ---------------------------------------------------------------------------------


def test_missing_name_and_bad_email_are_told_at_the_field_and_nothing_is_lost(client, work_day):
    shift = WorkDayShiftFactory(work_day=work_day)

    response = client.post(
        signup_url(work_day), form_data(shift, name="", email="marie@", phone="06 99")
    )

    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["name"] == ["Indiquez votre nom, pour que l'équipe vous accueille."]
    assert form.errors["email"] == [
        "Cette adresse e-mail semble incomplète, par exemple : nom@exemple.fr."
    ]
    html = response.content.decode()
    assert 'value="06 99"' in html
    assert 'value="marie@"' in html
    assert f'value="{shift.pk}" id="creneau-{shift.pk}" checked' in html
    assert Signup.objects.count() == 0


def test_no_shift_chosen_is_told_at_the_shifts(client, work_day):
    WorkDayShiftFactory(work_day=work_day)

    response = client.post(signup_url(work_day), form_data())

    assert response.context["form"].errors["shifts"] == [
        "Choisissez au moins un créneau dans la liste."
    ]


def test_a_shift_of_another_work_day_is_refused(client, work_day):
    WorkDayShiftFactory(work_day=work_day)
    elsewhere = WorkDayShiftFactory()

    response = client.post(signup_url(work_day), form_data(elsewhere))

    assert response.context["form"].errors["shifts"] == [
        "Un des créneaux choisis n'existe plus : rechargez la page."
    ]
    assert Signup.objects.count() == 0


def test_a_robot_filling_the_honeypot_stores_nothing(client, work_day):
    shift = WorkDayShiftFactory(work_day=work_day)

    response = client.post(signup_url(work_day), form_data(shift, website="http://spam.example"))

    assert response.status_code == 302
    assert Signup.objects.count() == 0


def test_too_many_signups_from_one_address_are_refused(client, work_day, settings):
    settings.PUBLIC_FORM_RATE_LIMITS = {
        **settings.PUBLIC_FORM_RATE_LIMITS,
        "volunteer_signup": {"seconds": 3600, "address": 1, "email": 1},
    }
    first, second = (
        WorkDayShiftFactory(work_day=work_day, start=on_work_day(work_day, hour))
        for hour in (8, 14)
    )

    codes = [
        client.post(signup_url(work_day), form_data(first)).status_code,
        client.post(signup_url(work_day), form_data(second, email="autre@exemple.fr")).status_code,
    ]

    assert codes == [302, 429]
    assert Signup.objects.count() == 1


# Which work days take sign-ups --------------------------------------------------------------


@pytest.mark.parametrize(
    "project",
    [
        {"show_publicly": False, "status": ProjectStatus.RUNNING},
        {"status": ProjectStatus.WITHDRAWN},
        {"status": ProjectStatus.UNCONFIRMED},
    ],
    ids=["not-shown", "withdrawn", "unconfirmed"],
)
def test_a_hidden_project_has_no_signup_page(client, home_page, project):
    shift = WorkDayShiftFactory(work_day__project=ProjectFactory(**project))

    page = client.get(signup_url(shift.work_day))
    post = client.post(signup_url(shift.work_day), form_data(shift))

    assert (page.status_code, post.status_code) == (404, 404)
    assert Signup.objects.count() == 0


@pytest.mark.parametrize(
    "status",
    [ProjectStatus.RECEIVED, ProjectStatus.ACCEPTED, ProjectStatus.COMPLETED],
)
def test_a_project_not_agreed_or_over_refuses_signups(client, home_page, status):
    shift = WorkDayShiftFactory(work_day__project=ProjectFactory(status=status))

    page = client.get(signup_url(shift.work_day))
    post = client.post(signup_url(shift.work_day), form_data(shift))

    assert (page.status_code, post.status_code) == (410, 410)
    assert "Les inscriptions à ce chantier sont closes" in page.content.decode()
    assert Signup.objects.count() == 0


def test_an_agreed_project_takes_signups(client, home_page):
    shift = WorkDayShiftFactory(work_day__project=ProjectFactory(status=ProjectStatus.AGREED))

    response = client.post(signup_url(shift.work_day), form_data(shift))

    assert response.status_code == 302
    assert Signup.objects.count() == 1


def test_a_past_work_day_refuses_signups(client, home_page):
    past = WorkDayFactory(date=today() - datetime.timedelta(days=1))
    shift = WorkDayShiftFactory(work_day=past)

    response = client.post(signup_url(past), form_data(shift))

    assert response.status_code == 410
    assert Signup.objects.count() == 0


def test_a_work_day_is_reached_only_under_its_own_project(client, work_day):
    other = ProjectFactory(status=ProjectStatus.RUNNING)

    response = client.get(
        reverse("projects:work_day_signup", kwargs={"slug": other.slug, "pk": work_day.pk})
    )

    assert response.status_code == 404


def test_project_work_days_open_lists_only_upcoming_days(work_day):
    WorkDayFactory(project=work_day.project, date=today() - datetime.timedelta(days=3))
    later = WorkDayFactory(project=work_day.project, date=today() + datetime.timedelta(days=30))

    assert list(project_work_days_open(project=work_day.project)) == [work_day, later]


# Reminders and erasure (the scheduled commands) ---------------------------------------------


def test_reminders_the_day_before_include_work_days(work_day, django_capture_on_commit_callbacks):
    shift = WorkDayShiftFactory(work_day=work_day)
    signup = WorkDaySignupFactory(shift=shift)
    WorkDaySignupFactory(shift=shift, status=SignupStatus.WAITLISTED)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        sent = services.reminders_send(now=shift.start - datetime.timedelta(hours=20))

    assert sent == 1
    [message] = mail.outbox
    assert message.to == [signup.volunteer.email]
    assert message.subject.startswith("Rappel")
    assert "« Plantation de la haie »" in message.body
    assert "Rendez-vous : Devant l'école Basly" in message.body


def test_personal_data_is_erased_after_the_work_day(work_day):
    volunteer = WorkDayVolunteerFactory(work_day=work_day, phone="06 01 02 03 04")
    WorkDaySignupFactory(shift__work_day=work_day, volunteer=volunteer)
    day_after = datetime.datetime.combine(
        work_day.date + datetime.timedelta(days=1), datetime.time(12), tzinfo=datetime.UTC
    )

    assert services.volunteers_erase_expired(now=work_day_noon(work_day), months=0) == 0
    assert services.volunteers_erase_expired(now=day_after, months=0) == 1

    volunteer.refresh_from_db()
    assert (volunteer.email, volunteer.phone) == ("", "")
    assert volunteer.erased_at is not None
    assert volunteer.signups.count() == 1  # statistics survive, anonymous


def work_day_noon(work_day) -> datetime.datetime:
    return datetime.datetime.combine(work_day.date, datetime.time(12), tzinfo=datetime.UTC)


# Queries ------------------------------------------------------------------------------------


@pytest.mark.parametrize("n", [1, 30])
def test_signup_page_queries_do_not_grow(client, work_day, django_assert_num_queries, n):
    for index in range(n):
        shift = WorkDayShiftFactory(
            work_day=work_day,
            start=on_work_day(work_day, 8) + datetime.timedelta(minutes=20 * index),
        )
        shift.role.prerequisites.add(PrerequisiteFactory())
        WorkDaySignupFactory(shift=shift)

    with django_assert_num_queries(10):
        response = client.get(signup_url(work_day))

    assert response.status_code == 200


# One kind of thing -------------------------------------------------------------------------


def test_a_shift_belongs_to_exactly_one_occasion(work_day):
    shift = WorkDayShiftFactory.build(work_day=work_day)
    shift.edition_id = work_day.pk  # as if an edition had been chosen too

    with pytest.raises(ValidationError) as refused:
        shift.clean()

    assert refused.value.messages == [
        "Un créneau appartient soit à une édition, soit à un chantier, jamais aux deux."
    ]
    with pytest.raises(IntegrityError), transaction.atomic():
        Shift.objects.create(role=VolunteerRoleFactory(), start=shift.start, end=shift.end)


def test_resending_my_links_includes_the_work_day(
    client, work_day, django_capture_on_commit_callbacks
):
    WorkDaySignupFactory(shift__work_day=work_day, volunteer__email="marie@exemple.fr")

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("archive:links"), {"email": "marie@exemple.fr", "website": ""})

    [message] = mail.outbox
    assert "- Plantation de la haie" in message.body
    assert "/benevoles/mes-creneaux/" in message.body
