"""Who may keep a copy of an answer: decided here, for every response, and nowhere else.

A public page read by an anonymous visitor is the same for everyone who chose the same
language, so nginx's micro-cache (deploy/nginx) may keep it ``PUBLIC_CACHE_SECONDS``; the
browser asks again each time (``max-age=0``), so a language switched or a message to show is
never hidden behind its own copy. Everything tied to a person is ``private, no-store``: a
session (signed in, a page password given), a message waiting to be shown, a form's CSRF
token, a cookie being set, a signed private link, the admin and its previews, any method but
GET and HEAD, and any answer but a page or its absence."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpRequest, HttpResponseBase
from django.urls import reverse
from django.utils.cache import patch_vary_headers

PRIVATE = "private, no-store"

# Answers a shared cache may keep: a page, a moved page, a page that is not (or no longer) there.
PUBLIC_STATUSES = frozenset({200, 301, 404, 410})

# The URL argument every signed private link carries (a contribution's, a volunteer's, a
# fifty-fifty carrier's, a speaker's follow-up pages).
PRIVATE_LINK_ARGUMENT = "token"


def public_cache_control() -> str:
    return f"public, max-age=0, s-maxage={settings.PUBLIC_CACHE_SECONDS}"


def response_is_private(request: HttpRequest, response: HttpResponseBase) -> bool:
    """Whether ``response`` belongs to this visitor alone (see the module's docstring)."""
    if request.method not in ("GET", "HEAD") or response.status_code not in PUBLIC_STATUSES:
        return True
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return True
    personal_cookies = (settings.SESSION_COOKIE_NAME, CookieStorage.cookie_name)
    if any(name in request.COOKIES for name in personal_cookies):
        return True
    if "HTTP_AUTHORIZATION" in request.META:
        return True
    match = request.resolver_match
    if match is not None and PRIVATE_LINK_ARGUMENT in match.kwargs:
        return True
    return request.path.startswith(reverse("wagtailadmin_home"))


class HttpCacheMiddleware:
    """Says in ``Cache-Control`` whether a shared cache may keep the answer.

    Listed before the session, CSRF and messages middlewares, so it sees the cookies they set.
    A view may say ``private`` or ``no-store`` itself, or give a public answer a longer life
    (a caption file); it is never made public when this request is private."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.media_prefix = urlsplit(settings.MEDIA_URL).path or "/media/"

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(self.media_prefix):
            # Uploaded files (the embedded server's) follow their own rule, media.visibility,
            # as nginx serves them in production: outside the page cache.
            return response
        declared = response.get("Cache-Control", "").lower()
        if response_is_private(request, response):
            if not ("private" in declared and "no-store" in declared):
                response["Cache-Control"] = PRIVATE
        elif not declared:
            response["Cache-Control"] = public_cache_control()
        if "public" in response.get("Cache-Control", ""):
            # The language is chosen by a cookie (home.middleware.ChosenLanguageMiddleware).
            patch_vary_headers(response, ["Cookie"])
        return response
