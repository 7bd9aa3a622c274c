"""A real harvester (Sickle) over a live server: it gets every public item across the
resumption tokens, then sees a contributor's withdrawal as a deletion; every answer it receives
passes the OAI-PMH and ``oai_dc`` schemas first."""

import pytest
from django.db import connection
from sickle import Sickle
from wagtail.models import Page

from archive.models import ArchiveItemPage
from tests.archive.test_public_channels import _contributed_and_published, _withdrawn
from tests.factories.archive import ArchiveItemPageFactory, ThemeFactory
from tests.opendata.oai.conftest import validated

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(scope="module", autouse=True)
def _rows_put_back(django_db_blocker):
    """A live server needs a transactional test, which empties every table after it: put back
    the rows migrations made (Wagtail's root page…) for the next ``--reuse-db`` run."""
    yield
    with django_db_blocker.unblock():
        if not Page.objects.exists() and getattr(connection, "_test_serialized_contents", None):
            connection.creation.deserialize_db_from_string(connection._test_serialized_contents)


class _SchemaCheckingSickle(Sickle):
    """Sickle as a portal runs it; each HTTP answer is validated before Sickle reads it."""

    checked = 0

    def _request(self, kwargs):
        response = super()._request(kwargs)
        validated(response.content)
        self.checked += 1
        return response


def _harvester(live_server) -> _SchemaCheckingSickle:
    return _SchemaCheckingSickle(f"{live_server.url}/oai/", max_retries=0)


def test_a_harvester_gets_every_public_item_then_sees_a_withdrawal(
    live_server, migrated_db, archive_index, editor, settings
):
    settings.OAI_PAGE_SIZE = 2
    published = []
    for number in range(5):
        page = ArchiveItemPageFactory(parent=archive_index, live=False, title=f"Souvenir {number}")
        page.save_revision().publish()
        published.append(page.pk)
    ArchiveItemPageFactory(parent=archive_index, live=False, title="Brouillon")
    contributed = _contributed_and_published(
        archive_index, ThemeFactory(name="Les chansons"), "coquelicot", editor
    )
    harvester = _harvester(live_server)

    records = list(harvester.ListRecords(metadataPrefix="oai_dc", ignore_deleted=False))

    by_identifier = {record.header.identifier: record for record in records}
    assert sorted(by_identifier) == sorted(
        f"oai:testserver:item/{pk}" for pk in [*published, contributed.pk]
    )
    assert not any(record.deleted for record in records)
    assert by_identifier[f"oai:testserver:item/{published[0]}"].metadata["title"] == ["Souvenir 0"]

    _withdrawn(contributed, editor)

    assert not ArchiveItemPage.objects.filter(pk=contributed.pk).exists()
    headers = {
        header.identifier: header.deleted
        for header in harvester.ListIdentifiers(metadataPrefix="oai_dc", ignore_deleted=False)
    }
    assert headers[f"oai:testserver:item/{contributed.pk}"] is True
    assert [identifier for identifier, deleted in headers.items() if not deleted] == [
        f"oai:testserver:item/{pk}" for pk in published
    ]
    record = harvester.GetRecord(
        identifier=f"oai:testserver:item/{contributed.pk}", metadataPrefix="oai_dc"
    )
    assert record.deleted is True
    # Three pages of records, three of identifiers (the deletion among them), one record.
    assert harvester.checked == 7
