"""The Content-Security-Policy header of every response: django-csp's middleware, with the
Wagtail admin under a policy of its own (``CONTENT_SECURITY_POLICY_ADMIN``).

Why the admin cannot share the public policy: Wagtail 8 writes inline scripts that carry no
nonce — every chooser (page, image, document, snippet) prints ``<script>…</script>`` after its
widget (``wagtail/admin/widgets/chooser.py``), date and time fields and inline panels do the
same in their templates — its bundled scripts insert ``<style>`` elements and the HTML of
chooser modals, scripts included, and its uploader previews photos from ``blob:`` addresses.
Under the public policy the page editor loses its choosers, dates and inline panels
(tests/e2e/test_csp.py shows it). Measured with ``script-src 'self'`` on the admin pages editors
use: the dashboard, the image library and uploader, the places, contributions, corrections,
programme, fifty-fifty and TAIDx screens run no inline code today, but the page explorer and
the additions' list (``initDateChooser`` of their date filters, ``widgets/date_input.html``),
every edit form with a chooser (``widgets/chooser.py`` writes ``new XChooser(id, options)``),
the page editor (choosers, dates, ``panels/inline_panel.html``, and ``vendor.js`` running the
scripts of chooser modals through jQuery) and the image editor (Jcrop's inline event handlers)
need it. Hashes cannot help: each script names its field's id and options; nonces cannot
either: widgets are rendered without the request. The page editor's ``vendor.js`` also inserts
``<style>`` elements, so ``style-src`` keeps ``'unsafe-inline'`` too. The screens that list
what the public sent and run no inline code (``CONTENT_SECURITY_POLICY_ADMIN_STRICT_VIEWS``:
the contributions' queue, the transcript corrections, the fifty-fifty and TAIDx lists) get
``script-src 'self'``. A nonce in
``script-src`` makes browsers ignore ``'unsafe-inline'``, so the admin's policy allows inline
code and has no nonce; everything else stays as tight as on the public site. The admin is
reached only by signed-in editors; the public pages, where what visitors send is shown, keep
the strict policy — and so does the admin's preview of them, framed by the admin.

nginx caches public pages for a minute (deploy/nginx), header and nonce with them: visitors of
that minute share a nonce, which gives an attacker nothing, since markup injected through a URL
is part of the cached page it was rendered in, and stored content is rendered with a new one.
"""

from functools import cache

from csp import constants as csp
from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.urls import reverse


@cache
def _admin_prefix() -> str:
    return reverse("wagtailadmin_home")


def is_admin_request(request: HttpRequest) -> bool:
    return request.path_info.startswith(_admin_prefix())


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        # Every public page's policy names a fresh nonce, whether or not its template used
        # one yet: the header has the same shape everywhere, and a template that adds an
        # inline script only has to write nonce="{{ request.csp_nonce }}".
        if response.get("Content-Type", "").startswith("text/html") and not is_admin_request(
            request
        ):
            str(request.csp_nonce)
        return super().process_response(request, response)

    def get_policy_parts(
        self,
        request: HttpRequest,
        response: HttpResponseBase,
        report_only: bool = False,
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if report_only or parts.config is not None:  # a view's own @csp decorator wins
            return parts
        admin_policy = settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"]
        if getattr(request, "is_dummy", False):
            # The admin's preview panel renders the page through a request of its own: the
            # public policy, so editors see what visitors will, framed by the admin.
            parts.replace = {
                **(parts.replace or {}),
                "frame-ancestors": admin_policy["frame-ancestors"],
            }
        elif is_admin_request(request):
            match = getattr(request, "resolver_match", None)
            if match and match.view_name in settings.CONTENT_SECURITY_POLICY_ADMIN_STRICT_VIEWS:
                admin_policy = {**admin_policy, "script-src": [csp.SELF]}
            parts.config = default_config(admin_policy)
            parts.nonce = None
        return parts
