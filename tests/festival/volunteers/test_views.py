import re

import icalendar
import pytest
from django.core import mail
from django.urls import reverse

from festival.models import Signup, SignupStatus, Volunteer
from festival.volunteers.links import my_shifts_token
from tests.factories.festival import paris
from tests.factories.volunteers import (
    PrerequisiteFactory,
    ShiftFactory,
    SignupFactory,
    VolunteerRoleFactory,
)

from .conftest import YEAR


def signup_url(edition):
    return reverse("festival_volunteers:signup", args=[edition.year])


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


def test_signup_page_lists_shifts_by_day_with_places_left(client, volunteer_edition):
    role = VolunteerRoleFactory(name="Guide de terril")
    ShiftFactory(edition=volunteer_edition, role=role, capacity=3)
    full = ShiftFactory(
        edition=volunteer_edition,
        capacity=1,
        start=paris(YEAR, 6, 14, 9),
        end=paris(YEAR, 6, 14, 12),
    )
    SignupFactory(shift=full)

    response = client.get(signup_url(volunteer_edition))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Guide de terril" in html
    assert "3 places libres" in html
    assert (
        "Complet — rejoindre la liste d&#x27;attente" in html
        or "Complet — rejoindre la liste d'attente" in html
    )
    assert re.search(r'<h2 id="jour-\d+-06-13">\w+ 13 juin</h2>', html)
    assert re.search(r'<h2 id="jour-\d+-06-14">\w+ 14 juin</h2>', html)


