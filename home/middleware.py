from django.conf import settings
from django.utils import translation


class ChosenLanguageMiddleware:
    """French unless the visitor picked another language with the switcher.

    Unlike Django's LocaleMiddleware this ignores the browser's Accept-Language: the site
    speaks French first, and English is a choice, not a guess.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.available = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in self.available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        response.headers.setdefault("Vary", "Cookie")
        return response


class ProxiedClientAddressMiddleware:
    """Behind our nginx, the client's address is in ``X-Real-IP``, not in ``REMOTE_ADDR``.

    Only when ``CLIENT_IP_HEADER`` names that header (production, where nginx overwrites it
    and nothing else reaches the web containers): per-address rate limits, logs and the
    admin's audit then see the resident, not the proxy. Without it nothing changes, so a
    client can never choose its own address."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if meta_key := settings.CLIENT_IP_HEADER:
            address = request.META.get(meta_key, "").split(",")[0].strip()
            if address:
                request.META["REMOTE_ADDR"] = address
        return self.get_response(request)
