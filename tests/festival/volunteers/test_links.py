import datetime

import pytest
from django.utils import timezone

from core.links import site_root
from festival.volunteers import links
from tests.factories.volunteers import VolunteerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def volunteer(volunteer_edition):
    return VolunteerFactory(edition=volunteer_edition)


def test_each_link_opens_its_own_kind_only(volunteer):
    confirm, my_shifts = links.confirm_token(volunteer), links.my_shifts_token(volunteer)

    assert links.volunteer_from_confirm_token(confirm) == volunteer
    assert links.volunteer_from_my_shifts_token(my_shifts) == volunteer
    assert links.volunteer_from_confirm_token(my_shifts) is None
    assert links.volunteer_from_my_shifts_token(confirm) is None


def test_forged_link_opens_nothing(volunteer):
    assert links.volunteer_from_my_shifts_token(links.my_shifts_token(volunteer) + "x") is None


def test_confirm_link_expires_with_the_hold(volunteer, settings):
    token = links.confirm_token(volunteer)
    settings.VOLUNTEER_HOLD_HOURS = -1

    assert links.volunteer_from_confirm_token(token) is None


def test_link_of_an_erased_volunteer_opens_nothing(volunteer):
    token = links.my_shifts_token(volunteer)
    volunteer.erased_at = timezone.now() - datetime.timedelta(days=1)
    volunteer.save()

    assert links.volunteer_from_my_shifts_token(token) is None


def test_urls_start_with_the_site_root(volunteer, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://gohelliades.example/"

    url = links.my_shifts_url(volunteer, site_root=site_root())

    assert url.startswith("https://gohelliades.example/benevoles/mes-creneaux/")
    assert links.volunteer_from_my_shifts_token(url.rstrip("/").rsplit("/", 1)[1]) == volunteer
