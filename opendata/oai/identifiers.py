"""How an archive item is named to harvesters: ``oai:<host>:item/<page id>``, and when its
record last changed, at the second, in UTC (the repository's granularity)."""

import datetime
from urllib.parse import urlsplit

from core.links import site_root

GRANULARITY = "YYYY-MM-DDThh:mm:ssZ"
DATESTAMP_FORMAT = "%Y-%m-%dT%H:%M:%SZ"


def repository_host() -> str:
    # The configured address, not the request's: an identifier must not change with the host
    # a harvester happened to call.
    return urlsplit(site_root()).hostname or "localhost"


def item_identifier(*, page_id: int) -> str:
    return f"oai:{repository_host()}:item/{page_id}"


def page_id_from_identifier(identifier: str) -> int | None:
    prefix = f"oai:{repository_host()}:item/"
    number = identifier.removeprefix(prefix)
    if number == identifier or not number.isdigit():
        return None
    return int(number)


def datestamp_format(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime(DATESTAMP_FORMAT)
