"""Project-wide settings of the REST framework, kept apart from the views so that DRF can
import them while it starts up."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, permissions
from rest_framework.pagination import PageNumberPagination


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


def page_not_found(request, exception):
    """A URL that matches no route (``handler404``): under ``/api/`` the API's own JSON answer,
    elsewhere the page."""
    from django.http import JsonResponse
    from django.views.defaults import page_not_found as page

    if request.path.startswith("/api/"):
        return JsonResponse({"detail": str(_("未找到，或不在您的管辖范围内。"))}, status=404)
    return page(request, exception)
