"""Writes of entrepreneurship services: would-be entrepreneurs and their "1+3" services,
small guaranteed loans, repayments, extensions and recovery help."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiuye.core import history, parameters, workflow
from jiuye.core.services import check_scope, require, save_versioned
from jiuye.ledger.models import Person
from jiuye.startups import schedule
from jiuye.startups.choices import EntrepreneurState, ServiceKind
from jiuye.startups.models import (
    Entrepreneur,
    Instalment,
    Loan,
    Recovery,
    Repayment,
    StartupService,
)
from jiuye.startups.selectors import active_entrepreneur


def _yuan(value) -> str:
    return f"{Decimal(value):,.2f}"


# Entrepreneurs --------------------------------------------------------------------------


@transaction.atomic
def entrepreneur_register(*, actor, person: Person, trade: str, idea: str = "", note: str = "",
                          registered_on: datetime.date | None = None) -> Entrepreneur:  # fmt: skip
    """Record that a resident of the actor's jurisdiction wants to start a business."""
    require(actor, "startups.add_entrepreneur")
    check_scope(Person.objects.editable_by(actor), person, field="person")
    if Entrepreneur.objects.filter(person=person).exclude(state=EntrepreneurState.GAVE_UP).exists():
        raise ValidationError({"person": _("该人员已登记创业意愿，请打开已有的登记。")})
    entrepreneur = Entrepreneur(
        person=person, region_id=person.region_id, trade=trade.strip(), idea=idea, note=note,
        registered_on=registered_on or timezone.localdate(),
    )  # fmt: skip
    entrepreneur.full_clean(exclude=["person"])
    entrepreneur._history_user = actor
    try:
        with transaction.atomic():
            entrepreneur.save()
    except IntegrityError:
        raise ValidationError({"person": _("该人员已登记创业意愿。")}) from None
    return entrepreneur


def entrepreneur_update(*, actor, entrepreneur: Entrepreneur, expected_version: int,
                        **fields) -> Entrepreneur:  # fmt: skip
    require(actor, "startups.change_entrepreneur")
    check_scope(Entrepreneur.objects.editable_by(actor), entrepreneur)
    fields.pop("person", None)
    for name, value in fields.items():
        setattr(entrepreneur, name, value)
    entrepreneur.full_clean(exclude=["person"])
    save_versioned(entrepreneur, expected_version=expected_version, actor=actor)
    return entrepreneur


@transaction.atomic
def service_record(*, actor, entrepreneur: Entrepreneur, kind: str, on: datetime.date,
                   details: str) -> StartupService:  # fmt: skip
    """Record a service given to a would-be entrepreneur (one of the "1+3", guidance, follow-up)."""
    require(actor, "startups.add_startupservice")
    check_scope(Entrepreneur.objects.editable_by(actor), entrepreneur)
    if on > timezone.localdate():
        raise ValidationError({"on": _("服务日期不能晚于今天。")})
    service = StartupService(entrepreneur=entrepreneur, region_id=entrepreneur.region_id, kind=kind,
                      on=on, details=details.strip(), by=actor)  # fmt: skip
    service.full_clean()
    service._history_user = actor
    service.save()
    return service


# Loans ----------------------------------------------------------------------------------


def check_limits(loan: Loan, day: datetime.date) -> None:
    """Refuse an amount or a term beyond the policy parameters in force for the borrower's
    region on ``day``, at the field concerned."""
    region = loan.region_id
    errors = {}
    if loan.partners and loan.partners > 1:
        per_person = parameters.value("startups.loan_partner_limit", region, day)
        ceiling = parameters.value("startups.loan_partnership_limit", region, day)
        limit = min(per_person * loan.partners, ceiling)
        if loan.amount is not None and loan.amount > limit:
            errors["amount"] = _(
                "合伙经营贷款金额不能超过%(limit)s元：参数“合伙经营每人额度”%(per)s元×%(n)s人=%(product)s元，"
                "且不超过参数“合伙经营贷款上限”%(ceiling)s元。"
            ) % {"limit": _yuan(limit), "per": _yuan(per_person), "n": loan.partners,
                 "product": _yuan(per_person * loan.partners), "ceiling": _yuan(ceiling)}  # fmt: skip
    else:
        limit = parameters.value("startups.loan_individual_limit", region, day)
        if loan.amount is not None and loan.amount > limit:
            errors["amount"] = _(
                "个人贷款金额不能超过参数“个人贷款额度上限”%(limit)s元；合伙经营请填写经营人数。"
            ) % {"limit": _yuan(limit)}
    longest = parameters.value("startups.loan_max_term_months", region, day)
    if loan.term_months is not None and loan.term_months > longest:
        errors["term_months"] = _(
            "贷款期限不能超过参数“小额担保贷款期限上限”%(n)s个月；到期确有困难的可申请展期。"
        ) % {"n": longest}
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def loan_apply(*, actor, person: Person, comment: str = "", **fields) -> Loan:
    """The community office takes a resident's application for a small guaranteed loan."""
    check_scope(Person.objects.editable_by(actor), person, field="person")
    if actor.org_id is None:
        raise ValidationError(_("您的账号不属于任何服务机构，不能受理贷款申请。"))
    if Loan.objects.open().filter(person=person).exists():
        raise ValidationError({"person": _("该人员已有办理中或未结清的小额担保贷款。")})
    fields.pop("version", None)
    loan = Loan(person=person, region_id=person.region_id, org_id=actor.org_id,
                entrepreneur=active_entrepreneur(person), applied_on=timezone.localdate(),
                **fields)  # fmt: skip
    loan.full_clean(exclude=["person", "org", "region", "entrepreneur", "state"])
    check_limits(loan, loan.applied_on)
    try:
        with transaction.atomic():
            workflow.start(loan, actor=actor, comment=comment)
    except IntegrityError:
        raise ValidationError({"person": _("该人员已有办理中的小额担保贷款。")}) from None
    return loan


