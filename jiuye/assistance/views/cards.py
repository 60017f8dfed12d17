"""The assistance card: printed for the person, verified by anyone through its QR code."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views import generic

from jiuye.assistance import documents
from jiuye.assistance.models import Card
from jiuye.core.services import access_log
from jiuye.core.views import ScopedDetailView


class CardView(ScopedDetailView):
    """The printable assistance card (card size, with the QR code of its verification page)."""

    model = Card
    permission_required = "assistance.print_card"

    def scope(self, queryset):
        return queryset.select_related("identification__person", "issued_by").prefetch_related(
            "identification__categories"
        )

    def get(self, request, *args, **kwargs):
        card = self.get_object()
        access_log(
            actor=request.user, objs=[card.identification.person], purpose=str(_("打印就业援助卡"))
        )
        url = request.build_absolute_uri(reverse("assistance:verify", args=[card.token]))
        response = HttpResponse(documents.card_pdf(card, url), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="card-{card.number}.pdf"'
        return response


@method_decorator(login_not_required, name="dispatch")
class VerifyView(generic.View):
    """Public: whether an assistance card is valid, and its category — nothing about the person."""

    def get(self, request, token):
        card = (
            Card.objects.filter(token=token)
            .select_related("identification", "issued_by__region")
            .first()
        )
        return render(
            request, "assistance/verify.html", {"card": card}, status=200 if card else 404
        )
