import pytest

from archive.contributions.models import Contribution


@pytest.mark.parametrize(
    ("allow_web", "allow_research", "allowed"),
    [(True, False, True), (False, False, False), (False, True, False), (True, True, False)],
)
def test_web_publication_is_read_from_an_unsaved_contribution(allow_web, allow_research, allowed):
    contribution = Contribution(allow_web=allow_web, allow_research=allow_research)

    assert contribution.allows_web_publication is allowed


@pytest.mark.django_db
def test_web_publication_asks_nothing_of_the_database(django_assert_num_queries):
    contribution = Contribution.objects.create(
        title="Le carreau", story="…", full_name="Jeanne Martin", email="j@example.org"
    )

    with django_assert_num_queries(0):
        assert contribution.allows_web_publication is True
