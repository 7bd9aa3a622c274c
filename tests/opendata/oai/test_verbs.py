"""The six verbs as a harvester reads them; every response validates against the schemas."""

import datetime

import pytest

from archive.models import ArchiveItemPage, ItemKind
from opendata.oai.tokens import ListState, token_make
from tests.factories.archive import (
    ArchiveCollectionFactory,
    ThemeFactory,
    published,
)
from tests.opendata.oai.conftest import NS, error_code

pytestmark = pytest.mark.django_db

DC = "oai_dc"


def _published_at(page, moment: datetime.datetime):
    ArchiveItemPage.objects.filter(pk=page.pk).update(last_published_at=moment)


def _identifier(page) -> str:
    return f"oai:testserver:item/{page.pk}"


def _identifiers(root) -> list[str]:
    return [e.text for e in root.iterfind(".//oai:header/oai:identifier", NS)]


def _token(root):
    return root.find(".//oai:resumptionToken", NS)


def test_identify_describes_the_repository(oai, archive_index):
    page = published(archive_index)
    _published_at(page, datetime.datetime(2024, 5, 1, 8, 30, 15, 500, tzinfo=datetime.UTC))

    identify = oai(verb="Identify").find("oai:Identify", NS)

    assert identify.findtext("oai:baseURL", namespaces=NS) == "http://testserver/oai/"
    assert identify.findtext("oai:protocolVersion", namespaces=NS) == "2.0"
    assert identify.findtext("oai:earliestDatestamp", namespaces=NS) == "2024-05-01T08:30:15Z"
    assert identify.findtext("oai:deletedRecord", namespaces=NS) == "persistent"
    assert identify.findtext("oai:granularity", namespaces=NS) == "YYYY-MM-DDThh:mm:ssZ"
    assert (
        identify.findtext("oai:adminEmail", namespaces=NS) == "ne-pas-repondre@loos-en-gohelle.fr"
    )


def test_post_is_answered_like_get(oai, archive_index):
    page = published(archive_index)

    root = oai(method="post", verb="ListIdentifiers", metadataPrefix=DC)

    assert _identifiers(root) == [_identifier(page)]
    assert root.find(".//oai:header", NS).get("status") is None


def test_list_metadata_formats_offers_oai_dc(oai, archive_index):
    page = published(archive_index)

    for params in ({}, {"identifier": _identifier(page)}):
        root = oai(verb="ListMetadataFormats", **params)
        prefixes = [e.text for e in root.iterfind(".//oai:metadataPrefix", NS)]
        assert prefixes == [DC]


def test_list_sets_names_collections_themes_and_kinds(oai):
    ArchiveCollectionFactory(name="Fonds Kowalski", slug="fonds-kowalski")
    ThemeFactory(name="La fanfare", slug="la-fanfare")

    root = oai(verb="ListSets")

    sets = {
        e.findtext("oai:setSpec", namespaces=NS): e.findtext("oai:setName", namespaces=NS)
        for e in root.iterfind(".//oai:set", NS)
    }
    assert sets["collection:fonds-kowalski"] == "Fonds Kowalski"
    assert sets["theme:la-fanfare"] == "La fanfare"
    assert sets["kind:oral_history"] == "Témoignage oral"
    assert {"collection", "theme", "kind"} <= sets.keys()


def test_get_record_gives_the_item_in_dublin_core(oai, archive_index):
    collection = ArchiveCollectionFactory(slug="fonds-kowalski")
    page = published(
        archive_index, title="La fanfare à la fosse 11", kind=ItemKind.PHOTO, collection=collection
    )
    page.themes.set([ThemeFactory(slug="la-fanfare")])
    page.save_revision().publish()

    record = oai(verb="GetRecord", identifier=_identifier(page), metadataPrefix=DC).find(
        ".//oai:record", NS
    )

    header = record.find("oai:header", NS)
    assert header.get("status") is None
    assert header.findtext("oai:identifier", namespaces=NS) == _identifier(page)
    assert [e.text for e in header.iterfind("oai:setSpec", NS)] == [
        "collection:fonds-kowalski",
        "theme:la-fanfare",
        "kind:photo",
    ]
    dc = record.find("oai:metadata/oai_dc:dc", NS)
    assert dc.findtext("dc:title", namespaces=NS) == "La fanfare à la fosse 11"
    assert dc.findtext("dc:identifier", namespaces=NS) == f"http://testserver{page.url}"
    assert [e.text for e in dc.iterfind("dc:type", NS)] == ["StillImage", "Photographie"]


def test_a_datestamp_is_the_last_publication_to_the_second_in_utc(oai, archive_index):
    page = published(archive_index)
    paris = datetime.timezone(datetime.timedelta(hours=2))
    _published_at(page, datetime.datetime(2024, 5, 1, 10, 30, 15, 999, tzinfo=paris))

    root = oai(verb="GetRecord", identifier=_identifier(page), metadataPrefix=DC)

    assert root.findtext(".//oai:header/oai:datestamp", namespaces=NS) == "2024-05-01T08:30:15Z"


def test_a_list_in_several_pages_carries_resumption_tokens(oai, archive_index, settings):
    settings.OAI_PAGE_SIZE = 2
    pages = [published(archive_index) for _ in range(5)]

    seen, cursors = [], []
    root = oai(verb="ListRecords", metadataPrefix=DC)
    while True:
        seen += _identifiers(root)
        token = _token(root)
        cursors.append((token.get("cursor"), token.get("completeListSize")))
        if not token.text:
            break
        root = oai(verb="ListRecords", resumptionToken=token.text)

    assert seen == [_identifier(page) for page in pages]
    assert cursors == [("0", "5"), ("2", "5"), ("4", "5")]


