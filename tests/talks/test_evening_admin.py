"""The town's team plans the evenings in the admin: « Soirées » (all fields), their guests and
the order of their accepted talks. The « Accompagnement » role reads, and changes nothing."""

import pytest
from django.urls import reverse

from talks.models import Evening, Guest, GuestRole, TalkStatus
from tests.factories.talks import EveningFactory, GuestFactory, TalkFactory

pytestmark = pytest.mark.django_db


def order_url(evening) -> str:
    return reverse("taidx_evenings:order", args=[evening.pk])


def test_the_team_creates_an_evening(team_client):
    response = team_client.post(
        reverse("taidx_evenings:add"),
        {
            "title": "Ch'ti TAIDx 2027",
            "slug": "chti-taidx-2027",
            "starts_at": "2027-03-12 18:30",
            "introduction": "Faire avec la ville, vraiment ?",
            "place_label": "Base 11/19",
            "call_open": "on",
            "call_closes_on": "2027-02-01",
            "published": "on",
        },
    )

    assert response.status_code == 302
    evening = Evening.objects.get(slug="chti-taidx-2027")
    assert evening.place_label == "Base 11/19"
    assert evening.call_open is True
    assert team_client.get(reverse("taidx_evenings:edit", args=[evening.pk])).status_code == 200


def test_the_team_adds_a_guest(team_client):
    evening = EveningFactory()

    response = team_client.post(
        reverse("taidx_guests:add"),
        {"evening": evening.pk, "name": "Le maire", "role": GuestRole.MAYOR, "position": 1},
    )

    assert response.status_code == 302
    assert list(evening.guests.values_list("name", "role")) == [("Le maire", GuestRole.MAYOR)]


def test_the_guest_list_shows_one_evenings_guests(team_client):
    evening = EveningFactory()
    GuestFactory(evening=evening, name="Claire D.")
    GuestFactory(name="Invitée d'une autre soirée")

    content = team_client.get(
        f"{reverse('taidx_guests:index')}?evening={evening.pk}"
    ).content.decode()

    assert "Claire D." in content
    assert "Invitée d&#x27;une autre soirée" not in content


def test_the_team_orders_the_accepted_talks(team_client, client):
    evening = EveningFactory()
    first = TalkFactory(evening=evening, title="Le jardin", position=1)
    second = TalkFactory(evening=evening, title="La MAM", position=2)
    third = TalkFactory(evening=evening, title="Les terrils", position=3)
    declined = TalkFactory(evening=evening, title="Non retenue", status=TalkStatus.DECLINED)

    page = team_client.get(order_url(evening)).content.decode()
    response = team_client.post(
        order_url(evening),
        {f"talk_{first.pk}": 3, f"talk_{second.pk}": 1, f"talk_{third.pk}": 2},
    )

    assert "Non retenue" not in page
    assert response.status_code == 302
    public = team_client.get(reverse("talks:evening", kwargs={"slug": evening.slug}))
    content = public.content.decode()
    assert content.index("La MAM") < content.index("Les terrils") < content.index("Le jardin")
    declined.refresh_from_db()
    assert declined.position == 0


def test_an_order_left_blank_is_refused_and_nothing_changes(team_client):
    evening = EveningFactory()
    talk = TalkFactory(evening=evening, position=4)

    response = team_client.post(order_url(evening), {f"talk_{talk.pk}": ""})

    assert response.status_code == 200
    talk.refresh_from_db()
    assert talk.position == 4


def test_the_menu_offers_the_evenings_to_the_team(team_client):
    content = team_client.get(reverse("wagtailadmin_home")).content.decode()

    assert reverse("taidx_evenings:index") in content


def test_the_helper_reads_the_evenings_and_changes_nothing(helper_client):
    evening = EveningFactory(title="Soirée de mars")
    GuestFactory(evening=evening)
    TalkFactory(evening=evening)

    assert "Soirée de mars" in helper_client.get(reverse("taidx_evenings:index")).content.decode()
    assert helper_client.get(reverse("taidx_evenings:edit", args=[evening.pk])).status_code in (
        302,
        403,
    )
    assert helper_client.get(reverse("taidx_evenings:add")).status_code in (302, 403)
    assert helper_client.get(reverse("taidx_guests:index")).status_code in (302, 403)
    assert helper_client.get(order_url(evening)).status_code in (302, 403)
    assert helper_client.post(order_url(evening), {}).status_code in (302, 403)
    assert Guest.objects.count() == 1


@pytest.mark.parametrize("n", [1, 30])
def test_evening_list_queries_do_not_grow(team_client, django_assert_num_queries, n):
    for _ in range(n):
        evening = EveningFactory()
        GuestFactory(evening=evening)
        TalkFactory(evening=evening)
    team_client.get(reverse("taidx_evenings:index"))

    # The user, their groups' permissions, the admin's frame; the evenings with their venue
    # and counts of guests and accepted talks, counted once.
    with django_assert_num_queries(11):
        response = team_client.get(reverse("taidx_evenings:index"))

    assert response.status_code == 200
    assert response.content.decode().count('href="/admin/taidx/invites/?evening=') == n


@pytest.mark.parametrize("n", [1, 30])
def test_talk_order_queries_do_not_grow(team_client, django_assert_num_queries, n):
    evening = EveningFactory()
    for _ in range(n):
        TalkFactory(evening=evening)
    team_client.get(order_url(evening))

    # The user, their groups' permissions, the admin's frame; the evening, its accepted talks.
    with django_assert_num_queries(11):
        response = team_client.get(order_url(evening))

    assert response.content.decode().count('name="talk_') == n
