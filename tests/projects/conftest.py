import pytest
from django.contrib.auth.models import Group

from home.groups import EDITORS_GROUP
from projects.admin import TEAM_GROUP


def member(django_user_model, username: str, group: str):
    user = django_user_model.objects.create_user(username, f"{username}@exemple.fr", "pw")
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def team_member(django_user_model):
    """A member of the town's « Fifty-fifty » team, not a superuser."""
    return member(django_user_model, "equipe", TEAM_GROUP)


@pytest.fixture
def team_client(client, team_member):
    client.force_login(team_member)
    return client


@pytest.fixture(params=["Coordinateurs bénévoles", EDITORS_GROUP], ids=["coordinator", "editor"])
def outsider_client(request, client, django_user_model):
    """A volunteer coordinator, or a festival editor (« Rédacteurs », Wagtail's « Editors »)."""
    client.force_login(member(django_user_model, "autre", request.param))
    return client