def test_a_list_in_one_page_has_no_token(oai, archive_index):
    published(archive_index)

    assert _token(oai(verb="ListIdentifiers", metadataPrefix=DC)) is None


def test_from_and_until_select_by_datestamp(oai, archive_index):
    old, middle, new = (published(archive_index) for _ in range(3))
    _published_at(old, datetime.datetime(2023, 1, 1, 12, tzinfo=datetime.UTC))
    _published_at(middle, datetime.datetime(2024, 6, 1, 12, 0, 0, 400_000, tzinfo=datetime.UTC))
    _published_at(new, datetime.datetime(2025, 1, 1, 12, tzinfo=datetime.UTC))

    def listed(**dates):
        return _identifiers(oai(verb="ListIdentifiers", metadataPrefix=DC, **dates))

    assert listed(**{"from": "2024-01-01"}) == [_identifier(middle), _identifier(new)]
    assert listed(until="2024-06-01") == [_identifier(old), _identifier(middle)]
    assert listed(**{"from": "2024-06-01T12:00:00Z", "until": "2024-06-01T12:00:00Z"}) == [
        _identifier(middle)
    ]


def test_a_set_selects_its_items(oai, archive_index):
    theme = ThemeFactory(slug="la-fanfare")
    themed = published(archive_index, kind=ItemKind.PHOTO)
    themed.themes.set([theme])
    themed.save_revision().publish()
    other = published(archive_index, kind=ItemKind.MEMORY)

    def listed(spec):
        return _identifiers(oai(verb="ListIdentifiers", metadataPrefix=DC, set=spec))

    assert listed("theme:la-fanfare") == [_identifier(themed)]
    assert listed("theme") == [_identifier(themed)]
    assert listed("kind:memory") == [_identifier(other)]
    assert listed("kind") == [_identifier(themed), _identifier(other)]


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({}, "badVerb"),
        ({"verb": "Harvest"}, "badVerb"),
        ({"verb": ["Identify", "ListSets"]}, "badVerb"),
        ({"verb": "Identify", "metadataPrefix": DC}, "badArgument"),
        ({"verb": "ListRecords"}, "badArgument"),
        ({"verb": "GetRecord", "metadataPrefix": DC}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": [DC, DC]}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": DC, "from": "hier"}, "badArgument"),
        (
            {
                "verb": "ListRecords",
                "metadataPrefix": DC,
                "from": "2024-01-01",
                "until": "2023-01-01",
            },
            "badArgument",
        ),
        (
            {
                "verb": "ListRecords",
                "metadataPrefix": DC,
                "from": "2024-01-01T00:00:00Z",
                "until": "2025-01-01",
            },
            "badArgument",
        ),
        ({"verb": "ListRecords", "metadataPrefix": DC, "resumptionToken": "x"}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": "marc21"}, "cannotDisseminateFormat"),
        (
            {"verb": "GetRecord", "metadataPrefix": "edm", "identifier": "oai:testserver:item/1"},
            "cannotDisseminateFormat",
        ),
        (
            {"verb": "GetRecord", "metadataPrefix": DC, "identifier": "oai:testserver:item/999999"},
            "idDoesNotExist",
        ),
        (
            {"verb": "GetRecord", "metadataPrefix": DC, "identifier": "oai:ailleurs:item/1"},
            "idDoesNotExist",
        ),
        (
            {"verb": "ListMetadataFormats", "identifier": "oai:testserver:item/999999"},
            "idDoesNotExist",
        ),
        ({"verb": "ListRecords", "metadataPrefix": DC, "set": "theme:inconnu"}, "noRecordsMatch"),
        (
            {"verb": "ListIdentifiers", "metadataPrefix": DC, "until": "1900-01-01"},
            "noRecordsMatch",
        ),
        ({"verb": "ListRecords", "resumptionToken": "forgé"}, "badResumptionToken"),
        ({"verb": "ListSets", "resumptionToken": "forgé"}, "badResumptionToken"),
    ],
)
def test_bad_requests_get_the_protocols_error(oai, archive_index, params, code):
    published(archive_index)

    root = oai(**params)

    assert error_code(root) == code
    assert root.findtext("oai:error", namespaces=NS)  # a sentence saying what to do


def test_a_refused_request_echoes_no_arguments(oai):
    root = oai(verb="Harvest", metadataPrefix=DC)

    assert dict(root.find("oai:request", NS).attrib) == {}


def test_an_altered_token_is_refused(oai, archive_index, settings):
    settings.OAI_PAGE_SIZE = 1
    published(archive_index)
    published(archive_index)
    token = _token(oai(verb="ListRecords", metadataPrefix=DC)).text

    root = oai(verb="ListRecords", resumptionToken=token[:-2] + "xx")

    assert error_code(root) == "badResumptionToken"


def test_a_token_of_another_verb_is_refused(oai, archive_index, settings):
    settings.OAI_PAGE_SIZE = 1
    published(archive_index)
    published(archive_index)
    token = _token(oai(verb="ListRecords", metadataPrefix=DC)).text

    assert error_code(oai(verb="ListIdentifiers", resumptionToken=token)) == "badResumptionToken"


def test_an_expired_token_is_refused(oai, archive_index, settings):
    published(archive_index)
    token = token_make(state=ListState(verb="ListRecords", metadata_prefix=DC))
    assert error_code(oai(verb="ListRecords", resumptionToken=token)) is None

    settings.OAI_TOKEN_MAX_AGE = -1  # any token is older than that

    assert error_code(oai(verb="ListRecords", resumptionToken=token)) == "badResumptionToken"
