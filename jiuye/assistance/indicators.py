"""The indicators of employment assistance (the assistance dashboard): persons being identified
and identified, valid cards, plans with overdue measures, and the zero-employment households
still open, past the clearance limit and the longest open. Figures of the day asked for."""

import datetime

from django.db.models import Count, Exists, F, Min, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiuye.assistance.choices import OPEN_HOUSEHOLD_STATES, PLACING_STATES, HouseholdState
from jiuye.assistance.models import AssistanceService, Identification, Measure, ZeroHousehold
from jiuye.core.indicators import Indicator, Query, grouped, merge, per_worker
from jiuye.core.registry import Work
from jiuye.core.workdays import months_before
from jiuye.ledger.choices import EMPLOYED
from jiuye.ledger.indicators import SECTION as COMMUNITY
from jiuye.ledger.models import Person, StatusRecord

ASSISTED = ("identified", "exit_review")  # not exited yet, though under exit review


def collect(query: Query) -> dict[str, dict]:
    user, prefix, length, today = query.user, query.prefix, query.length, query.last
    cases = Identification.objects.visible_to(user).within(prefix)
    households = (
        ZeroHousehold.objects.visible_to(user)
        .within(prefix)
        .filter(state__in=OPEN_HOUSEHOLD_STATES)
    )
    found = merge(
        grouped(
            cases.filter(state__in=Identification.workflow.open_states),
            length,
            identified=Count("pk", filter=Q(state__in=ASSISTED)),
            in_progress=Count("pk", filter=~Q(state__in=ASSISTED)),
            cards=Count("card", filter=Q(state="identified")),
        ),
        grouped(
            Measure.objects.visible_to(user).within(prefix).overdue(today),
            length,
            overdue_plans=Count("plan", distinct=True),
        ),
        grouped(
            households,
            length,
            households=Count("pk"),
            households_over=Count(
                "pk", filter=Q(state__in=PLACING_STATES, placement_due_on__lt=today)
            ),
            oldest=Min("appeared_on"),
        ),
    )
    for row in found.values():
        oldest = row.pop("oldest", None)
        row["days_open"] = (today - oldest).days if oldest else None
    return found


SECTION = _("就业援助")
INDICATORS = (
    Indicator("identified", _("援助中的就业困难人员"), SECTION, collect, unit=_("人"),
              definition=_("已认定、尚未退出援助的就业困难人员（含待退出审核）"), report="assistance"),
    Indicator("cards", _("有效援助卡"), SECTION, collect, unit=_("张"),
              definition=_("援助中人员持有的就业援助卡"), report="assistance"),
    Indicator("in_progress", _("认定办理中"), SECTION, collect, unit=_("人"),
              definition=_("认定尚未办结（调查、公示、审核、认定环节）的人数"), report="assistance"),
    Indicator("overdue_plans", _("有超期措施的计划"), SECTION, collect, unit=_("个"),
              definition=_("有措施过了完成时限仍未完成的援助计划"), report="assistance"),
    Indicator("households", _("未清零的零就业家庭"), SECTION, collect, unit=_("户"),
              definition=_("出现、已认定或扶持中的零就业家庭"), report="assistance"),
    Indicator("households_over", _("超过安置时限的家庭"), SECTION, collect, unit=_("户"),
              definition=_("已认定、认定后超过参数“零就业家庭动态清零时限”仍无成员就业的家庭"), report="assistance"),
    Indicator("days_open", _("最长未清零天数"), SECTION, collect, unit=_("天"),
              definition=_("未清零家庭中出现最早的一户至今的天数"), report="assistance", total="max"),
)  # fmt: skip


PLACED = (HouseholdState.STABLE, HouseholdState.CLEARED, HouseholdState.CLOSED)


def zeroing(query: Query) -> dict[str, dict]:
    """动态清零 over a period (a year): households that appeared, were identified, had a member
    placed within the limit, became stable, and whose limit passed in the period with nobody
    placed by then."""
    first, last = query.first, query.last
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    cases = ZeroHousehold.objects.visible_to(query.user).within(query.prefix)
    in_time = Q(state__in=PLACED, identified_on__isnull=False, ended_on__lte=F("placement_due_on"))
    late = Q(ended_on__isnull=True) | Q(ended_on__gt=F("placement_due_on"))
    return grouped(
        cases,
        query.length,
        zero_appeared=Count("pk", filter=Q(appeared_on__range=(first, last))),
        zero_identified=Count("pk", filter=Q(identified_on__range=(first, last))),
        zero_placed=Count("pk", filter=in_time & Q(ended_on__range=(first, last))),
        zero_stable=Count("pk", filter=Q(stable_since__isnull=False, ended_on__range=(first, last))),
        zero_over=Count("pk", filter=late & ~Q(state=HouseholdState.LAPSED)
                        & Q(placement_due_on__range=(first, min(last, yesterday)))),
    )  # fmt: skip


