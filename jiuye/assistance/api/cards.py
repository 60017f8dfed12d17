"""The API of assistance cards, and their public verification."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from jiuye.assistance.models import Card
from jiuye.core.api import ScopedViewSet


class CardSerializer(serializers.ModelSerializer):
    valid = serializers.BooleanField(source="is_valid", read_only=True)
    categories = serializers.CharField(source="identification.category_names", read_only=True)
    person_name = serializers.CharField(source="identification.person.name", read_only=True)

    class Meta:
        model = Card
        fields = [
            "id",
            "number",
            "identification",
            "person_name",
            "categories",
            "valid",
            "issued_on",
            "issued_by",
        ]


class CardViewSet(ScopedViewSet):
    """Assistance cards of the jurisdiction."""

    queryset = Card.objects.all()
    serializer_class = CardSerializer

    def scope(self, queryset):
        return (
            queryset.select_related("identification__person")
            .prefetch_related("identification__categories")
            .order_by("-id")
        )


class CardVerifyView(APIView):
    """Public: whether a card (by the token in its QR code) is valid, and its categories."""

    permission_classes = [AllowAny]
    authentication_classes = []

    @extend_schema(responses=None)
    def get(self, request, token):
        card = get_object_or_404(Card.objects.select_related("identification"), token=token)
        return Response({"valid": card.is_valid, "categories": card.identification.category_names})
