"""Reads of employment assistance."""

import datetime

from django.db.models import Count, Max, Min, Q
from django.utils.translation import gettext as _

from jiuye.assistance.choices import ServiceKind
from jiuye.assistance.models import AssistanceService, Card, Identification, Measure, ZeroHousehold
from jiuye.core import parameters
from jiuye.core.workdays import months_before
from jiuye.regions.codes import county, township
from jiuye.staff.models import User
from jiuye.staff.roles import CASE_WORKERS
from jiuye.subsidies.models import ClaimLine


def case_workers(region_code: str):
    """The workers who may be named responsible for a case of ``region_code``: active
    coordinators, township reviewers and county approvers of active offices of its community,
    township and county."""
    ancestors = [region_code, township(region_code), county(region_code)]
    return (
        User.objects.filter(is_active=True, org__is_active=True, org__region_id__in=ancestors,
                            roles__code__in=CASE_WORKERS)
        .distinct().order_by("-org__region_id", "name")
    )  # fmt: skip


# Services that are a policy given, not only advice: they belong to "policies enjoyed".
POLICY_SERVICES = (ServiceKind.POST_PLACEMENT, ServiceKind.LOAN, ServiceKind.TRAINING_REFERRAL)


def policies_enjoyed(person) -> list[tuple]:
    """What the person has had from employment policy, oldest first, as (date, policy, detail):
    the registration certificate, the assistance card, placements, loans and training arranged
    through assistance services, and the subsidies approved for them."""
    rows = []
    certificate = getattr(person, "certificate", None)
    if certificate is not None:
        rows.append((certificate.issued_on, _("就业失业登记证"), certificate.number))
    cards = Card.objects.filter(identification__person=person).select_related("identification")
    for card in cards.prefetch_related("identification__categories"):
        rows.append(
            (card.issued_on, _("就业援助卡"), f"{card.number} {card.identification.category_names}")
        )
    services = AssistanceService.objects.filter(
        identification__person=person, kind__in=POLICY_SERVICES
    )
    for service in services.order_by("on", "id"):
        rows.append(
            (service.on, service.get_kind_display(), f"{service.content} {service.result}".strip())
        )
    paid = ClaimLine.objects.filter(person=person, void=False, claim__state="approved")
    for line in paid.select_related("claim__org").order_by("claim__month", "id"):
        rows.append((line.claim.month, line.claim.kind_label,
                     _("%(amount)s元（%(org)s申领）") % {"amount": line.amount, "org": line.claim.org.name}))  # fmt: skip
    return sorted(rows, key=lambda row: row[0])


def county_visits_due(user, today):
    """Assistance targets in the user's jurisdiction whose periodic county visit (县级定期走访)
    is due: none in the parameter's months, counted from the identification."""
    months = parameters.value("assistance.county_visit_months", parameters.region_of(user), today)
    cutoff = months_before(today, months)
    return (
        Identification.objects.visible_to(user).identified()
        .annotate(last_visit=Max("services__on", filter=Q(services__kind=ServiceKind.COUNTY_VISIT)))
        .filter(Q(last_visit__lt=cutoff) | Q(last_visit__isnull=True, identified_on__lt=cutoff))
        .select_related("person", "region").order_by("identified_on", "pk")
    )  # fmt: skip


def home_panel(user, today):
    """The home page's share of assistance: the user's plan measures due within a week or
    overdue; for a county worker, the periodic visits due; the zero-employment households of
    the jurisdiction and how many are past their limit."""
    measures = (
        Measure.objects.visible_to(user).pending().filter(responsible=user, due_on__lte=today + datetime.timedelta(days=7))
        .select_related("plan__identification__person").order_by("due_on", "pk")
    )  # fmt: skip
    households = ZeroHousehold.objects.none()
    if user.has_perm("assistance.view_zerohousehold"):
        households = ZeroHousehold.objects.visible_to(user).open()
    figures = households.aggregate(open=Count("pk"), oldest=Min("appeared_on"))
    measures = list(measures[:50])
    visits, visits_count = [], 0
    if (
        user.has_perm("assistance.add_assistanceservice")
        and len(user.jurisdiction_prefix or "") == 6
    ):
        due = county_visits_due(user, today)
        visits, visits_count = list(due[:20]), due.count()
    if not measures and not visits and not figures["open"]:
        return None
    limit = parameters.value("assistance.placement_limit_months", parameters.region_of(user), today)
    return "assistance/home_panel.html", {
        "measures": measures,
        "visits": visits,
        "visits_count": visits_count,
        "households": figures["open"],
        "households_over": households.over_limit(today).count(),
        "oldest_days": (today - figures["oldest"]).days if figures["oldest"] else None,
        "limit": limit,
    }
