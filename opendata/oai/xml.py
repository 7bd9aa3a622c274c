"""The repository's answers written with lxml: the OAI-PMH envelope, record headers and
Dublin Core (``oai_dc``) metadata."""

import re

from django.utils import timezone
from lxml import etree

from opendata.dublin_core import DublinCore
from opendata.oai.identifiers import datestamp_format
from opendata.oai.records import Record

OAI = "http://www.openarchives.org/OAI/2.0/"
OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC = "http://purl.org/dc/elements/1.1/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
OAI_SCHEMA = "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"
OAI_DC_SCHEMA = "http://www.openarchives.org/OAI/2.0/oai_dc.xsd"

# Characters XML 1.0 cannot carry (control characters a pasted text may hold).
_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _text(value: str) -> str:
    return _NOT_XML.sub("", str(value))


def sub(parent: etree._Element, name: str, text: str | None = None, **attributes) -> etree._Element:
    """A child of ``parent`` in the OAI namespace."""
    element = etree.SubElement(parent, f"{{{OAI}}}{name}", attributes)
    if text is not None:
        element.text = _text(text)
    return element


def envelope(*, base_url: str, arguments: dict[str, str] | None) -> etree._Element:
    """The response's root with its date and request; ``arguments`` is None when the request
    was refused as a whole (``badVerb``, ``badArgument``): then the request carries none."""
    root = etree.Element(f"{{{OAI}}}OAI-PMH", nsmap={None: OAI, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", f"{OAI} {OAI_SCHEMA}")
    sub(root, "responseDate", datestamp_format(timezone.now()))
    request = sub(root, "request", base_url)
    for name, value in sorted((arguments or {}).items()):
        request.set(name, _text(value))
    return root


def header(parent: etree._Element, record: Record) -> etree._Element:
    element = sub(parent, "header", **({"status": "deleted"} if record.deleted else {}))
    sub(element, "identifier", record.identifier)
    sub(element, "datestamp", datestamp_format(record.datestamp))
    for spec in record.set_specs:
        sub(element, "setSpec", spec)
    return element


def oai_dc(parent: etree._Element, metadata: DublinCore) -> etree._Element:
    dc = etree.SubElement(parent, f"{{{OAI_DC}}}dc", nsmap={"oai_dc": OAI_DC, "dc": DC, "xsi": XSI})
    dc.set(f"{{{XSI}}}schemaLocation", f"{OAI_DC} {OAI_DC_SCHEMA}")
    for name, value in metadata.elements():
        etree.SubElement(dc, f"{{{DC}}}{name}").text = _text(value)
    return dc


def record(parent: etree._Element, item: Record) -> etree._Element:
    element = sub(parent, "record")
    header(element, item)
    if not item.deleted:
        oai_dc(sub(element, "metadata"), item.metadata)
    return element


def serialize(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")
