"""Resumption tokens: stateless, signed, carrying everything the next page needs (the verb,
the format, the set, the dates, how many records came before, the last page id sent and the
list's size). A token that is forged, altered or older than ``OAI_TOKEN_MAX_AGE`` seconds is
refused (``badResumptionToken``)."""

import datetime
from dataclasses import asdict, dataclass

from django.conf import settings
from django.core import signing
from django.utils import timezone
from django.utils.translation import gettext as _

from opendata.oai.errors import BAD_RESUMPTION_TOKEN, OAIError

SALT = "opendata.oai.resumption"


@dataclass(frozen=True)
class ListState:
    """Where a harvest of ListIdentifiers or ListRecords stands."""

    verb: str
    metadata_prefix: str
    set_spec: str | None = None
    # The harvester's own words (``2026-01-01`` or ``2026-01-01T00:00:00Z``).
    from_date: str | None = None
    until_date: str | None = None
    cursor: int = 0  # records sent before this page
    after: int = 0  # the last page id sent
    size: int | None = None  # the list's size, counted on its first page


def token_max_age() -> int:
    return settings.OAI_TOKEN_MAX_AGE


def token_make(*, state: ListState) -> str:
    return signing.dumps(asdict(state), salt=SALT, compress=True)


def token_expiration() -> datetime.datetime:
    return timezone.now() + datetime.timedelta(seconds=token_max_age())


def token_read(*, token: str, verb: str) -> ListState:
    try:
        data = signing.loads(token, salt=SALT, max_age=token_max_age())
        state = ListState(**data)
    except signing.SignatureExpired as error:
        raise OAIError(
            BAD_RESUMPTION_TOKEN,
            _("Ce jeton de reprise a expiré : recommencez la moisson depuis le début."),
        ) from error
    except (signing.BadSignature, TypeError, ValueError) as error:
        raise OAIError(
            BAD_RESUMPTION_TOKEN,
            _("Ce jeton de reprise n'est pas valide : recommencez la moisson depuis le début."),
        ) from error
    if state.verb != verb:
        raise OAIError(
            BAD_RESUMPTION_TOKEN,
            _("Ce jeton de reprise appartient à une autre requête (%(verb)s).")
            % {"verb": state.verb},
        )
    return state
