import pytest

from tests.factories.archive import ArchiveIndexPageFactory


@pytest.fixture
def archive_index(home_page):
    index = ArchiveIndexPageFactory(parent=home_page)
    index.save_revision().publish()
    return index


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("editrice", "editrice@example.org", "pw")
