"""The API's OpenAPI schema (drf-spectacular): what every operation may answer.

Kept apart from ``core.drf``, which DRF imports while it starts up, before drf-spectacular can."""

from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext_lazy as _
from drf_spectacular import openapi
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse
from rest_framework import permissions, serializers


class ErrorSerializer(serializers.Serializer):
    """A refusal, with its reason in the user's language."""

    detail = serializers.CharField()


# The errors an operation may answer besides its success, in the exception handler's shape.
ERRORS = {
    "400": OpenApiResponse(
        OpenApiTypes.OBJECT,
        description=_(
            "输入有误：各字段的消息列在字段名下，整条记录的列在 non_field_errors 或 detail 下。"
        ),
    ),
    "401": OpenApiResponse(ErrorSerializer, description=_("未登录或凭据无效。")),
    "403": OpenApiResponse(ErrorSerializer, description=_("无此权限。")),
    "404": OpenApiResponse(ErrorSerializer, description=_("未找到，或不在您的管辖范围内。")),
    "415": OpenApiResponse(ErrorSerializer, description=_("不支持请求体的格式。")),
}


class AutoSchema(openapi.AutoSchema):
    """drf-spectacular's schema, with the errors an operation may answer besides its success:
    400 where it takes input (a body, query parameters) or changes something, 401 without
    valid credentials, 403 where a permission is needed, 404 where it looks a record up (a
    path argument, a page number, a region), 415 where it reads a body."""

    def get_operation(self, path, path_regex, path_prefix, method, registry):
        operation = super().get_operation(path, path_regex, path_prefix, method, registry)
        if operation is not None:
            for code in self.error_codes(operation):
                if code not in operation["responses"]:
                    operation["responses"][code] = self._get_response_for_code(ERRORS[code], code)
        return operation

    def _get_paginator(self):
        """Only a viewset's ``list`` pages its answer (ListModelMixin): an action that answers
        a list (a person's statuses, a vacancy's matches) answers it whole."""
        if getattr(self.view, "action", None) not in (None, "list"):
            return None
        return super()._get_paginator()

    def error_codes(self, operation) -> list[str]:
        places = {
            (parameter["in"], parameter["name"]) for parameter in operation.get("parameters", [])
        }
        codes = []
        if self.method != "GET" or any(place == "query" for place, _name in places):
            codes.append("400")
        if self.view.get_authenticators():
            codes.append("401")
        if any(not isinstance(p, permissions.AllowAny) for p in self.view.get_permissions()):
            codes.append("403")
        # a record, a page, or a region looked up within the user's jurisdiction
        if places & {("query", "page"), ("query", "region")} or any(
            place == "path" for place, _name in places
        ):
            codes.append("404")
        if "requestBody" in operation:
            codes.append("415")
        return codes

    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        """A read-only choice of a model field that may be blank answers "" too: DRF drops
        ``allow_blank`` from read-only fields, and with it the "" of the schema's enum."""
        schema = super()._map_serializer_field(field, direction, bypass_extensions)
        if (
            field.read_only
            and isinstance(field, serializers.ChoiceField)
            and "" not in schema.get("enum", [""])
            and self._blank_model_field(field)
        ):
            schema["enum"] = [*schema["enum"], ""]
        return schema

    @staticmethod
    def _blank_model_field(field) -> bool:
        model = getattr(getattr(field.parent, "Meta", None), "model", None)
        try:
            return model is not None and model._meta.get_field(field.source).blank
        except FieldDoesNotExist:
            return False
