"""Reads of employment assistance."""

import datetime

from django.db.models import Count, Min
from django.utils.translation import gettext as _

from jiuye.assistance.choices import ServiceKind
from jiuye.assistance.models import Card, Measure, Service, ZeroHousehold
from jiuye.core import parameters

# Services that are a policy given, not only advice: they belong to "policies enjoyed".
POLICY_SERVICES = (ServiceKind.POST_PLACEMENT, ServiceKind.LOAN, ServiceKind.TRAINING_REFERRAL)


def policies_enjoyed(person) -> list[tuple]:
    """What the person has had from employment policy, oldest first, as (date, policy, detail):
    the registration certificate, the assistance card, and placements, loans and training
    arranged through assistance services."""
    rows = []
    certificate = getattr(person, "certificate", None)
    if certificate is not None:
        rows.append((certificate.issued_on, _("就业失业登记证"), certificate.number))
    for card in Card.objects.filter(identification__person=person).select_related(
        "identification__category"
    ):
        rows.append(
            (card.issued_on, _("就业援助卡"), f"{card.number} {card.identification.category.name}")
        )
    services = Service.objects.filter(identification__person=person, kind__in=POLICY_SERVICES)
    for service in services.order_by("on", "id"):
        rows.append(
            (service.on, service.get_kind_display(), f"{service.content} {service.result}".strip())
        )
    return sorted(rows, key=lambda row: row[0])


def home_panel(user, today):
    """The home page's share of assistance: the user's plan measures due within a week or
    overdue, and the zero-employment households of the jurisdiction past or near their limit."""
    measures = (
        Measure.objects.visible_to(user).open().filter(responsible=user, due_on__lte=today + datetime.timedelta(days=7))
        .select_related("plan__identification__person").order_by("due_on", "pk")
    )  # fmt: skip
    households = ZeroHousehold.objects.none()
    if user.has_perm("assistance.view_zerohousehold"):
        households = ZeroHousehold.objects.visible_to(user).open()
    figures = households.aggregate(open=Count("pk"), oldest=Min("appeared_on"))
    measures = list(measures[:50])
    if not measures and not figures["open"]:
        return None
    limit = parameters.value("assistance.zero_household_days", parameters.region_of(user), today)
    return "assistance/home_panel.html", {
        "measures": measures,
        "households": figures["open"],
        "households_over": households.filter(
            appeared_on__lt=today - datetime.timedelta(days=limit)
        ).count(),
        "oldest_days": (today - figures["oldest"]).days if figures["oldest"] else None,
        "limit": limit,
    }
