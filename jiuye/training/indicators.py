"""The training indicators of the programmes report: trainees who completed a course in the
period, and of those who completed 3 (6) months earlier, how many the ledger shows employed
within 3 (6) months."""

from django.utils.translation import gettext_lazy as _

from jiuye.core.indicators import Indicator, Query, words
from jiuye.core.workdays import add_months
from jiuye.subsidies.kinds import month_bounds
from jiuye.training.models import Enrolment
from jiuye.training.selectors import COHORTS, completions_by_group, employed_within


def collect(query: Query) -> dict[str, dict]:
    enrolments = Enrolment.objects.visible_to(query.user).within(query.prefix)
    found: dict[str, dict] = {}
    completed = completions_by_group(enrolments, query.length, query.first, query.last)
    for group, pairs in completed.items():
        found.setdefault(group, {})["completed"] = len(pairs)
    for months in COHORTS:
        start, end = month_bounds(add_months(query.first, -months))
        for group, pairs in completions_by_group(enrolments, query.length, start, end).items():
            row = found.setdefault(group, {})
            row[f"cohort_{months}m"] = len(pairs)
            row[f"employed_{months}m"] = len(employed_within(pairs, months))
    return found


SECTION = _("职业培训")
COHORT = _("期初所在月往前推%(n)s个月的那个月结业的人数")
EMPLOYED = _("其中台账显示结业后%(n)s个月内就业的人数")
INDICATORS = (
    Indicator("completed", _("本月结业人数"), SECTION, collect, unit=_("人"),
              definition=_("期内结业的参训人数"), report="programmes", at_date=True),
    Indicator("cohort_3m", _("3个月前结业人数"), SECTION, collect, unit=_("人"),
              definition=words(COHORT, n=3), report="programmes", at_date=True),
    Indicator("employed_3m", _("其中3个月内就业"), SECTION, collect, unit=_("人"),
              definition=words(EMPLOYED, n=3), report="programmes", at_date=True),
    Indicator("rate_3m", _("培训后3个月就业率（%）"), SECTION, collect, unit="%",
              definition=_("3个月内就业人数占3个月前结业人数的百分比"), report="programmes",
              ratio=("employed_3m", "cohort_3m"), at_date=True),
    Indicator("cohort_6m", _("6个月前结业人数"), SECTION, collect, unit=_("人"),
              definition=words(COHORT, n=6), report="programmes", at_date=True),
    Indicator("employed_6m", _("其中6个月内就业"), SECTION, collect, unit=_("人"),
              definition=words(EMPLOYED, n=6), report="programmes", at_date=True),
    Indicator("rate_6m", _("培训后6个月就业率（%）"), SECTION, collect, unit="%",
              definition=_("6个月内就业人数占6个月前结业人数的百分比"), report="programmes",
              ratio=("employed_6m", "cohort_6m"), at_date=True),
)  # fmt: skip
