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
PAGE_TYPES = ("text/html", "application/json", "application/vnd.oai.openapi")


class SecurityHeadersMiddleware:
    """Headers Django 5.2 does not set itself: a content security policy, a permissions
    policy, and no caching of pages and API answers, which carry personal data."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        if response.get("Content-Type", "").startswith(PAGE_TYPES):
            response.headers.setdefault("Cache-Control", "no-store")
        return response
