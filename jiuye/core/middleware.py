from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers

# Every asset is served by the app itself: government intranets have no internet.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "frame-ancestors 'none'",
        "form-action 'self'",
        "base-uri 'self'",
        "object-src 'none'",
    ]
)


STATIC_PATH = "/" + settings.STATIC_URL.lstrip("/")


class SecurityHeadersMiddleware:
    """Headers Django 5.2 does not set itself: a content security policy, a permissions
    policy, and no caching of anything but the static assets: pages, API answers, exports,
    PDFs and evidence files all carry personal data, and a browser or proxy must not keep
    them on a shared office PC."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=()"
        )
        if not request.path.startswith(STATIC_PATH):
            response.headers.setdefault("Cache-Control", "no-store")
        return response


class LanguageMiddleware:
    """Chinese for everyone unless the user chose English with the language switch.

    Unlike Django's LocaleMiddleware it ignores the browser's Accept-Language: the UI is
    Chinese by default on any PC, and only the user's own choice (a cookie) changes it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ["Cookie"])
        return response