def test_signup_post_stores_and_mails_then_redirects(
    client, volunteer_edition, django_capture_on_commit_callbacks
):
    a = ShiftFactory(edition=volunteer_edition)
    b = ShiftFactory(
        edition=volunteer_edition, start=paris(YEAR, 6, 14, 10), end=paris(YEAR, 6, 14, 12)
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(signup_url(volunteer_edition), form_data(a, b))

    assert response.status_code == 302
    assert response.url == reverse("festival_volunteers:thanks", args=[volunteer_edition.year])
    assert Signup.objects.filter(status=SignupStatus.PENDING).count() == 2
    assert len(mail.outbox) == 1


def test_signup_post_errors_in_french_next_to_field_and_keeps_input(client, volunteer_edition):
    shift = ShiftFactory(edition=volunteer_edition)

    response = client.post(
        signup_url(volunteer_edition),
        form_data(shift, email="marie@", consent="", name="Marie Lefebvre"),
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Cette adresse e-mail semble incomplète" in html
    assert "Cochez cette case pour que nous puissions garder votre inscription." in html
    assert 'value="Marie Lefebvre"' in html
    assert f'value="{shift.pk}" id="creneau-{shift.pk}" checked' in html
    assert not Signup.objects.exists()


def test_signup_post_requires_prerequisites_when_role_has_them(client, volunteer_edition):
    role = VolunteerRoleFactory(name="Buvette")
    role.prerequisites.add(PrerequisiteFactory(label="Formation hygiène alimentaire"))
    shift = ShiftFactory(edition=volunteer_edition, role=role)

    response = client.post(
        signup_url(volunteer_edition), form_data(shift, prerequisites_confirmed="")
    )

    assert "Confirmez que vous remplissez les conditions" in response.content.decode()
    assert not Signup.objects.exists()


def test_signup_post_overlap_message_shown_on_shifts(client, volunteer_edition):
    a = ShiftFactory(edition=volunteer_edition, role=VolunteerRoleFactory(name="Accueil"))
    b = ShiftFactory(edition=volunteer_edition, role=VolunteerRoleFactory(name="Sécurité"))

    response = client.post(signup_url(volunteer_edition), form_data(a, b))

    html = response.content.decode()
    assert 'id="id_shifts_errors"' in html
    assert "chevauche" in html and "Sécurité" in html and "Accueil" in html


def test_signup_post_honeypot_stores_nothing(client, volunteer_edition):
    shift = ShiftFactory(edition=volunteer_edition)

    response = client.post(
        signup_url(volunteer_edition), form_data(shift, website="http://spam.example")
    )

    assert response.status_code == 302
    assert not Volunteer.objects.exists()


def limit_signups(settings, per_hour: int) -> None:
    settings.PUBLIC_FORM_RATE_LIMITS = {
        **settings.PUBLIC_FORM_RATE_LIMITS,
        "volunteer_signup": {"seconds": 3600, "address": per_hour, "email": per_hour},
    }


def test_signup_post_rate_limited_per_address(client, volunteer_edition, settings):
    limit_signups(settings, 2)
    shifts = [
        ShiftFactory(edition=volunteer_edition, start=paris(YEAR, 6, 12, 8 + 3 * n))
        for n in range(3)
    ]

    codes = [
        client.post(
            signup_url(volunteer_edition), form_data(shift, email=f"p{n}@exemple.fr")
        ).status_code
        for n, shift in enumerate(shifts)
    ]

    assert codes == [302, 302, 429]
    assert Volunteer.objects.count() == 2


def post_one_signup_per_shift(client, edition, count: int, **request) -> list[int]:
    """``count`` sign-ups for ``count`` distinct shifts; ``request`` maps each number ``n`` to
    the form's e-mail and the request's headers (``str.format`` with ``n``)."""
    shifts = [
        ShiftFactory(edition=edition, start=paris(YEAR, 6, 12, 8 + 3 * n)) for n in range(count)
    ]
    email = request.pop("email", "marie@exemple.fr")
    return [
        client.post(
            signup_url(edition),
            form_data(shift, email=email.format(n=n)),
            **{key: value.format(n=n) for key, value in request.items()},
        ).status_code
        for n, shift in enumerate(shifts)
    ]


def test_signup_post_rate_limited_per_email_address(client, volunteer_edition, settings):
    limit_signups(settings, 1)

    codes = post_one_signup_per_shift(client, volunteer_edition, 2, REMOTE_ADDR="192.0.2.{n}")

    assert codes == [302, 429]


def test_behind_the_proxy_each_resident_has_their_own_limit(client, volunteer_edition, settings):
    limit_signups(settings, 1)
    settings.CLIENT_IP_HEADER = "HTTP_X_REAL_IP"

    codes = post_one_signup_per_shift(
        client,
        volunteer_edition,
        2,
        email="voisin{n}@exemple.fr",
        REMOTE_ADDR="172.18.0.5",  # nginx, for everybody
        HTTP_X_REAL_IP="198.51.100.{n}",
    )

    assert codes == [302, 302]


def test_a_client_cannot_choose_its_address_without_a_proxy(client, volunteer_edition, settings):
    limit_signups(settings, 1)

    codes = post_one_signup_per_shift(
        client, volunteer_edition, 2, email="robot{n}@exemple.fr", HTTP_X_REAL_IP="203.0.113.{n}"
    )

    assert codes == [302, 429]


def test_confirm_link_confirms_then_shows_my_shifts(
    client, volunteer_edition, django_capture_on_commit_callbacks
):
    shift = ShiftFactory(edition=volunteer_edition)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(signup_url(volunteer_edition), form_data(shift))
    confirm = link_in(mail.outbox[0], "confirmer")

    page = client.get(confirm)
    response = client.post(confirm, follow=True)

    assert page.status_code == 200 and "Je confirme" in page.content.decode()
    assert Signup.objects.get().status == SignupStatus.CONFIRMED
    assert "votre inscription est confirmée" in response.content.decode()
    assert response.redirect_chain[-1][0].startswith("/benevoles/mes-creneaux/")


def test_tampered_link_is_refused(client, volunteer_edition):
    signup = SignupFactory(shift__edition=volunteer_edition)
    token = my_shifts_token(signup.volunteer)

    response = client.get(reverse("festival_volunteers:my_shifts", args=[token[:-2] + "xx"]))

    assert response.status_code == 410
    assert signup.volunteer.name not in response.content.decode()


def test_expired_link_is_refused(client, volunteer_edition, settings):
    settings.VOLUNTEER_LINK_MAX_AGE_DAYS = -1
    signup = SignupFactory(shift__edition=volunteer_edition)
    token = my_shifts_token(signup.volunteer)

    response = client.get(reverse("festival_volunteers:my_shifts", args=[token]))

    assert response.status_code == 410


def test_my_shifts_cancel_one_promotes_waiting(
    client, volunteer_edition, django_capture_on_commit_callbacks
):
    shift = ShiftFactory(edition=volunteer_edition, capacity=1)
    mine = SignupFactory(shift=shift)
    waiting = SignupFactory(shift=shift, status=SignupStatus.WAITLISTED)
    url = reverse("festival_volunteers:my_shifts", args=[my_shifts_token(mine.volunteer)])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"action": "cancel", "signup": mine.pk}, follow=True)

    assert "Créneau annulé" in response.content.decode()
    assert Signup.objects.get(pk=waiting.pk).status == SignupStatus.CONFIRMED
    assert mail.outbox[-1].to == [waiting.volunteer.email]


def test_my_shifts_cannot_cancel_someone_elses_signup(client, volunteer_edition):
    mine = SignupFactory(shift__edition=volunteer_edition)
    other = SignupFactory(shift__edition=volunteer_edition)
    url = reverse("festival_volunteers:my_shifts", args=[my_shifts_token(mine.volunteer)])

    client.post(url, {"action": "cancel", "signup": other.pk})

    assert Signup.objects.get(pk=other.pk).status == SignupStatus.CONFIRMED


