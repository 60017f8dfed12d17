"""The indicators of unemployment registration that measure a community (充分就业社区):
whether the unemployed who want work are registered, and how many of those registered in the
year work now. Taken on ``query.last``; the year is the twelve months up to it."""

import datetime

from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from jiuye.core.indicators import Indicator, Query, breakdown, counts, grouped, merge
from jiuye.core.workdays import months_before
from jiuye.ledger.choices import EMPLOYED
from jiuye.ledger.indicators import SECTION, SEEKING_Q
from jiuye.ledger.models import Person, StatusRecord
from jiuye.registration.choices import RegistrationKind, UnemploymentCause
from jiuye.registration.models import Registration


def registered_between(first, last):
    """Approved unemployment registrations in force on some day from ``first`` to ``last``."""
    return Registration.objects.filter(
        kind=RegistrationKind.UNEMPLOYMENT, state="approved", approved_on__lte=last
    ).filter(Q(ended_on__isnull=True) | Q(ended_on__gt=first))


def collect(query: Query) -> dict[str, dict]:
    day, year_start = query.last, months_before(query.last, 12)
    periods = StatusRecord.objects.visible_to(query.user).within(query.prefix).on(day)
    registered = Exists(registered_between(day, day).filter(person=OuterRef("person")))
    year = registered_between(year_start, day).visible_to(query.user).within(query.prefix)
    employed = Exists(periods.filter(person=OuterRef("person"), status__in=EMPLOYED))
    return merge(
        grouped(periods.filter(SEEKING_Q), query.length, unemployed_seeking=Count("pk"),
                unemployed_registered=Count("pk", filter=registered)),
        grouped(year, query.length, registered_year=Count("person", distinct=True),
                registered_employed=Count("person", distinct=True, filter=employed)),
    )  # fmt: skip


def unregistered(user, prefix, first, last):
    """The unemployed who want work and are not registered on ``last``."""
    periods = StatusRecord.objects.visible_to(user).within(prefix).on(last).filter(SEEKING_Q)
    return (
        Person.objects.visible_to(user).within(prefix)
        .filter(pk__in=periods.values("person_id"))
        .exclude(pk__in=registered_between(last, last).values("person_id"))
    )  # fmt: skip


def not_back_at_work(user, prefix, first, last):
    """Those registered unemployed in the year who do not work on ``last``."""
    year = registered_between(months_before(last, 12), last).visible_to(user).within(prefix)
    working = StatusRecord.objects.on(last).filter(status__in=EMPLOYED)
    return (
        Person.objects.visible_to(user).filter(pk__in=year.values("person_id"))
        .exclude(pk__in=working.values("person_id"))
    )  # fmt: skip


INDICATORS = (
    Indicator("unemployed_seeking", _("失业且有就业意愿的人员"), SECTION, collect, unit=_("人"),
              definition=_("当日失业且有就业意愿的人员"), report="community", at_date=True),
    Indicator("unemployed_registered", _("其中已办理失业登记"), SECTION, collect, unit=_("人"),
              definition=_("当日失业登记有效的人员"), report="community", at_date=True),
    Indicator("registration_coverage", _("失业登记率"), SECTION, collect, unit="%",
              ratio=("unemployed_registered", "unemployed_seeking"), report="community", at_date=True,
              definition=_("已办理失业登记的人数占失业且有就业意愿人员的比例"), persons=unregistered),
    Indicator("registered_year", _("近12个月登记失业人员"), SECTION, collect, unit=_("人"),
              definition=_("近12个月内任一天失业登记有效的人员"), report="community", at_date=True),
    Indicator("registered_employed", _("其中当日就业"), SECTION, collect, unit=_("人"),
              definition=_("上述人员中当日处于就业状态的人数"), report="community", at_date=True),
    Indicator("registered_rate", _("登记失业人员就业率"), SECTION, collect, unit="%",
              ratio=("registered_employed", "registered_year"), report="community", at_date=True,
              definition=_("近12个月登记失业人员中当日就业的比例"), persons=not_back_at_work),
)  # fmt: skip


