"""Project-wide settings of the REST framework, kept apart from the views so that DRF can
import them while it starts up."""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, permissions
from rest_framework.authentication import TokenAuthentication
from rest_framework.pagination import PageNumberPagination
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


class RolePermission(permissions.DjangoModelPermissions):
    """Reading needs ``<app>.view_<model>``, writing the add/change/delete permission, all
    answered by the user's roles (``staff.roles``)."""

    perms_map = {
        **permissions.DjangoModelPermissions.perms_map,
        "GET": ["%(app_label)s.view_%(model_name)s"],
        "OPTIONS": ["%(app_label)s.view_%(model_name)s"],
        "HEAD": ["%(app_label)s.view_%(model_name)s"],
    }


class ViewPermission(RolePermission):
    """Only ``<app>.view_<model>``, whatever the method: for actions whose service checks the
    finer permission itself (a workflow transition, for example)."""

    perms_map = {
        method: ["%(app_label)s.view_%(model_name)s"] for method in RolePermission.perms_map
    }


class Pagination(PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 1000


def exception_handler(exc, context):
    """Errors as JSON with a message in the user's language; service errors become 400/403/404."""
    from rest_framework.views import exception_handler as drf_exception_handler

    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
        exc = exceptions.ValidationError(detail)
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound(_("未找到，或不在您的管辖范围内。"))
    return drf_exception_handler(exc, context)


# API tokens and throttles ------------------------------------------------------------------

RENEW_AFTER = datetime.timedelta(days=1)


def token_idle_limit() -> datetime.timedelta:
    return datetime.timedelta(days=settings.API_TOKEN_IDLE_DAYS)


def token_for(user):
    """The user's API token: the one they hold, or a new one if it was unused too long."""
    from rest_framework.authtoken.models import Token

    token = Token.objects.filter(user=user).first()
    if token is not None and token.created < timezone.now() - token_idle_limit():
        token.delete()
        token = None
    return token or Token.objects.create(user=user)


class ExpiringTokenAuthentication(TokenAuthentication):
    """``Authorization: Token <key>``, refused (401) once the token has gone unused for
    ``settings.API_TOKEN_IDLE_DAYS`` days. Use renews it, at most once a day (one UPDATE),
    so its ``created`` is the last day it was used."""

    def authenticate_credentials(self, key):
        user, token = super().authenticate_credentials(key)
        now = timezone.now()
        if token.created < now - token_idle_limit():
            raise exceptions.AuthenticationFailed(
                _("接口令牌已超过%(days)d天未使用而失效，请重新获取。")
                % {"days": settings.API_TOKEN_IDLE_DAYS}
            )
        if token.created < now - RENEW_AFTER:
            type(token).objects.filter(pk=token.pk).update(created=now)
        return user, token


class ByAddress:
    """A throttle that knows a client by its address as the login lockout reads it, not by the
    ``X-Forwarded-For`` a client may write itself."""

    def get_ident(self, request):
        from jiuye.core.audit import client_address

        return client_address(request) or ""


class AddressThrottle(ByAddress, AnonRateThrottle):
    """Anonymous requests, per client address: ``settings.API_THROTTLE_ANON``."""

    def get_rate(self):
        return settings.API_THROTTLE_ANON


class UserThrottle(ByAddress, UserRateThrottle):
    """Signed-in requests, per account: ``settings.API_THROTTLE_USER``."""

    def get_rate(self):
        return settings.API_THROTTLE_USER


def page_not_found(request, exception):
    """A URL that matches no route (``handler404``): under ``/api/`` the API's own JSON answer,
    elsewhere the page."""
    from django.http import JsonResponse
    from django.views.defaults import page_not_found as page

    if request.path.startswith("/api/"):
        return JsonResponse({"detail": str(_("未找到，或不在您的管辖范围内。"))}, status=404)
    return page(request, exception)