ZEROING = _("零就业家庭动态清零")
INDICATORS += (
    Indicator("zero_appeared", _("出现"), ZEROING, zeroing, unit=_("户"), report="zeroing",
              definition=_("期间由台账发现符合零就业家庭条件的家庭")),
    Indicator("zero_identified", _("认定"), ZEROING, zeroing, unit=_("户"), report="zeroing",
              definition=_("期间经社区调查、街道审核、县级确认认定的家庭")),
    Indicator("zero_placed", _("时限内安置"), ZEROING, zeroing, unit=_("户"), report="zeroing",
              definition=_("期间有成员就业、且在认定后参数“零就业家庭动态清零时限”内安置的家庭")),
    Indicator("zero_stable", _("稳定就业"), ZEROING, zeroing, unit=_("户"), report="zeroing",
              definition=_("期间有成员签订参数“稳定就业劳动合同期限”以上劳动合同就业的家庭")),
    Indicator("zero_over", _("超过时限"), ZEROING, zeroing, unit=_("户"), report="zeroing",
              definition=_("安置时限在期间届满、届满时仍无成员就业的家庭")),
)  # fmt: skip


def community(query: Query) -> dict[str, dict]:
    """What measures a community (充分就业社区) on ``query.last``: the hard-to-employ persons
    assisted in the twelve months up to it and how many of them work that day; households past
    their placement limit with nobody placed by then; and the services recorded in the period."""
    user, prefix, length, day = query.user, query.prefix, query.length, query.last
    working = StatusRecord.objects.on(day).filter(person=OuterRef("person"), status__in=EMPLOYED)
    return merge(
        grouped(hard_in_year(user, prefix, day), length, hard_count=Count("person", distinct=True),
                hard_employed=Count("person", distinct=True, filter=Exists(working))),
        grouped(over_limit(user, prefix, day), length, zero_over_limit=Count("pk")),
        grouped(AssistanceService.objects.visible_to(user).within(prefix)
                .filter(on__range=(query.first, day)), length, services_recorded=Count("pk")),
    )  # fmt: skip


def hard_in_year(user, prefix, day):
    """Identifications of persons assisted on some day of the twelve months up to ``day``."""
    return (
        Identification.objects.visible_to(user).within(prefix)
        .filter(identified_on__lte=day)
        .filter(Q(exited_on__isnull=True) | Q(exited_on__gt=months_before(day, 12)))
    )  # fmt: skip


def over_limit(user, prefix, day):
    """Identified households whose placement limit passed before ``day`` with nobody placed
    by ``day``."""
    return (
        ZeroHousehold.objects.visible_to(user).within(prefix)
        .filter(identified_on__lte=day, placement_due_on__lt=day)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=day))
        .exclude(state__in=(HouseholdState.LAPSED, HouseholdState.REJECTED))
    )  # fmt: skip


def hard_not_working(user, prefix, first, last):
    working = StatusRecord.objects.on(last).filter(status__in=EMPLOYED)
    return (
        Person.objects.visible_to(user)
        .filter(pk__in=hard_in_year(user, prefix, last).values("person_id"))
        .exclude(pk__in=working.values("person_id"))
    )  # fmt: skip


def households_over_limit(user, prefix, first, last):
    households = over_limit(user, prefix, last).values("household_id")
    return Person.objects.visible_to(user).filter(household_id__in=households)


INDICATORS += (
    Indicator("hard_count", _("近12个月援助的就业困难人员"), COMMUNITY, community, unit=_("人"),
              definition=_("近12个月内任一天处于援助中的已认定就业困难人员"), report="community",
              at_date=True),
    Indicator("hard_employed", _("其中当日就业"), COMMUNITY, community, unit=_("人"),
              definition=_("上述人员中当日处于就业状态的人数"), report="community", at_date=True),
    Indicator("hard_rate", _("就业困难人员就业率"), COMMUNITY, community, unit="%",
              ratio=("hard_employed", "hard_count"), report="community", at_date=True,
              definition=_("近12个月援助的就业困难人员中当日就业的比例"), persons=hard_not_working),
    Indicator("zero_over_limit", _("超过安置时限未安置的零就业家庭"), COMMUNITY, community,
              unit=_("户"), report="community", at_date=True, persons=households_over_limit,
              definition=_("已认定、安置时限已过、当日仍无成员安置的零就业家庭")),
    Indicator("services_recorded", _("就业援助服务记录"), COMMUNITY, community, unit=_("次"),
              definition=_("期间为就业困难人员记录的援助服务次数"), report="community", at_date=True),
)  # fmt: skip

WORK = (
    Work("assistance_services", _("记录援助服务"), "services_recorded",
         per_worker(AssistanceService, "worker", "on")),
    Work("assistance_visits", _("上门走访援助对象"), "",
         per_worker(AssistanceService, "worker", "on", kind__in=("home_visit", "county_visit")), visit=True),
)  # fmt: skip
