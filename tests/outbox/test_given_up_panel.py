"""Mails the site gave up sending are shown to moderators, with the reason, on the dashboard."""

import pytest
from django.contrib.auth.models import Group

from archive.contributions.services import contribution_decline
from archive.moderators import MODERATORS_GROUP
from outbox.models import MailStatus, OutgoingMail
from outbox.sending import MAX_ATTEMPTS, mails_retry
from tests.archive.contributions.test_emails import REFUSING, _contribution
from tests.factories.archive import ArchiveIndexPageFactory

pytestmark = pytest.mark.django_db


def _member(django_user_model, username: str, group: str):
    user = django_user_model.objects.create_user(username, f"{username}@example.org", "pw")
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def given_up(home_page, settings, django_capture_on_commit_callbacks):
    ArchiveIndexPageFactory(parent=home_page)
    settings.EMAIL_BACKEND = REFUSING
    with django_capture_on_commit_callbacks(execute=True):
        contribution_decline(
            contribution=_contribution(title="Le bal des mineurs"), message="Trop flou."
        )
    for _attempt in range(MAX_ATTEMPTS):
        row = OutgoingMail.objects.get()
        mails_retry(now=row.next_attempt_at)
    assert OutgoingMail.objects.get().status == MailStatus.FAILED
    return OutgoingMail.objects.get()


def test_moderators_see_a_mail_given_up_with_its_reason(client, django_user_model, given_up):
    client.force_login(_member(django_user_model, "moderatrice", MODERATORS_GROUP))

    html = client.get("/admin/").content.decode()

    assert "Un courriel n'a pas pu être envoyé" in html
    assert "SMTPServerDisconnected" in html
    assert "jeannine" in html.lower()  # to whom: the team can tell her another way


def test_coordinators_do_not_see_contributors_mails(client, django_user_model, given_up):
    client.force_login(_member(django_user_model, "coordo", "Coordinateurs bénévoles"))

    html = client.get("/admin/").content.decode()

    assert "pas pu être envoyé" not in html


def test_no_panel_while_every_mail_goes_out(client, django_user_model, home_page):
    client.force_login(_member(django_user_model, "moderatrice", MODERATORS_GROUP))

    assert "pas pu être envoyé" not in client.get("/admin/").content.decode()
