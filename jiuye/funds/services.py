"""Writes of the platforms' funds: the county sets a platform's budget and its lines, the
township records what was spent against each line. Spending beyond a line's balance is
refused unless a reason is given (like the finance override of subsidy claims); every write
keeps its history and edits are optimistic (``save_versioned``)."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiuye.core.money import ZERO, yuan
from jiuye.core.services import check_evidence, check_scope, require, save_new, save_versioned
from jiuye.funds.models import BudgetLine, PlatformBudget, Spending
from jiuye.funds.selectors import line_spent
from jiuye.regions.codes import Level
from jiuye.regions.models import Region

PLATFORM_LEVELS = (Level.TOWNSHIP, Level.VILLAGE)


def _save(record, actor) -> None:
    record.full_clean()
    record._history_user = actor
    record.save()


@transaction.atomic
def budget_create(*, actor, region: Region, year: int, note: str = "") -> PlatformBudget:
    """Open the budget of a platform of the actor's county for a year; its lines follow."""
    require(actor, "funds.add_platformbudget")
    check_scope(Region.objects.editable_by(actor), region, field="region")
    if region.level not in PLATFORM_LEVELS:
        raise ValidationError(
            {"region": _("请选择街道（乡镇）或社区（村）：平台经费预算按基层平台录入。")}
        )
    budget = PlatformBudget(region=region, year=year, note=note.strip(), recorded_by=actor)
    duplicate = {"year": _("该平台%(year)s年的预算已录入，请在原预算上增加项目。") % {"year": year}}
    return save_new(budget, actor=actor, duplicate=duplicate)


def budget_update(
    *, actor, budget: PlatformBudget, expected_version: int, note: str
) -> PlatformBudget:
    """Change a budget's note (its amounts are its lines')."""
    require(actor, "funds.change_platformbudget")
    check_scope(PlatformBudget.objects.editable_by(actor), budget)
    budget.note = note.strip()
    save_versioned(budget, expected_version=expected_version, actor=actor)
    return budget


@transaction.atomic
def line_add(
    *, actor, budget: PlatformBudget, category: str, source: str, title: str, amount: Decimal
) -> BudgetLine:
    """A line of the budget: so much of a category from a source."""
    require(actor, "funds.add_budgetline")
    check_scope(PlatformBudget.objects.editable_by(actor), budget)
    line = BudgetLine(budget=budget, region_id=budget.region_id, category=category, source=source,
                      title=title.strip(), amount=amount)  # fmt: skip
    _save(line, actor)
    return line


def line_update(
    *, actor, line: BudgetLine, expected_version: int, category: str, source: str, title: str,
    amount: Decimal,
) -> BudgetLine:  # fmt: skip
    """Correct a line, or change its amount (a supplementary or reduced allocation). A
    reduction below what was already spent against it is refused."""
    require(actor, "funds.change_budgetline")
    check_scope(BudgetLine.objects.editable_by(actor), line)
    with transaction.atomic():
        spent = line_spent([line]).get(line.pk, ZERO)
        if amount < line.amount and amount < spent:
            raise ValidationError({"amount": _(
                "该项目已支出%(spent)s元，调减后的预算金额不能低于已支出金额。"
            ) % {"spent": spent}})  # fmt: skip
        line.category, line.source, line.title, line.amount = (
            category,
            source,
            title.strip(),
            amount,
        )
        save_versioned(line, expected_version=expected_version, actor=actor)
    return line


def _check_spending(line: BudgetLine, spending: Spending, over_reason: str) -> None:
    """The day lies in the budget's year and not ahead; beyond the line's balance (what the
    line's other spending left) only with a reason, which is kept; within it none is kept."""
    if spending.spent_on > timezone.localdate():
        raise ValidationError({"spent_on": _("支出日期不能晚于今天。")})
    if spending.spent_on.year != line.budget.year:
        raise ValidationError({"spent_on": _(
            "支出日期应在预算年度（%(year)s年）内。"
        ) % {"year": line.budget.year}})  # fmt: skip
    others = line_spent([line], excluding=spending if spending.pk else None).get(line.pk, ZERO)
    balance = yuan(line.amount - others)
    over_reason = over_reason.strip()
    if spending.amount > balance and not over_reason:
        raise ValidationError({"over_reason": _(
            "本笔支出%(amount)s元超出“%(line)s”的余额%(balance)s元；如确需支出，请填写超预算理由。"
        ) % {"amount": yuan(spending.amount), "line": line, "balance": balance}}, code="over_budget")  # fmt: skip
    spending.over_reason = over_reason if spending.amount > balance else ""


@transaction.atomic
def spending_add(
    *, actor, line: BudgetLine, spent_on: datetime.date, amount: Decimal, purpose: str,
    voucher: str, file=None, over_reason: str = "",
) -> Spending:  # fmt: skip
    """Record what was spent against a line of a platform the actor's township keeps. The
    line's row is locked, so two entries at once cannot both spend its last balance."""
    require(actor, "funds.add_spending")
    check_scope(BudgetLine.objects.editable_by(actor), line)
    if file:
        check_evidence(file)
    line = BudgetLine.objects.select_for_update().select_related("budget").get(pk=line.pk)
    spending = Spending(line=line, region_id=line.region_id, spent_on=spent_on, amount=amount,
                        purpose=purpose.strip(), voucher=voucher.strip(), recorded_by=actor,
                        file=file or "")  # fmt: skip
    _check_spending(line, spending, over_reason)
    _save(spending, actor)
    return spending


def spending_update(
    *, actor, spending: Spending, expected_version: int, spent_on: datetime.date, amount: Decimal,
    purpose: str, voucher: str, file=None, over_reason: str = "",
) -> Spending:  # fmt: skip
    """Correct a spending record (a new file of the voucher replaces the old one), checked
    against the line's balance again."""
    require(actor, "funds.change_spending")
    check_scope(Spending.objects.editable_by(actor), spending)
    with transaction.atomic():
        line = (
            BudgetLine.objects.select_for_update().select_related("budget").get(pk=spending.line_id)
        )
        spending.spent_on, spending.amount = spent_on, amount
        spending.purpose, spending.voucher = purpose.strip(), voucher.strip()
        if file:
            check_evidence(file)
            spending.file = file
        _check_spending(line, spending, over_reason)
        save_versioned(spending, expected_version=expected_version, actor=actor)
    return spending
