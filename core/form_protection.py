"""Public forms against robots and floods: one honeypot and one rate limit for them all.

Every form anyone may send without an account (a memory, a resident's addition, a transcript
correction, a volunteer sign-up…) mixes in ``HoneypotMixin``, and its view calls
``public_form_guard`` before anything is stored or mailed. Without this, thirty
contributions sent in a few seconds were all stored and each one mailed whatever address was
typed: the form could mail-bomb a stranger.

The counters live in the cache (Redis in production), so every web process counts the same
sendings. The limits, per form, are named in ``settings.PUBLIC_FORM_RATE_LIMITS``."""

import enum
import hashlib
import ipaddress
import time

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.forms.boundfield import BoundField
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

# A name robots like to fill in; no form of ours has a real field called so.
HONEYPOT_FIELD = "website"


class HoneypotInput(forms.TextInput):
    """A text box people never see (moved off screen, out of the tab order, hidden from
    screen readers) and robots fill in like any other."""

    template_name = "core/honeypot.html"

    def __init__(self):
        super().__init__(attrs={"tabindex": "-1", "autocomplete": "off"})


_HONEYPOT = forms.CharField(
    label=_("Ne remplissez pas ce champ"), required=False, widget=HoneypotInput()
)


class HoneypotMixin:
    """The honeypot of a public form: rendered with ``{{ form.honeypot }}``, never part of
    ``fields`` nor ``cleaned_data``, so the services never see it."""

    @property
    def honeypot(self) -> BoundField:
        return BoundField(self, _HONEYPOT, HONEYPOT_FIELD)

    @property
    def is_spam(self) -> bool:
        return bool(str(self.data.get(self.add_prefix(HONEYPOT_FIELD), "")).strip())


class Verdict(enum.Enum):
    PASSED = "passed"  # valid and within the limits: store it
    ROBOT = "robot"  # answer as if all went well; store and mail nothing
    INVALID = "invalid"  # the fields carry their French errors
    LIMITED = "limited"  # the form carries the French message at the top; answer 429


def public_form_guard(
    *, request: HttpRequest, form: HoneypotMixin, scope: str, email_field: str | None = None
) -> Verdict:
    """Whether a public form's sending may be stored: the honeypot, the form's own checks,
    then the rate limits of ``scope`` (a key of ``PUBLIC_FORM_RATE_LIMITS``) for the
    client's address and for the e-mail address in ``email_field``, if one was given.

    Only a sending that would be stored counts: someone correcting a mistake in the form
    is never refused for it. The count is taken atomically at that moment, so a burst of
    parallel sendings is cut at the limit however many workers serve it."""
    if form.is_spam:
        return Verdict.ROBOT
    if not form.is_valid():
        return Verdict.INVALID
    email = form.cleaned_data.get(email_field, "") if email_field else ""
    retry_seconds = rate_limit_hit(request=request, scope=scope, email=email)
    if retry_seconds:
        # At the top of the form, which stays bound: everything typed is shown again.
        form.add_error(None, rate_limit_message(retry_seconds))
        return Verdict.LIMITED
    return Verdict.PASSED


def rate_limit_message(retry_seconds: int) -> str:
    minutes = max(1, -(-retry_seconds // 60))
    return ngettext(
        "Beaucoup d'envois sont partis de cette connexion ou vers cette adresse "
        "électronique en peu de temps : celui-ci n'est pas enregistré. Tout ce que vous "
        "avez écrit est conservé ci-dessous ; renvoyez-le dans %(minutes)s minute, ou "
        "écrivez-nous si vous pensez qu'il s'agit d'une erreur.",
        "Beaucoup d'envois sont partis de cette connexion ou vers cette adresse "
        "électronique en peu de temps : celui-ci n'est pas enregistré. Tout ce que vous "
        "avez écrit est conservé ci-dessous ; renvoyez-le dans %(minutes)s minutes, ou "
        "écrivez-nous si vous pensez qu'il s'agit d'une erreur.",
        minutes,
    ) % {"minutes": minutes}


def rate_limit_hit(*, request: HttpRequest, scope: str, email: str = "") -> int:
    """Count one sending of ``scope``; 0 while within the limits, else the seconds until
    the window that was exceeded ends."""
    limits = settings.PUBLIC_FORM_RATE_LIMITS[scope]
    window = int(limits["seconds"])
    now = time.time()
    bucket = int(now // window)
    retry = window - int(now % window)
    counted = [("address", client_address_key(request))]
    if email_key := _email_key(email):
        counted.append(("email", email_key))
    over = False
    for kind, who in counted:
        limit = limits.get(kind)
        if limit is None:
            continue
        count = _increment(f"public-form:{scope}:{kind}:{who}:{bucket}", timeout=window)
        over = over or count > limit
    return retry if over else 0


def client_address_key(request: HttpRequest) -> str:
    """The client's address as the limit counts it: IPv6 by its /64, which one household
    (or one robot) holds whole. ``REMOTE_ADDR`` is the client's own behind our proxy
    (``home.middleware.ProxiedClientAddressMiddleware``)."""
    raw = request.META.get("REMOTE_ADDR", "")
    try:
        address = ipaddress.ip_address(raw)
    except ValueError:
        return raw or "unknown"
    if address.version == 4:
        return str(address)
    if address.ipv4_mapped is not None:
        return str(address.ipv4_mapped)
    return str(ipaddress.ip_network(f"{address}/64", strict=False).network_address)


def _email_key(email: str) -> str:
    """One mailbox, one key: case, spaces and a ``+tag`` do not make a new address. Hashed,
    so the cache never holds anybody's address."""
    email = (email or "").strip().lower()
    local, at, domain = email.rpartition("@")
    if not at or not local:
        return ""
    normalised = f"{local.split('+', 1)[0]}@{domain}"
    return hashlib.sha256(normalised.encode()).hexdigest()[:32]


def _increment(key: str, *, timeout: int) -> int:
    # ``add`` then ``incr`` is atomic in Redis, so parallel workers never lose a count.
    cache.add(key, 0, timeout=timeout)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=timeout)
        return 1
