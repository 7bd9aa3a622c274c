"""The six verbs of OAI-PMH 2.0; each returns the element that answers it or raises
``OAIError``."""

from email.utils import parseaddr

from django.conf import settings
from django.utils.translation import gettext as _
from lxml import etree

from core.links import site_root
from opendata.oai import xml
from opendata.oai.arguments import OAIRequest, date_range
from opendata.oai.errors import (
    CANNOT_DISSEMINATE_FORMAT,
    ID_DOES_NOT_EXIST,
    NO_RECORDS_MATCH,
    OAIError,
)
from opendata.oai.identifiers import GRANULARITY, datestamp_format, page_id_from_identifier
from opendata.oai.records import (
    Selection,
    earliest_datestamp,
    record_count,
    record_get,
    records_page,
    records_select,
)
from opendata.oai.sets import set_list
from opendata.oai.tokens import ListState, token_expiration, token_make, token_read

# prefix -> (schema, namespace)
METADATA_FORMATS = {"oai_dc": (xml.OAI_DC_SCHEMA, xml.OAI_DC)}


def page_size() -> int:
    return settings.OAI_PAGE_SIZE


def _element(name: str) -> etree._Element:
    return etree.Element(f"{{{xml.OAI}}}{name}")


def _check_format(prefix: str) -> None:
    if prefix not in METADATA_FORMATS:
        raise OAIError(
            CANNOT_DISSEMINATE_FORMAT,
            _("Format de métadonnées non proposé : %(prefix)s. Demandez oai_dc.")
            % {"prefix": prefix},
        )


def _page_id(identifier: str) -> int:
    page_id = page_id_from_identifier(identifier)
    if page_id is None:
        raise OAIError(ID_DOES_NOT_EXIST, _("Identifiant inconnu : %(id)s.") % {"id": identifier})
    return page_id


def identify(*, request: OAIRequest, base_url: str) -> etree._Element:
    element = _element("Identify")
    xml.sub(element, "repositoryName", _("Gohelliades — mémoires de Loos-en-Gohelle"))
    xml.sub(element, "baseURL", base_url)
    xml.sub(element, "protocolVersion", "2.0")
    admin = settings.OAI_ADMIN_EMAIL or parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    xml.sub(element, "adminEmail", admin)
    earliest = earliest_datestamp()
    xml.sub(
        element,
        "earliestDatestamp",
        datestamp_format(earliest) if earliest else "1970-01-01T00:00:00Z",
    )
    xml.sub(element, "deletedRecord", "persistent")
    xml.sub(element, "granularity", GRANULARITY)
    return element


def list_metadata_formats(*, request: OAIRequest, base_url: str) -> etree._Element:
    if "identifier" in request.arguments:
        page_id = _page_id(request.arguments["identifier"])
        if record_get(page_id=page_id, root=site_root()) is None:
            raise OAIError(
                ID_DOES_NOT_EXIST,
                _("Identifiant inconnu : %(id)s.") % {"id": request.arguments["identifier"]},
            )
    element = _element("ListMetadataFormats")
    for prefix, (schema, namespace) in METADATA_FORMATS.items():
        entry = xml.sub(element, "metadataFormat")
        xml.sub(entry, "metadataPrefix", prefix)
        xml.sub(entry, "schema", schema)
        xml.sub(entry, "metadataNamespace", namespace)
    return element


def list_sets(*, request: OAIRequest, base_url: str) -> etree._Element:
    if "resumptionToken" in request.arguments:
        # The sets all come in one answer: no token of ours exists for them.
        token_read(token=request.arguments["resumptionToken"], verb="ListSets")
    element = _element("ListSets")
    for spec, name in set_list():
        entry = xml.sub(element, "set")
        xml.sub(entry, "setSpec", spec)
        xml.sub(entry, "setName", name)
    return element


def get_record(*, request: OAIRequest, base_url: str) -> etree._Element:
    page_id = _page_id(request.arguments["identifier"])
    _check_format(request.arguments["metadataPrefix"])
    found = record_get(page_id=page_id, root=site_root())
    if found is None:
        raise OAIError(
            ID_DOES_NOT_EXIST,
            _("Identifiant inconnu : %(id)s.") % {"id": request.arguments["identifier"]},
        )
    element = _element("GetRecord")
    xml.record(element, found)
    return element


def _list_state(request: OAIRequest) -> ListState:
    if "resumptionToken" in request.arguments:
        return token_read(token=request.arguments["resumptionToken"], verb=request.verb)
    _check_format(request.arguments["metadataPrefix"])
    return ListState(
        verb=request.verb,
        metadata_prefix=request.arguments["metadataPrefix"],
        set_spec=request.arguments.get("set"),
        from_date=request.arguments.get("from"),
        until_date=request.arguments.get("until"),
    )


def _list(*, request: OAIRequest, with_metadata: bool) -> etree._Element:
    state = _list_state(request)
    start, end = date_range(from_date=state.from_date, until_date=state.until_date)
    selected = records_select(selection=Selection(set_spec=state.set_spec, start=start, end=end))
    size = state.size if state.size is not None else record_count(selected=selected)
    records, more = records_page(
        selected=selected,
        after=state.after,
        size=page_size(),
        root=site_root(),
        with_metadata=with_metadata,
    )
    if not records and state.cursor == 0:
        raise OAIError(NO_RECORDS_MATCH, _("Aucune notice ne répond à cette demande."))
    element = _element(request.verb)
    for found in records:
        if with_metadata:
            xml.record(element, found)
        else:
            xml.header(element, found)
    if more or state.cursor:
        # The last page of a list sent in parts carries an empty token: the harvest is over.
        token = xml.sub(
            element, "resumptionToken", completeListSize=str(size), cursor=str(state.cursor)
        )
        if more:
            token.text = token_make(
                state=ListState(
                    **{
                        **state.__dict__,
                        "cursor": state.cursor + len(records),
                        "after": records[-1].page_id,
                        "size": size,
                    }
                )
            )
            token.set("expirationDate", datestamp_format(token_expiration()))
    return element


def list_identifiers(*, request: OAIRequest, base_url: str) -> etree._Element:
    return _list(request=request, with_metadata=False)


def list_records(*, request: OAIRequest, base_url: str) -> etree._Element:
    return _list(request=request, with_metadata=True)


VERB_HANDLERS = {
    "Identify": identify,
    "ListMetadataFormats": list_metadata_formats,
    "ListSets": list_sets,
    "GetRecord": get_record,
    "ListIdentifiers": list_identifiers,
    "ListRecords": list_records,
}
