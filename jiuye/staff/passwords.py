"""Passwords at 等保 level: length, character classes, history and expiry (settings
``PASSWORD_*``, docs/operations.md).

The validators run wherever a password is set through the app (the password change page, a
manager's new account or new password, ``createsuperuser``); seeded demo accounts get their
hash directly and are not checked. The expiry is read once at login into the session
(``stamp_expiry``), so the middleware costs no query on a request.
"""

import re
import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from jiuye.staff.models import PasswordHistory

# lower-case letters, capitals, digits, symbols
CLASSES = tuple(map(re.compile, (r"[a-z]", r"[A-Z]", r"[0-9]", r"[^a-zA-Z0-9]")))


class LengthValidator:
    def __init__(self, min_length=10):
        self.min_length = min_length

    def validate(self, password, user=None):
        if len(password) < self.min_length:
            raise ValidationError(self.get_help_text(), code="password_too_short")

    def get_help_text(self):
        return _("密码至少%(count)d位。") % {"count": self.min_length}


class ClassesValidator:
    """At least ``min_classes`` of: lower-case letters, capitals, digits, symbols."""

    def __init__(self, min_classes=3):
        self.min_classes = min_classes

    def validate(self, password, user=None):
        found = sum(1 for pattern in CLASSES if pattern.search(password))
        if found < self.min_classes:
            raise ValidationError(self.get_help_text(), code="password_too_simple")

    def get_help_text(self):
        return _("密码应至少包含小写字母、大写字母、数字、符号中的%(count)d类。") % {
            "count": self.min_classes
        }


class HistoryValidator:
    """A new password may not be the current one or one of the last ``count`` before it;
    ``password_changed`` keeps the hash of each new one."""

    def __init__(self, count=5):
        self.count = count

    def validate(self, password, user=None):
        if not self.count or user is None or user.pk is None:
            return
        earlier = PasswordHistory.objects.filter(user=user).values_list("password", flat=True)
        hashes = [user.password, *earlier[: self.count]]
        if any(encoded and check_password(password, encoded) for encoded in hashes):
            raise ValidationError(self.get_help_text(), code="password_reused")

    def password_changed(self, password, user=None):
        if not self.count or user is None or user.pk is None:
            return
        PasswordHistory.objects.create(user=user, password=user.password)
        old = PasswordHistory.objects.filter(user=user).values_list("pk", flat=True)[self.count :]
        PasswordHistory.objects.filter(pk__in=list(old)).delete()

    def get_help_text(self):
        return _("新密码不能与最近使用过的%(count)d个密码相同。") % {"count": self.count}


# Expiry -----------------------------------------------------------------------------------

SESSION_KEY = "password_expires"


def stamp_expiry(request, user) -> None:
    """Note in the session when the user's password expires (at login, and after a change)."""
    expires = user.password_expires_at
    if expires is None:
        request.session.pop(SESSION_KEY, None)
    else:
        request.session[SESSION_KEY] = expires.timestamp()


def on_login(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        stamp_expiry(request, user)


def is_expired(request) -> bool:
    expires = request.session.get(SESSION_KEY) if hasattr(request, "session") else None
    return expires is not None and time.time() >= expires


class PasswordExpiryMiddleware:
    """A signed-in user whose password has expired is sent to change it, whatever page they
    ask, until they do; the password change and logout stay open (and the API answers 403)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.open_paths = None

    def __call__(self, request):
        if is_expired(request) and request.user.is_authenticated:
            if self.open_paths is None:
                self.open_paths = {reverse("password_change"), reverse("logout")}
            if request.path not in self.open_paths and not request.path.startswith(
                ("/" + settings.STATIC_URL.lstrip("/"), "/i18n/")
            ):
                message = _("您的密码已超过%(days)d天未修改，请先修改密码。") % {
                    "days": settings.PASSWORD_EXPIRY_DAYS
                }
                if request.path.startswith("/api/"):
                    return JsonResponse({"detail": str(message)}, status=403)
                messages.warning(request, message)
                return redirect("password_change")
        return self.get_response(request)
