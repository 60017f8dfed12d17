"""The audit log (等保): logins, failed logins, logouts, exports and full views of personal
data, one row each in ``core.models.AccessLog`` with the client's address.

The address of the request being served is kept for the thread (``AddressMiddleware``), so a
row written deep in a service (``services.access_log``) carries it without the request being
passed down. Rows are never changed or deleted, except by the nightly purge of the rows past
``settings.AUDIT_KEEP_DAYS`` (``purge``).
"""

import contextvars
import datetime

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.utils import timezone

from jiuye.core.models import AccessKind, AccessLog

_address = contextvars.ContextVar("audit_address", default=None)


def client_address(request) -> str | None:
    """The client's address, as the login lockout (django-axes) reads it."""
    return get_client_ip_address(request)


def current_address() -> str | None:
    return _address.get()


class AddressMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _address.set(client_address(request))
        try:
            return self.get_response(request)
        finally:
            _address.reset(token)


def record(kind, *, user=None, username: str = "", purpose: str = "", request=None) -> AccessLog:
    """Append one row of ``kind`` for ``user`` (or the ``username`` typed, when no account
    answers to it), where the user works."""
    org = getattr(user, "org", None) if user is not None else None
    return AccessLog.objects.create(
        kind=kind,
        user=user,
        username=(username or getattr(user, "username", ""))[:150],
        address=client_address(request) if request is not None else current_address(),
        region_id=org.region_id if org is not None else None,
        purpose=purpose[:200],
    )


# Logins ------------------------------------------------------------------------------------


def on_login(sender, request, user, **kwargs):
    record(AccessKind.LOGIN, user=user, request=request)


def on_logout(sender, request, user, **kwargs):
    if user is not None:
        record(AccessKind.LOGOUT, user=user, request=request)


def on_login_failed(sender, credentials, request=None, **kwargs):
    from jiuye.staff.models import User

    username = str(credentials.get("username") or "")
    user = User.objects.filter(username=username).select_related("org").first()
    record(AccessKind.LOGIN_FAILED, user=user, username=username, request=request)


def address_blocked(request) -> bool:
    """Whether the client's address failed to log in ``LOGIN_ADDRESS_FAILURE_LIMIT`` times
    within the lockout's cool-off: guessing one password across many accounts is slowed, while
    one mistyped account does not lock out the office that shares the address."""
    address = client_address(request)
    if address is None or not settings.LOGIN_ADDRESS_FAILURE_LIMIT:
        return False
    since = timezone.now() - datetime.timedelta(hours=settings.AXES_COOLOFF_TIME)
    failures = AccessLog.objects.filter(
        kind=AccessKind.LOGIN_FAILED, address=address, at__gte=since
    )
    return failures[: settings.LOGIN_ADDRESS_FAILURE_LIMIT].count() >= (
        settings.LOGIN_ADDRESS_FAILURE_LIMIT
    )


def purge() -> int:
    """The nightly check: delete the rows past the retention period. Returns how many."""
    return AccessLog.objects.purge()
