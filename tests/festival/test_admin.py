import pytest
from django.contrib.auth.models import Permission

from festival.models import EditionPage, EventPage
from tests.factories.festival import event_at, paris

pytestmark = pytest.mark.django_db


def test_admin_programme_lists_events_with_their_gaps(admin_client, edition):
    event_at(edition=edition, start=paris(2026, 6, 13, 15, 0), title="Sans lieu", venue=None)

    html = admin_client.get(f"/admin/festival/editions/{edition.pk}/programme/").content.decode()

    assert "Sans lieu" in html
    assert "Manque : lieu, image, accessibilité" in html
    assert "Samedi 13 juin, 15\u00a0h" in html


def test_admin_explorer_offers_prepare_next_on_an_edition(admin_client, edition):
    html = admin_client.get(f"/admin/pages/{edition.pk}/").content.decode()

    assert f"/admin/festival/editions/{edition.pk}/preparer-la-suivante/" in html


def test_admin_prepare_next_creates_the_draft_edition(admin_client, edition):
    event_at(edition=edition, start=paris(2026, 6, 13, 15, 0), title="Le grand récit")
    url = f"/admin/festival/editions/{edition.pk}/preparer-la-suivante/"

    form = admin_client.get(url).content.decode()
    response = admin_client.post(url, {"year": 2027, "offset_days": 364})

    assert 'value="2027"' in form and 'value="364"' in form
    new_edition = EditionPage.objects.get(year=2027)
    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/{new_edition.pk}/"
    assert [e.title for e in EventPage.objects.child_of(new_edition)] == ["Le grand récit"]


def test_admin_prepare_next_explains_an_existing_year(admin_client, edition):
    url = f"/admin/festival/editions/{edition.pk}/preparer-la-suivante/"

    html = admin_client.post(url, {"year": 2026, "offset_days": 364}).content.decode()

    assert "existe déjà" in html
    assert EditionPage.objects.filter(year=2026).count() == 1


def test_admin_festival_views_refuse_people_without_edit_rights(client, edition, django_user_model):
    user = django_user_model.objects.create_user("benevole", password="x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)

    response = client.get(f"/admin/festival/editions/{edition.pk}/preparer-la-suivante/")

    assert response.status_code in (302, 403)
    assert not EditionPage.objects.filter(year=2027).exists()


def test_admin_edit_forms_of_edition_event_and_venue_open(admin_client, edition):
    event = event_at(edition=edition, start=paris(2026, 6, 13, 15, 0))

    edit_event = admin_client.get(f"/admin/pages/{event.pk}/edit/")
    add_event = admin_client.get(f"/admin/pages/add/festival/eventpage/{edition.pk}/")
    edit_edition = admin_client.get(f"/admin/pages/{edition.pk}/edit/")
    venues = admin_client.get("/admin/snippets/festival/venue/")

    assert edit_event.status_code == 200
    assert "Dates et horaires" in edit_event.content.decode()
    assert add_event.status_code == 200
    assert edit_edition.status_code == 200
    assert venues.status_code == 200
    assert event.venue.name in venues.content.decode()
