"""Records of village A for the URL walk (``jiuye/tests/test_url_walk.py``): 解放桥社区's
platform budget of this year, set by 历下区's finance, with a line and a spending recorded by
解放路街道 with its voucher."""

from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from jiuye.funds.choices import Category, Source
from jiuye.funds.models import BudgetLine, PlatformBudget, Spending
from jiuye.funds.services import budget_create, line_add, spending_add
from jiuye.staff.models import User


def build(samples):
    finance = User.objects.get(username="finance-370102")
    reviewer = User.objects.get(username="reviewer-370102001")
    today = timezone.localdate()
    budget = budget_create(
        actor=finance, region=samples.region, year=today.year, note="甲村样本经费"
    )
    line = line_add(actor=finance, budget=budget, category=Category.WORK, source=Source.TASK_FUNDS,
                    title="甲村样本预算项目", amount=Decimal("10000"))  # fmt: skip
    spending = spending_add(
        actor=reviewer, line=line, spent_on=today, amount=Decimal("100"), purpose="甲村样本支出",
        voucher="甲村-001", file=SimpleUploadedFile("voucher.pdf", b"%PDF-1.4 sample"),
    )  # fmt: skip
    return {
        PlatformBudget: (budget, "甲村样本经费"),
        BudgetLine: (line, "甲村样本预算项目"),
        Spending: (spending, "甲村样本支出"),
    }, {}
