"""The programmes report (项目与补贴统计) of a region for a month: the indicators of the report
``programmes`` in the registry — the subsidies approved by kind (persons, amount) and the
figures of each line of work — for the region and each region below it."""

import datetime

from django.core.exceptions import ValidationError
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiuye.core import indicators
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
