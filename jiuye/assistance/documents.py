"""Printed papers of employment assistance, rendered to PDF by WeasyPrint: the public-notice
list for the notice board, the assistance card with its QR code, the assistance agreement."""

import segno
from django.utils import timezone

from jiuye.core.documents import render_pdf as _pdf
from jiuye.regions.models import region_path


def notice_pdf(cases, region) -> bytes:
    """The notice-board list (公示名单): no identity number, only what the public needs to
    raise an objection."""
    today = timezone.localdate()
    rows = [(case, case.person.age_on(today)) for case in cases]
    return _pdf("assistance/notice_pdf.html", {"rows": rows, "region": region})


def qr_data_uri(url: str) -> str:
    return segno.make(url, error="m").svg_data_uri(scale=4, border=1)


def card_pdf(card, verify_url: str) -> bytes:
    """The card, at ID-1 card size, with the QR code of its public verification page."""
    return _pdf("assistance/card_pdf.html", {"card": card, "person": card.identification.person,
                                              "qr": qr_data_uri(verify_url), "url": verify_url})  # fmt: skip


def agreement_pdf(plan) -> bytes:
    """The assistance agreement (援助协议) between the service office and the person."""
    person = plan.identification.person
    return _pdf("assistance/agreement_pdf.html", {
        "plan": plan, "person": person, "case": plan.identification,
        "measures": plan.measures.select_related("responsible"),
        "address": " ".join(region.name for region in region_path(person.region_id)[1:]),
    })  # fmt: skip