# The ledger's statistics (report ``statistics``): the registered unemployed of the period
# (from the first of the month to the day asked for) — registered, ended and in force at its
# end — and those in force by how long they have been unemployed and by cause.
def approved_unemployment(query: Query):
    return (
        Registration.objects.visible_to(query.user)
        .within(query.prefix)
        .filter(kind=RegistrationKind.UNEMPLOYMENT, state="approved", approved_on__isnull=False)
    )


def in_force(day: datetime.date) -> Q:
    """Registrations in force on ``day``: approved by then and not ended by then."""
    return Q(approved_on__lte=day) & (Q(ended_on__isnull=True) | Q(ended_on__gt=day))


def flows(query: Query) -> dict[str, dict]:
    first, day = query.first, query.last
    touching = Q(approved_on__lte=day) & (Q(ended_on__isnull=True) | Q(ended_on__gte=first))
    return grouped(
        approved_unemployment(query).filter(touching),
        query.length,
        unemployed_inflow=Count("pk", filter=Q(approved_on__gte=first)),
        unemployed_outflow=Count("pk", filter=Q(ended_on__range=(first, day))),
        unemployed_stock=Count("pk", filter=in_force(day)),
    )


DURATIONS = (
    ("under_3", _("3个月以下"), 0, 3), ("3_6", _("3–6个月"), 3, 6), ("6_12", _("6–12个月"), 6, 12),
    ("12_over", _("12个月及以上"), 12, None),
)  # fmt: skip


def unemployed_since(lookup: str, day: datetime.date) -> Q:
    """Unemployed since a day ``lookup`` (``lte``, ``gt``) ``day``: the day of the
    registration where the day unemployment began is not known."""
    return Q(**{f"unemployed_since__{lookup}": day}) | Q(
        unemployed_since__isnull=True, **{f"approved_on__{lookup}": day}
    )


def lasting(day: datetime.date, low: int, high: int | None) -> Q:
    """Unemployed on ``day`` for at least ``low`` and less than ``high`` months."""
    found = unemployed_since("lte", months_before(day, low))
    return found & unemployed_since("gt", months_before(day, high)) if high else found


def stock(query: Query) -> dict[str, dict]:
    day = query.last
    return grouped(
        approved_unemployment(query).filter(in_force(day)),
        query.length,
        **counts("unemployed_duration",
                 {key: lasting(day, low, high) for key, _label, low, high in DURATIONS}),
        **counts("unemployed_cause", {value: Q(cause=value)
                                      for value in [*UnemploymentCause.values, ""]}),
    )  # fmt: skip


FLOWS = _("登记失业人员：增减与期末人数")
BY_DURATION = _("期末登记失业人员：按失业时长")
BY_CAUSE = _("期末登记失业人员：按失业原因")
COUNTED = {"unit": _("人"), "report": "statistics", "at_date": True}
INDICATORS += (
    Indicator("unemployed_inflow", _("期内新增"), FLOWS, flows, **COUNTED,
              definition=_("期内（当月1日至所选日期）经审批办理失业登记的人数")),
    Indicator("unemployed_outflow", _("期内减少"), FLOWS, flows, **COUNTED,
              definition=_("期内注销失业登记的人数")),
    Indicator("unemployed_stock", _("期末登记失业人员"), FLOWS, flows, **COUNTED,
              definition=_("所选日期失业登记有效的人数")),
    *breakdown("unemployed_duration", [(key, label) for key, label, _low, _high in DURATIONS],
               BY_DURATION, stock, definition=_("自失业日期（未填的自登记日期）至所选日期"),
               **COUNTED),
    *breakdown("unemployed_cause", [*UnemploymentCause.choices, ("", _("未填"))], BY_CAUSE, stock,
               definition=_("所选日期失业登记有效的人员，按失业原因"), **COUNTED),
)  # fmt: skip
