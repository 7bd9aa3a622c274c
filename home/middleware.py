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
