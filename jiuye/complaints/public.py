"""Safety of the public complaint form, with nothing fetched from outside: a limit of
submissions per client address (Django's cache), a honeypot field bots fill in, and a
minimum time to fill the form, measured from a signed timestamp the form carries.

The limits are settings: ``COMPLAINTS_SUBMIT_LIMIT`` (submissions, seconds) per address,
``COMPLAINTS_LOOKUP_LIMIT`` for progress look-ups, ``COMPLAINTS_MIN_FILL_SECONDS``; and
``COMPLAINTS_PROXIES``, the number of reverse proxies in front of the application."""

import time

from django.conf import settings
from django.core import signing
from django.core.cache import cache

SALT = "jiuye.complaints.public-form"
MAX_FORM_AGE = 2 * 3600  # seconds a form page stays usable


def limit(name: str) -> tuple[int, int]:
    defaults = {"submit": (5, 3600), "lookup": (30, 3600)}
    return getattr(settings, f"COMPLAINTS_{name.upper()}_LIMIT", defaults[name])


def min_fill_seconds() -> int:
    return getattr(settings, "COMPLAINTS_MIN_FILL_SECONDS", 5)


def client_address(request) -> str:
    """The address the request came from: ``REMOTE_ADDR``, or behind ``COMPLAINTS_PROXIES``
    reverse proxies of the deployment the address the first of them saw, read from the right
    of ``X-Forwarded-For`` (what lies further left the client may have written itself)."""
    proxies = getattr(settings, "COMPLAINTS_PROXIES", 0)
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if proxies and len(forwarded) >= proxies and forwarded[-proxies]:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _key(name: str, request) -> str:
    return f"complaints:{name}:{client_address(request)}"


def over_limit(name: str, request) -> bool:
    """Whether the client has used up its ``name`` attempts of the window."""
    count, _seconds = limit(name)
    return (cache.get(_key(name, request)) or 0) >= count


def count_attempt(name: str, request) -> None:
    """One more ``name`` attempt by the client; the window starts at its first."""
    _count, seconds = limit(name)
    key = _key(name, request)
    if not cache.add(key, 1, seconds):
        try:
            cache.incr(key)
        except ValueError:  # expired between the two calls
            cache.add(key, 1, seconds)


def stamp() -> str:
    """The signed time the form was served."""
    return signing.dumps(int(time.time()), salt=SALT)


def filled_too_fast(value: str) -> bool:
    """Whether the form came back sooner than a person can fill it in, or with a stamp that
    is forged or too old (a bot replaying one form)."""
    try:
        served = signing.loads(value or "", salt=SALT, max_age=MAX_FORM_AGE)
    except signing.BadSignature:
        return True
    return time.time() - served < min_fill_seconds()
