import pytest


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("editrice", "editrice@example.org", "pw")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client
