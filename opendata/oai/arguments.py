"""What each verb accepts, and the checks the protocol asks for before anything is read:
an unknown or repeated verb is ``badVerb``; a missing, unknown or repeated argument, a
resumption token with other arguments, or a malformed date is ``badArgument``."""

import datetime
from dataclasses import dataclass

from django.http import QueryDict
from django.utils.translation import gettext as _

from opendata.oai.errors import BAD_ARGUMENT, BAD_VERB, OAIError

# verb -> (required, optional, exclusive)
VERBS: dict[str, tuple[set[str], set[str], str | None]] = {
    "Identify": (set(), set(), None),
    "ListMetadataFormats": (set(), {"identifier"}, None),
    "ListSets": (set(), set(), "resumptionToken"),
    "GetRecord": ({"identifier", "metadataPrefix"}, set(), None),
    "ListIdentifiers": ({"metadataPrefix"}, {"from", "until", "set"}, "resumptionToken"),
    "ListRecords": ({"metadataPrefix"}, {"from", "until", "set"}, "resumptionToken"),
}


@dataclass(frozen=True)
class OAIRequest:
    verb: str
    arguments: dict[str, str]


def oai_request_parse(*, params: QueryDict) -> OAIRequest:
    verbs = params.getlist("verb")
    if len(verbs) != 1 or verbs[0] not in VERBS:
        message = (
            _("Indiquez un seul verbe OAI-PMH.")
            if len(verbs) > 1
            else _("Verbe OAI-PMH inconnu ou absent : %(verb)s.") % {"verb": ", ".join(verbs)}
        )
        raise OAIError(BAD_VERB, message)
    verb = verbs[0]
    required, optional, exclusive = VERBS[verb]
    arguments = {}
    for name in params:
        if name == "verb":
            continue
        values = params.getlist(name)
        if name not in required | optional | {exclusive}:
            raise OAIError(BAD_ARGUMENT, _("Argument inconnu : %(name)s.") % {"name": name})
        if len(values) != 1:
            raise OAIError(BAD_ARGUMENT, _("Argument répété : %(name)s.") % {"name": name})
        arguments[name] = values[0]
    if exclusive and exclusive in arguments:
        if len(arguments) > 1:
            raise OAIError(
                BAD_ARGUMENT,
                _("Le jeton de reprise s'envoie seul, sans autre argument que le verbe."),
            )
        return OAIRequest(verb=verb, arguments=arguments)
    missing = sorted(required - arguments.keys())
    if missing:
        raise OAIError(
            BAD_ARGUMENT, _("Argument manquant : %(names)s.") % {"names": ", ".join(missing)}
        )
    if "from" in arguments or "until" in arguments:
        date_range(from_date=arguments.get("from"), until_date=arguments.get("until"))
    return OAIRequest(verb=verb, arguments=arguments)


def _parse(value: str) -> tuple[datetime.datetime, bool]:
    """The moment ``value`` names in UTC, and whether it is a day (rather than a second)."""
    for pattern, day in (("%Y-%m-%d", True), ("%Y-%m-%dT%H:%M:%SZ", False)):
        try:
            moment = datetime.datetime.strptime(value, pattern)  # noqa: DTZ007 -- UTC, set below
        except ValueError:
            continue
        return moment.replace(tzinfo=datetime.UTC), day
    raise OAIError(
        BAD_ARGUMENT,
        _("Date illisible : %(value)s. Écrivez AAAA-MM-JJ ou AAAA-MM-JJThh:mm:ssZ.")
        % {"value": value},
    )


def date_range(
    *, from_date: str | None, until_date: str | None
) -> tuple[datetime.datetime | None, datetime.datetime | None]:
    """``(start, end)``: records changed at or after ``start`` and strictly before ``end``
    (``until`` includes its whole day, or its whole second)."""
    start = end = None
    start_day = end_day = None
    if from_date:
        start, start_day = _parse(from_date)
    if until_date:
        moment, end_day = _parse(until_date)
        end = moment + (datetime.timedelta(days=1) if end_day else datetime.timedelta(seconds=1))
    if from_date and until_date:
        if start_day != end_day:
            raise OAIError(
                BAD_ARGUMENT, _("Les dates « from » et « until » doivent avoir la même précision.")
            )
        if start >= end:
            raise OAIError(BAD_ARGUMENT, _("La date « from » suit la date « until »."))
    return start, end