def loan_update(*, actor, loan: Loan, expected_version: int, **fields) -> Loan:
    """Correct an application while it is with the community (受理 or 退回补正)."""
    require(actor, "startups.change_loan")
    check_scope(Loan.objects.editable_by(actor), loan)
    fields.pop("person", None)
    for name, value in fields.items():
        setattr(loan, name, value)
    with transaction.atomic():
        loan.assert_editable()
        check_limits(loan, timezone.localdate())
        save_versioned(loan, expected_version=expected_version, actor=actor)
    return loan


@transaction.atomic
def loan_bank_approve(*, actor, loan: Loan, bank: str, contract_number: str,
                      annual_rate: Decimal, disbursed_on: datetime.date, comment: str = "") -> Loan:  # fmt: skip
    """The county records the bank's approval: the contract, its rate and the disbursement day."""
    check_scope(Loan.objects.editable_by(actor), loan)
    errors = {}
    if not contract_number.strip():
        errors["contract_number"] = _("请填写借款合同编号。")
    if annual_rate is None or not Decimal("0") < annual_rate < Decimal("30"):
        errors["annual_rate"] = _("年利率应为大于0、小于30的百分数，如4.35。")
    if disbursed_on < loan.applied_on:
        errors["disbursed_on"] = _("放款日期不能早于申请日期。")
    if errors:
        raise ValidationError(errors)
    decision = {"bank": bank.strip(), "contract_number": contract_number.strip(),
                "annual_rate": annual_rate, "disbursed_on": disbursed_on}  # fmt: skip
    workflow.fire(loan, "bank_approve", actor=actor, comment=comment, by_service=True,
                  values=decision)  # fmt: skip
    return loan


def loan_disbursed(loan: Loan, *, actor) -> None:
    """The loan was paid out (the ``disburse`` transition): its schedule, its end date, and
    the loan service of the borrower's "1+3"."""
    rows = schedule.instalments(loan.amount, loan.annual_rate, loan.disbursed_on, loan.term_months)
    history.bulk_create(
        [Instalment(loan=loan, region_id=loan.region_id, **row) for row in rows], actor=actor
    )
    history.change(loan, actor=actor, ends_on=rows[-1]["due_on"])
    if loan.entrepreneur_id:
        StartupService.objects.create(
            entrepreneur_id=loan.entrepreneur_id, region_id=loan.region_id, kind=ServiceKind.LOAN,
            on=loan.disbursed_on, by=actor,
            details=_("小额担保贷款%(amount)s元已放款（%(bank)s，合同%(number)s）")
            % {"amount": _yuan(loan.amount), "bank": loan.bank, "number": loan.contract_number},
        )  # fmt: skip


def _lock(loan: Loan, actor) -> Loan:
    check_scope(Loan.objects.editable_by(actor), loan)
    return Loan.objects.select_for_update().get(pk=loan.pk)


