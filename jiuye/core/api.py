"""The base of every API endpoint: the same jurisdiction and role rules as the pages."""

from rest_framework import mixins, serializers, viewsets


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
