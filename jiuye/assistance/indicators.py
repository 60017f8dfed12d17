"""The indicators of employment assistance (the assistance dashboard): persons being identified
and identified, valid cards, plans with overdue measures, and the zero-employment households
still open, past the clearance limit and the longest open. Figures of the day asked for."""

import datetime

from django.db.models import Count, Min, Q
from django.utils.translation import gettext_lazy as _

from jiuye.assistance.choices import OPEN_HOUSEHOLD_STATES
from jiuye.assistance.models import Identification, Measure, ZeroHousehold
from jiuye.core import parameters
from jiuye.core.indicators import Indicator, Query, grouped, merge
from jiuye.regions.codes import code_of_prefix

ASSISTED = ("identified", "exit_review")  # not exited yet, though under exit review


def collect(query: Query) -> dict[str, dict]:
    user, prefix, length, today = query.user, query.prefix, query.length, query.last
    cases = Identification.objects.visible_to(user).within(prefix)
    limit = parameters.value("assistance.zero_household_days", code_of_prefix(prefix), today)
    cutoff = today - datetime.timedelta(days=limit)
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
            households_over=Count("pk", filter=Q(appeared_on__lt=cutoff)),
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
    Indicator("households_over", _("超过清零时限的家庭"), SECTION, collect, unit=_("户"),
              definition=_("未清零且出现已超过参数“零就业家庭动态清零时限”的家庭"), report="assistance"),
    Indicator("days_open", _("最长未清零天数"), SECTION, collect, unit=_("天"),
              definition=_("未清零家庭中出现最早的一户至今的天数"), report="assistance", total="max"),
)  # fmt: skip
