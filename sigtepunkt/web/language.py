"""Danish first: the language is Danish unless the user chose another one on the site.

Django's LocaleMiddleware would follow the browser's Accept-Language, so an English
browser would get English pages; a Danish municipal product starts in Danish instead,
and English is one choice away (the language menu sets the cookie read here). The engine's
messages, translated by its own catalogue, are switched along with Django's.
"""

from django.conf import settings
from django.utils import translation
from django.utils.deprecation import MiddlewareMixin

from sigtepunkt import i18n as engine_i18n


class DanishFirstLocaleMiddleware(MiddlewareMixin):
    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        supported = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        engine_i18n.activate(language)  # the engine's own texts (import problems, milestone rules) follow
        request.LANGUAGE_CODE = language

    def process_response(self, request, response):
        response.headers.setdefault("Content-Language", translation.get_language())
        return response
