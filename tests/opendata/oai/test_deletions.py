"""What the public may not see never reaches a harvester with its metadata: an item that was
public and left (unpublished, made private, its consent or its contribution withdrawn) is
reported as deleted; one never public is not reported at all; one that comes back is whole
again."""

import datetime

import pytest
from lxml import etree
from wagtail.models import PageViewRestriction

from archive.models import ArchiveItemPage
from opendata.models import DeletedRecord
from tests.archive.test_public_channels import HIDDEN, HIDDEN_KINDS, _world
from tests.factories.archive import ArchiveItemPageFactory, ThemeFactory, published
from tests.opendata.oai.conftest import NS

pytestmark = pytest.mark.django_db

DC = "oai_dc"
# The hidden kinds that were public before they left.
ONCE_PUBLIC = {kind for kind, (_build, then) in HIDDEN_KINDS.items() if then is not None}


def _harvest(oai, **params) -> list:
    """Every response of a ListRecords harvest, across its resumption tokens."""
    responses = [oai(verb="ListRecords", metadataPrefix=DC, **params)]
    while (token := responses[-1].find(".//oai:resumptionToken", NS)) is not None and token.text:
        responses.append(oai(verb="ListRecords", resumptionToken=token.text))
    return responses


def _headers(responses) -> dict[str, str | None]:
    """identifier -> status of every header harvested."""
    return {
        header.findtext("oai:identifier", namespaces=NS): header.get("status")
        for root in responses
        for header in root.iterfind(".//oai:header", NS)
    }


@pytest.mark.parametrize("hidden_kind", HIDDEN_KINDS)
def test_a_hidden_item_never_comes_with_its_metadata(
    oai, archive_index, editor, django_capture_on_commit_callbacks, settings, hidden_kind
):
    settings.OAI_PAGE_SIZE = 1
    _, visible, hidden = _world(
        archive_index, editor, django_capture_on_commit_callbacks, hidden_kind
    )

    responses = _harvest(oai)
    record = oai(verb="GetRecord", identifier=f"oai:testserver:item/{hidden.pk}", metadataPrefix=DC)

    headers = _headers(responses)
    assert headers[f"oai:testserver:item/{visible.pk}"] is None
    # Its sets may name it (its own theme): never its title or summary.
    said = "".join(etree.tostring(root, encoding="unicode") for root in [*responses, record])
    assert hidden.title not in said
    assert f"Le {HIDDEN} de la cité" not in said
    if hidden_kind in ONCE_PUBLIC:
        assert headers[f"oai:testserver:item/{hidden.pk}"] == "deleted"
        assert record.find(".//oai:header", NS).get("status") == "deleted"
        assert record.find(".//oai:metadata", NS) is None
    else:
        assert f"oai:testserver:item/{hidden.pk}" not in headers
        assert record.find("oai:error", NS).get("code") == "idDoesNotExist"


def test_an_unpublished_item_is_deleted_then_whole_again_when_republished(
    oai, archive_index, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        page = published(archive_index)
    identifier = f"oai:testserver:item/{page.pk}"

    with django_capture_on_commit_callbacks(execute=True):
        ArchiveItemPage.objects.get(pk=page.pk).unpublish()
    assert _headers(_harvest(oai)) == {identifier: "deleted"}

    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert _headers(_harvest(oai)) == {identifier: None}
    assert DeletedRecord.objects.count() == 0


def test_a_page_made_public_again_loses_its_tombstone(
    oai, archive_index, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        page = published(archive_index)
        restriction = PageViewRestriction.objects.create(
            page=archive_index, restriction_type="login"
        )
    assert _headers(_harvest(oai)) == {f"oai:testserver:item/{page.pk}": "deleted"}

    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()

    assert _headers(_harvest(oai)) == {f"oai:testserver:item/{page.pk}": None}


def test_a_deleted_item_keeps_its_sets_and_is_dated_by_its_departure(
    oai, archive_index, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        page = published(archive_index)
        page.themes.set([ThemeFactory(slug="la-fanfare")])
        page.save_revision().publish()
    page_id = page.pk
    with django_capture_on_commit_callbacks(execute=True):
        page.delete()
    tombstone = DeletedRecord.objects.get(page_id=page_id)
    tomorrow = (tombstone.datestamp + datetime.timedelta(days=1)).date().isoformat()

    def listed(**params):
        return _headers(_harvest(oai, **params))

    identifier = f"oai:testserver:item/{page_id}"
    assert listed(set="theme:la-fanfare") == {identifier: "deleted"}
    assert listed(set="kind:memory") == {identifier: "deleted"}
    assert (
        oai(verb="ListRecords", metadataPrefix=DC, set="collection")
        .find("oai:error", NS)
        .get("code")
        == "noRecordsMatch"
    )
    assert (
        oai(verb="ListRecords", metadataPrefix=DC, **{"from": tomorrow})
        .find("oai:error", NS)
        .get("code")
        == "noRecordsMatch"
    )
    assert listed(until=tombstone.datestamp.date().isoformat()) == {identifier: "deleted"}


def test_a_draft_deleted_leaves_no_tombstone(archive_index, django_capture_on_commit_callbacks):
    page = ArchiveItemPageFactory(parent=archive_index, live=False)

    with django_capture_on_commit_callbacks(execute=True):
        page.delete()

    assert DeletedRecord.objects.count() == 0
