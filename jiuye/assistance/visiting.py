"""Employment assistance on the coordinator's visit round (走访): plan measures falling due,
assistance targets not served for the parameter's days (主动上门提供服务), and open
zero-employment households not visited for as long (a visit to the head of household)."""

import datetime

from django.db.models import Exists, OuterRef, Subquery
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jiuye.assistance import services
from jiuye.assistance.choices import ServiceKind
from jiuye.assistance.models import AssistanceService, Identification, Measure, ZeroHousehold
from jiuye.core import parameters
from jiuye.core.registry import Due, VisitSource
from jiuye.core.selectors import last_contact
from jiuye.ledger.choices import Relation
from jiuye.ledger.models import Person

# A visit of the round is a service of this kind (kinds of jiuye.visits.choices.VisitKind).
KINDS = {"home": ServiceKind.HOME_VISIT, "phone": ServiceKind.OTHER, "office": ServiceKind.OTHER}


def _days(user, today) -> int:
    return parameters.value("assistance.home_visit_days", parameters.region_of(user), today)


def due(user, today, until, persons=None):
    """Measures of plans due by ``until`` with no service recorded against them yet, and
    assistance targets whose last service lies the parameter's days before ``until``."""
    measures = (
        Measure.objects.visible_to(user).pending().filter(due_on__lte=until)
        .exclude(Exists(AssistanceService.objects.filter(measure=OuterRef("pk"))))
        .select_related("plan__identification").order_by()
    )  # fmt: skip
    days = _days(user, today)
    since = until - datetime.timedelta(days=days)
    last = AssistanceService.objects.filter(identification=OuterRef("pk")).order_by("-on")
    targets = (
        Identification.objects.visible_to(user).identified()
        .annotate(last_service=Subquery(last.values("on")[:1]))
        .exclude(last_service__gt=since).exclude(identified_on__gt=since).order_by()
    )  # fmt: skip
    if persons is not None:
        measures = measures.filter(plan__identification__person__in=persons)
        targets = targets.filter(person__in=persons)
    items = []
    for measure in measures:
        identification = measure.plan.identification
        reason = _("援助计划措施“%(what)s”%(date)s到期") % {
            "what": measure.description,
            "date": measure.due_on,
        }
        items.append(Due(identification.person_id, "assistance", reason, measure.due_on,
                         measure, f"measure-{measure.version}"))  # fmt: skip
    for target in targets:
        last_day = target.last_service or target.identified_on
        reason = _("就业援助对象：%(days)d天未服务") % {"days": (today - last_day).days}
        due_on = last_day + datetime.timedelta(days=days)
        items.append(Due(target.person_id, "assistance", reason, due_on, target,
                         f"target-{target.version}-{target.last_service}"))  # fmt: skip
    return items


def record(*, actor, visit, items) -> None:
    """One service per measure waiting (落实的措施), or one service when only the periodic
    visit was due."""
    measures = [item.record for item in items if isinstance(item.record, Measure)]
    targets = [item.record for item in items if isinstance(item.record, Identification)]
    for measure in measures:
        services.service_record(actor=actor, identification=measure.plan.identification,
                                kind=KINDS[visit.kind], on=visit.on, content=visit.summary,
                                result=visit.get_result_display(), measure=measure)  # fmt: skip
    served = {measure.plan.identification_id for measure in measures}
    for target in targets:
        if target.pk not in served:
            services.service_record(actor=actor, identification=target, kind=KINDS[visit.kind],
                                    on=visit.on, content=visit.summary,
                                    result=visit.get_result_display())  # fmt: skip


def households_due(user, today, until, persons=None):
    """Open zero-employment households whose head nobody of any line of work contacted for
    the parameter's days (the visit of the round itself counts: ``contact_sources``)."""
    days = _days(user, today)
    since = until - datetime.timedelta(days=days)
    heads = Person.objects.filter(household=OuterRef("household"), relation=Relation.HEAD)
    cases = (
        ZeroHousehold.objects.visible_to(user).open()
        .annotate(head=Subquery(heads.values("pk")[:1]))
        .annotate(last=Subquery(Person.objects.filter(pk=OuterRef("head")).annotate(
            last=last_contact(OuterRef("pk"))).values("last")[:1]))
        .filter(head__isnull=False).exclude(last__gt=since).order_by()
    )  # fmt: skip
    if persons is not None:
        cases = cases.filter(head__in=persons)
    items = []
    for case in cases:
        reason = _("零就业家庭（%(state)s）：出现%(days)d天") % {
            "state": case.state_label, "days": case.days_open(today)}  # fmt: skip
        due_on = max(case.last, case.appeared_on) + datetime.timedelta(days=days)
        items.append(
            Due(case.head, "households", reason, due_on, case, f"{case.version}-{case.last}")
        )
    return items


SOURCE = VisitSource("assistance", gettext_lazy("就业援助"), due, record)
HOUSEHOLDS = VisitSource("households", gettext_lazy("零就业家庭"), households_due)
