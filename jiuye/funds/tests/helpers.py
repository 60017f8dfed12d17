"""Records the funds tests build on: a platform of 历下区 the demo data leaves without a budget."""

import datetime
from decimal import Decimal

from django.utils import timezone

from jiuye.funds import services
from jiuye.regions.models import Region

YANSHAN = "370102010000"  # 燕山街道, 历下区: no demo budget
MINGHU = "370102005000"  # 大明湖街道, 历下区: no demo budget


def budget_with_lines(finance, code=YANSHAN, *, year=None, lines=()):
    """A budget of the platform ``code`` for ``year`` (this year) with ``lines``: (category,
    source, amount) triples."""
    year = year or timezone.localdate().year
    budget = services.budget_create(actor=finance, region=Region.objects.get(code=code), year=year,
                                    note="测试预算")  # fmt: skip
    made = [
        services.line_add(
            actor=finance,
            budget=budget,
            category=category,
            source=source,
            title=f"测试项目{number}",
            amount=Decimal(amount),
        )
        for number, (category, source, amount) in enumerate(lines)
    ]
    return budget, made


def spend(actor, line, amount, *, on=None, reason="", **fields):
    on = on or datetime.date(line.budget.year, 1, 2)
    return services.spending_add(actor=actor, line=line, spent_on=on, amount=Decimal(amount),
                                 purpose=fields.pop("purpose", "测试支出"), voucher=fields.pop("voucher", "记-001"),
                                 over_reason=reason, **fields)  # fmt: skip
