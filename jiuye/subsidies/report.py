"""The programmes report (项目与补贴统计) of a region for a month: the indicators of the report
``programmes`` in the registry — the subsidies approved by kind (persons, amount) and the
figures of each line of work — for the region and each region below it."""

import datetime

from django.core.exceptions import ValidationError
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiuye.core import charts, indicators
from jiuye.subsidies.kinds import month_bounds

EARLIEST_MONTH = datetime.date(2000, 1, 1)


def check_month(day: datetime.date) -> datetime.date:
    """The first day of the month a report may be asked for: from January 2000 to the
    current month (a month far outside would make the cohorts' dates overflow)."""
    first = day.replace(day=1)
    if not EARLIEST_MONTH <= first <= timezone.localdate().replace(day=1):
        raise ValidationError(_("月份应在2000年1月至本月之间。"), code="month_range")
    return first


def latest_month(user, region) -> datetime.date:
    """The month a report opens at: the latest with an approved claim in ``region`` that the
    user may see, or this month when there is none (the page then says it has no figures)."""
    from jiuye.subsidies.models import Claim

    latest = (
        Claim.objects.visible_to(user).within(region.prefix).filter(state="approved")
        .aggregate(latest=Max("month"))["latest"]
    )  # fmt: skip
    return latest or timezone.localdate().replace(day=1)


def programme_report(user, region, month: datetime.date) -> indicators.Table:
    first, last = month_bounds(month)
    return indicators.table(user, region, indicators.of_report("programmes"), first, last)


def programme_charts(user, report: indicators.Table) -> list[dict]:
    """The month's subsidies by sub-region and kind and their shares by kind, and the last
    twelve months' subsidies by kind in the whole region (one query a month): the kinds with an
    amount only."""
    from jiuye.subsidies import indicators as subsidy_figures

    amounts = [
        column.code for column in report.columns
        if column.collect is subsidy_figures.collect and column.is_money
    ]  # fmt: skip
    found = []
    paid = [code for code in amounts if report.total.values[code]]
    if report.rows and paid:
        found.append(charts.bars(report, paid, title=_("补贴金额按下级区划（元）")))
    if paid:
        labels = {column.code: column.label for column in report.columns}
        parts = [(labels[code], report.total.values[code]) for code in paid]
        found.append(charts.shares(parts, title=_("补贴金额构成")))
    points = charts.monthly(user, report.region, amounts, report.last)
    kinds = [label for label in points[0][1] if any(values[label] for _month, values in points)]
    if kinds:
        points = [(month, {label: values[label] for label in kinds}) for month, values in points]
        found.append(charts.trend(points, title=_("近12个月补贴金额（元）")))
    return found
