"""« Vous reconnaissez quelqu'un ? »: editors publish or decline, residents are told."""

import pytest
from django.core import mail
from wagtail.models import ModelLogEntry

from archive.models import AdditionStatus, ResidentAddition
from tests.factories.archive import ArchiveItemPageFactory

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/snippets/archive/residentaddition/"


@pytest.fixture
def item(archive_index):
    item = ArchiveItemPageFactory(parent=archive_index, title="Le bal de la Sainte-Barbe")
    item.save_revision().publish()
    return item


def _addition(item, **fields):
    values = {
        "comment": "Au premier rang, c'est Marcel Lefebvre, le porion.",
        "person_named": "Marcel Lefebvre",
        "credit_name": "Paul W.",
        "email": "paul.w@example.org",
    }
    values.update(fields)
    return ResidentAddition.objects.create(item=item, **values)


def test_addition_list_offers_publish_and_decline_buttons(editor_client, item):
    addition = _addition(item)

    html = editor_client.get(f"{LIST_URL}?status=pending").content.decode()

    assert f'action="/admin/archive/complements/{addition.pk}/publier/"' in html
    assert f'action="/admin/archive/complements/{addition.pk}/refuser/"' in html
    assert 'method="post"' in html


def test_addition_list_filters_by_status(editor_client, item):
    _addition(item, credit_name="En attente")
    _addition(item, credit_name="Déjà refusé", status=AdditionStatus.DECLINED)

    html = editor_client.get(f"{LIST_URL}?status=pending").content.decode()

    assert "En attente" in html
    assert "Déjà refusé" not in html


def test_publishing_an_addition_shows_it_credited_on_the_item(editor_client, client, item):
    addition = _addition(item)
    before = client.get(item.url).content.decode()

    response = editor_client.post(f"/admin/archive/complements/{addition.pk}/publier/")

    assert response.status_code == 302
    addition.refresh_from_db()
    assert addition.status == AdditionStatus.PUBLISHED
    assert "Marcel Lefebvre" not in before
    after = client.get(item.url).content.decode()
    assert "Marcel Lefebvre" in after
    assert "ajouté par Paul W." in after
    assert "paul.w@example.org" not in after


def test_publishing_an_addition_mails_the_resident(
    editor_client, item, django_capture_on_commit_callbacks
):
    addition = _addition(item)

    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(f"/admin/archive/complements/{addition.pk}/publier/")

    [message] = mail.outbox
    assert message.to == ["paul.w@example.org"]
    assert "« Le bal de la Sainte-Barbe » est publié" in message.body
    assert item.slug in message.body


def test_declining_an_addition_mails_the_resident_and_keeps_it_hidden(
    editor_client, client, item, django_capture_on_commit_callbacks
):
    addition = _addition(item)

    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(f"/admin/archive/complements/{addition.pk}/refuser/")

    addition.refresh_from_db()
    assert addition.status == AdditionStatus.DECLINED
    [message] = mail.outbox
    assert "ne l'a pas retenu" in message.body
    assert "Marcel Lefebvre" not in client.get(item.url).content.decode()


def test_addition_without_email_is_reviewed_without_mail(
    editor_client, item, django_capture_on_commit_callbacks
):
    addition = _addition(item, email="")

    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(f"/admin/archive/complements/{addition.pk}/publier/")

    addition.refresh_from_db()
    assert addition.status == AdditionStatus.PUBLISHED
    assert mail.outbox == []


def test_addition_decisions_are_in_the_audit_log(editor_client, editor, item):
    published, declined = _addition(item), _addition(item, credit_name="Line")

    editor_client.post(f"/admin/archive/complements/{published.pk}/publier/")
    editor_client.post(f"/admin/archive/complements/{declined.pk}/refuser/")

    entries = ModelLogEntry.objects.filter(action__startswith="archive.addition.")
    assert {(e.action, e.object_id, e.user_id) for e in entries} == {
        ("archive.addition.publish", str(published.pk), editor.pk),
        ("archive.addition.decline", str(declined.pk), editor.pk),
    }


def test_addition_review_needs_a_post(editor_client, item):
    addition = _addition(item)

    response = editor_client.get(f"/admin/archive/complements/{addition.pk}/publier/")

    assert response.status_code == 405
    addition.refresh_from_db()
    assert addition.status == AdditionStatus.PENDING


def test_addition_review_needs_the_permission(client, django_user_model, item):
    addition = _addition(item)
    user = django_user_model.objects.create_user("benevole", "b@example.org", "pw")
    client.force_login(user)

    client.post(f"/admin/archive/complements/{addition.pk}/publier/")

    addition.refresh_from_db()
    assert addition.status == AdditionStatus.PENDING


def test_addition_edit_view_offers_the_decision(editor_client, item):
    addition = _addition(item)

    html = editor_client.get(f"{LIST_URL}edit/{addition.pk}/").content.decode()

    assert f'formaction="/admin/archive/complements/{addition.pk}/publier/"' in html
