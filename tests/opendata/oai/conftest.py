"""Every OAI-PMH response read by these tests is first validated against the protocol's XML
schema and the ``oai_dc`` one (strict: the metadata is checked too)."""

from pathlib import Path

import pytest
from lxml import etree

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas" / "oai"
# Where the schemas point to each other -> the copies shipped with the tests.
LOCAL = {
    "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd": "OAI-PMH.xsd",
    "http://www.openarchives.org/OAI/2.0/oai_dc.xsd": "oai_dc.xsd",
    "http://dublincore.org/schemas/xmls/simpledc20021212.xsd": "simpledc20021212.xsd",
    "http://www.w3.org/2001/03/xml.xsd": "xml.xsd",
}
NS = {
    "oai": "http://www.openarchives.org/OAI/2.0/",
    "oai_dc": "http://www.openarchives.org/OAI/2.0/oai_dc/",
    "dc": "http://purl.org/dc/elements/1.1/",
}
DRIVER = """<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:import namespace="http://www.openarchives.org/OAI/2.0/"
             schemaLocation="http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"/>
  <xs:import namespace="http://www.openarchives.org/OAI/2.0/oai_dc/"
             schemaLocation="http://www.openarchives.org/OAI/2.0/oai_dc.xsd"/>
</xs:schema>"""


class _ShippedSchemas(etree.Resolver):
    def resolve(self, url, pubid, context):
        if url in LOCAL:
            return self.resolve_filename(str(SCHEMAS / LOCAL[url]), context)
        return None


def _schema() -> etree.XMLSchema:
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_ShippedSchemas())
    return etree.XMLSchema(etree.fromstring(DRIVER, parser))


OAI_SCHEMA = _schema()


def validated(content: bytes) -> etree._Element:
    """The response parsed, once it has passed the schemas (else the test fails, saying why)."""
    root = etree.fromstring(content)
    if not OAI_SCHEMA.validate(root):
        pytest.fail(f"Réponse OAI-PMH non valide : {OAI_SCHEMA.error_log}\n{content.decode()}")
    return root


@pytest.fixture
def oai(client):
    """``oai(verb=..., **arguments)`` -> the validated response's root."""

    def get(method: str = "get", **params):
        response = getattr(client, method)("/oai/", params)
        assert response.status_code == 200
        assert response["Content-Type"] == "text/xml; charset=utf-8"
        return validated(response.content)

    return get


def error_code(root: etree._Element) -> str | None:
    errors = root.findall("oai:error", NS)
    return errors[0].get("code") if errors else None