def test_my_shifts_calendar_has_confirmed_shifts_in_paris_time(client, volunteer_edition):
    signup = SignupFactory(
        shift__edition=volunteer_edition,
        shift__start=paris(YEAR, 6, 13, 15, 30),
        shift__end=paris(YEAR, 6, 13, 18),
    )
    url = reverse(
        "festival_volunteers:my_shifts_calendar",
        args=[my_shifts_token(signup.volunteer)],
    )

    response = client.get(url)

    calendar = icalendar.Calendar.from_ical(response.content)
    (event,) = calendar.walk("VEVENT")
    assert event.decoded("dtstart") == paris(YEAR, 6, 13, 15, 30)
    assert str(event["dtstart"].params["TZID"]) == "Europe/Paris"
    assert calendar.walk("VTIMEZONE")


@pytest.mark.parametrize("n", [1, 30])
def test_signup_page_queries_do_not_grow(client, volunteer_edition, django_assert_num_queries, n):
    for index in range(n):
        shift = ShiftFactory(
            edition=volunteer_edition,
            start=paris(YEAR, 6, 12 + index % 3, 8 + index % 10),
        )
        shift.role.prerequisites.add(PrerequisiteFactory())
        SignupFactory(shift=shift)

    with django_assert_num_queries(11):
        response = client.get(signup_url(volunteer_edition))

    assert response.status_code == 200


@pytest.mark.parametrize("n", [1, 30])
def test_my_shifts_queries_do_not_grow(client, volunteer_edition, django_assert_num_queries, n):
    first = SignupFactory(shift__edition=volunteer_edition)
    for index in range(1, n):
        SignupFactory(
            volunteer=first.volunteer,
            shift__edition=volunteer_edition,
            shift__start=paris(YEAR, 6, 12, 0) + index * (first.shift.end - first.shift.start) * 2,
        )
    url = reverse("festival_volunteers:my_shifts", args=[my_shifts_token(first.volunteer)])

    with django_assert_num_queries(9):
        response = client.get(url)

    assert response.status_code == 200


def test_edition_page_leads_to_the_open_shifts(client, volunteer_edition):
    ShiftFactory(edition=volunteer_edition)
    ShiftFactory(edition=volunteer_edition, start=paris(YEAR, 6, 14, 9))

    html = client.get(volunteer_edition.url).content.decode()

    assert f'href="{signup_url(volunteer_edition)}"' in html
    assert "Choisir mon créneau (2 créneaux ouverts)" in html


def test_edition_page_without_shifts_has_no_signup_link(client, volunteer_edition):
    html = client.get(volunteer_edition.url).content.decode()

    assert signup_url(volunteer_edition) not in html


def test_signing_up_again_unconfirmed_mails_the_link_instead_of_refusing(
    client, volunteer_edition, django_capture_on_commit_callbacks
):
    shift = ShiftFactory(edition=volunteer_edition)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(signup_url(volunteer_edition), form_data(shift))
    mail.outbox.clear()  # say the first e-mail never arrived

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(signup_url(volunteer_edition), form_data(shift))

    assert response.status_code == 302
    assert Signup.objects.count() == 1
    [message] = mail.outbox
    confirm = link_in(message, "confirmer")
    client.post(confirm)
    assert Signup.objects.get().status == SignupStatus.CONFIRMED


def test_signing_up_again_once_confirmed_still_says_already_signed_up(client, volunteer_edition):
    shift = ShiftFactory(edition=volunteer_edition)
    SignupFactory(shift=shift, volunteer__email="marie@exemple.fr")

    response = client.post(signup_url(volunteer_edition), form_data(shift))

    assert response.status_code == 200
    assert "déjà inscrit" in response.content.decode()


def test_volunteer_pages_link_to_the_resend_form(client, volunteer_edition):
    links = reverse("archive:links")
    signup = SignupFactory(shift=ShiftFactory(edition=volunteer_edition))
    my_shifts = reverse("festival_volunteers:my_shifts", args=[my_shifts_token(signup.volunteer)])

    for url in (
        signup_url(volunteer_edition),
        reverse("festival_volunteers:thanks", args=[volunteer_edition.year]),
        reverse("festival_volunteers:my_shifts", args=["lien-faux"]),
        my_shifts,
    ):
        assert f'href="{links}"' in client.get(url).content.decode(), url


@pytest.mark.parametrize("value", ["²", "1" * 5000])
def test_a_shift_value_sent_by_hand_is_an_error_on_the_form(client, volunteer_edition, value):
    # « ² » passes str.isdigit but not int(): the ticked boxes shown back raised a 500.
    ShiftFactory(edition=volunteer_edition)

    response = client.post(signup_url(volunteer_edition), form_data(shifts=[value]))

    assert response.status_code == 200
    assert "rechargez la page" in response.content.decode()
    assert not Volunteer.objects.exists()
