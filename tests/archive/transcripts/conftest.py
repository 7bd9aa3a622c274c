import pytest
from django.contrib.auth.models import Group, Permission

from tests.factories.transcripts import InterviewFactory, OralHistoryPageFactory


@pytest.fixture
def oral_history(archive_index):
    page = OralHistoryPageFactory(parent=archive_index)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def interview(oral_history):
    return InterviewFactory(page=oral_history)


@pytest.fixture
def visitor_editor_client(client, django_user_model):
    """Someone who may open the admin but not change interviews."""
    user = django_user_model.objects.create_user("benevole", "benevole@example.org", "pw")
    group = Group.objects.create(name="Relecteurs des contributions")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    client.force_login(user)
    return client
