import pytest

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