@transaction.atomic
def repayment_record(*, actor, loan: Loan, paid_on: datetime.date, amount: Decimal) -> Repayment:
    """Record a repayment and apply it to the oldest unpaid instalments; an instalment is paid
    on the day its last part arrives. The last one settles the loan."""
    require(actor, "startups.repay_loan")
    loan = _lock(loan, actor)
    if loan.state not in ("disbursed", "repaying"):
        raise ValidationError(
            _("该贷款当前为“%(state)s”，不能登记还款。") % {"state": loan.state_label}
        )
    if paid_on > timezone.localdate():
        raise ValidationError({"paid_on": _("还款日期不能晚于今天。")})
    if paid_on < loan.disbursed_on:
        raise ValidationError({"paid_on": _("还款日期不能早于放款日期。")})
    if amount is None or amount <= 0:
        raise ValidationError({"amount": _("还款金额应大于0。")})
    unpaid = list(loan.instalments.filter(paid_on__isnull=True).order_by("number"))
    owed = sum((row.owed for row in unpaid), Decimal("0"))
    if amount > owed:
        raise ValidationError(
            {"amount": _("还款金额超过尚欠本息%(owed)s元。") % {"owed": _yuan(owed)}}
        )
    # An instalment is paid on the day its last part arrives: one part paid earlier but
    # recorded later must not date back an instalment other repayments already began, or
    # an instalment completed late would look paid on time and earn the interest subsidy.
    before = loan.repayments.aggregate(last=Max("paid_on"))["last"]
    repayment = Repayment(loan=loan, region_id=loan.region_id, paid_on=paid_on, amount=amount,
                          recorded_by=actor)  # fmt: skip
    repayment.full_clean(exclude=["loan"])
    repayment._history_user = actor
    repayment.save()
    left = amount
    for row in unpaid:
        if left <= 0:
            break
        begun = row.paid_amount > 0
        part = min(left, row.owed)
        row.paid_amount += part
        left -= part
        if row.owed == 0:
            row.paid_on = max(paid_on, before) if begun and before else paid_on
        row._history_user = actor
        row.save(update_fields=["paid_amount", "paid_on", "updated_at"])
    if loan.state == "disbursed":
        workflow.fire(loan, "repay", actor=actor, by_service=True)
    if amount == owed:
        history.change(loan, actor=actor, repaid_on=max(paid_on, before or paid_on))
        workflow.fire(loan, "settle", actor=actor, by_service=True)
    return repayment


@transaction.atomic
def loan_extend(*, actor, loan: Loan, months: int, reason: str) -> Loan:
    """The one extension (展期) of a loan that cannot be repaid at its end: the principal moves
    to the new end, and the months between carry interest that is never subsidised."""
    require(actor, "startups.extend_loan")
    loan = _lock(loan, actor)
    if loan.state not in ("disbursed", "repaying"):
        raise ValidationError(_("只有已放款、未结清的贷款可以展期。"))
    if loan.extended_months:
        raise ValidationError({"months": _("该贷款已展期一次，不能再展期。")})
    longest = parameters.value("startups.loan_extension_max_months", loan.region_id)
    if not months or months < 1 or months > longest:
        raise ValidationError(
            {
                "months": _("展期期限应为1至%(n)s个月（参数“小额担保贷款展期上限”）。")
                % {"n": longest}
            }
        )
    if not reason.strip():
        raise ValidationError({"reason": _("请填写展期原因。")})
    last = loan.instalments.order_by("-number").first()
    if last.paid_on is not None:
        raise ValidationError(_("贷款本金已归还，无需展期。"))
    # What the borrower already paid of the last instalment beyond its interest is principal
    # repaid: it stays with that instalment, and only the rest moves to the extension's end
    # (with the extension's interest on it), so nothing paid is lost and no instalment is
    # left owing a negative amount.
    kept = min(max(last.paid_amount - last.interest, Decimal("0.00")), last.principal)
    rest = last.principal - kept
    rows = schedule.instalments(rest, loan.annual_rate, loan.disbursed_on, months,
                                offset=last.number, extension=True)  # fmt: skip
    last.principal = kept
    if last.paid_amount and last.owed == 0:  # its interest and the part kept are paid
        last.paid_on = loan.repayments.aggregate(last=Max("paid_on"))["last"]
    last._history_user = actor
    last.save(update_fields=["principal", "paid_on", "updated_at"])
    history.bulk_create(
        [Instalment(loan=loan, region_id=loan.region_id, **row) for row in rows], actor=actor
    )
    history.change(loan, actor=actor, extended_months=months, extended_until=rows[-1]["due_on"],
                   extension_reason=reason.strip())  # fmt: skip
    return loan


@transaction.atomic
def recovery_record(*, actor, loan: Loan, on: datetime.date, action: str,
                    result: str = "") -> Recovery:  # fmt: skip
    """Record help given to recover a loan (协助回收)."""
    require(actor, "startups.add_recovery")
    check_scope(Loan.objects.editable_by(actor), loan)
    if loan.state not in ("disbursed", "repaying", "repaid"):
        raise ValidationError(_("该贷款尚未放款。"))
    if on > timezone.localdate():
        raise ValidationError({"on": _("日期不能晚于今天。")})
    recovery = Recovery(loan=loan, region_id=loan.region_id, on=on, action=action.strip(),
                        result=result.strip(), by=actor)  # fmt: skip
    recovery.full_clean(exclude=["loan"])
    recovery._history_user = actor
    recovery.save()
    return recovery
