"""The base of every API endpoint: the same jurisdiction and role rules as the pages."""

from django.utils.translation import gettext_lazy as _
from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import ValidationError


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
