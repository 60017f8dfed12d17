"""The base of every API endpoint: the same jurisdiction and role rules as the pages."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from jiuye.core import workflow
from jiuye.core.drf import ViewPermission


class TransitionSerializer(serializers.Serializer):
    """A workflow transition to fire (``POST …/transitions/``)."""

    transition = serializers.CharField()
    comment = serializers.CharField(required=False, allow_blank=True)


class ScopedViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Read-only endpoints over the records visible to the user; out of jurisdiction is 404."""

    def get_queryset(self):
        return self.scope(self.queryset.model.objects.visible_to(self.request.user))

    def scope(self, queryset):
        return queryset


class EditableScopedViewSet(ScopedViewSet):
    """Reads over the records visible to the user; every other action (an update, a workflow
    transition…) only over those the user may edit: outside them is 404."""

    read_actions = ("list", "retrieve")

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.action not in self.read_actions:
            return queryset & self.queryset.model.objects.editable_by(self.request.user)
        return queryset


def expected_version(data: dict) -> int:
    """Take the ``version`` an update was read at out of ``data``: without it two editors
    would overwrite each other silently."""
    version = data.pop("version", None)
    if version is None:
        raise ValidationError({"version": [_("修改时须提供读取时的版本号（version）。")]})
    return version


class WorkflowActionsMixin:
    """Actions on one workflow item: ``POST …/transitions/`` fires a transition, and ``act``
    runs a service on the item with a small serializer's data (the service checks the finer
    permission). Both answer with the item as it now is, in the viewset's own serializer.
    ``item_name`` is the keyword the services take the item by."""

    item_name = "item"

    def answer(self, request, item):
        item.refresh_from_db()
        return Response(type(self).serializer_class(item, context={"request": request}).data)

    def act(self, request, serializer_class, service, **extra):
        item = self.get_object()
        data = serializer_class(data=request.data)
        data.is_valid(raise_exception=True)
        service(actor=request.user, **{self.item_name: item}, **data.validated_data, **extra)
        return self.answer(request, item)

    @extend_schema(request=TransitionSerializer)
    @action(
        detail=True,
        methods=["post"],
        serializer_class=TransitionSerializer,
        permission_classes=[ViewPermission],
    )
    def transitions(self, request, pk=None):
        item = self.get_object()
        data = TransitionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        workflow.fire(item, data.validated_data["transition"], actor=request.user,
                      comment=data.validated_data.get("comment", ""))  # fmt: skip
        return self.answer(request, item)
