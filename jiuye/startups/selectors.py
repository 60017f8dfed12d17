"""Reads of entrepreneurship services: the interest subsidy of each instalment month (the one
computation the loan's page and the subsidy claim share), overdue loans, credit communities,
and the home page's panel."""

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, F, Min, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from jiuye.core import parameters
from jiuye.core.money import yuan
from jiuye.regions.models import Region
from jiuye.startups.choices import ONE_PLUS_THREE, EntrepreneurState, ServiceKind
from jiuye.startups.models import Entrepreneur, Instalment, Loan
from jiuye.startups.schedule import FEN
from jiuye.startups.workflow import LENT_STATES

SUBSIDISED, REFUSED, PENDING = "subsidised", "refused", "pending"


@dataclass(frozen=True)
class InterestLine:
    """The interest of one instalment month and its subsidy, or why there is none (yet)."""

    instalment: Instalment
    interest: Decimal
    subsidy: Decimal | None
    status: str  # SUBSIDISED, REFUSED or PENDING
    explanation: str

    @property
    def period(self) -> str:
        return self.instalment.period


def _number(value) -> str:
    """A rate or share without trailing zeros and without an exponent: 4.35, 100."""
    return f"{Decimal(value).normalize():f}"


SHARE = "startups.loan_subsidy_share"


def _share_reader(region_code: str):
    """The subsidised share in force on a day: the default without a query per instalment
    when no region has set its own value."""
    from jiuye.core.models import PolicyParameter

    if not PolicyParameter.objects.filter(key=SHARE).exists():
        default = parameters.PARAMETERS[SHARE].default
        return lambda day: default
    return lambda day: parameters.value(SHARE, region_code, day)


def _days_late(instalment: Instalment, today: datetime.date) -> int:
    return ((instalment.paid_on or today) - instalment.due_on).days


def interest_schedule(loan: Loan, today: datetime.date | None = None) -> list[InterestLine]:
    """For each instalment of a disbursed loan: its interest and the subsidy, or the reason
    it is refused. Only a micro-profit project's interest is subsidised, only for instalments
    paid by their due date, never in the extension; the share is the parameter in force on
    the due date in the borrower's region."""
    today = today or timezone.localdate()
    share_of = _share_reader(loan.region_id)
    lines = []
    for row in loan.instalments.all():
        due = f"{row.due_on:%Y-%m-%d}"
        if not loan.micro_profit:
            status, words = REFUSED, _("非微利项目不予贴息（创业项目“%(project)s”未认定为微利项目）。") % {
                "project": loan.project}  # fmt: skip
        elif row.extension:
            status, words = REFUSED, _(
                "第%(n)s期在展期期间（展期%(months)s个月，至%(until)s），展期期间不予贴息。"
            ) % {"n": row.number, "months": loan.extended_months, "until": f"{loan.extended_until:%Y-%m-%d}"}  # fmt: skip
        elif row.paid_on is None and row.due_on < today:
            status, words = (
                REFUSED,
                _("该期逾期未还（应还日%(due)s，逾期%(days)s天），逾期期间不予贴息。")
                % {"due": due, "days": _days_late(row, today)},
            )
        elif row.paid_on is not None and row.paid_on > row.due_on:
            status, words = (
                REFUSED,
                _("该期逾期归还（应还日%(due)s，%(paid)s还清，逾期%(days)s天），逾期期间不予贴息。")
                % {"due": due, "paid": f"{row.paid_on:%Y-%m-%d}", "days": _days_late(row, today)},
            )
        elif row.paid_on is None:
            status, words = PENDING, _("尚未到应还日（%(due)s），按期还清后贴息。") % {"due": due}
        else:
            share = share_of(row.due_on)
            subsidy = (row.interest * share / Decimal(100)).quantize(FEN, ROUND_HALF_UP)
            words = _(
                "微利项目“%(project)s”第%(n)s期（应还日%(due)s）利息%(interest)s元"
                "（贷款%(amount)s元×年利率%(rate)s%%÷12），%(paid)s按期还清；"
                "按参数“贴息比例”%(share)s%%贴息%(subsidy)s元（展期和逾期期间不予贴息）。"
            ) % {
                "project": loan.project, "n": row.number, "due": due, "interest": row.interest,
                "amount": loan.amount, "rate": _number(loan.annual_rate), "paid": f"{row.paid_on:%Y-%m-%d}",
                "share": _number(share), "subsidy": subsidy,
            }  # fmt: skip
            lines.append(InterestLine(row, row.interest, subsidy, SUBSIDISED, words))
            continue
        lines.append(InterestLine(row, row.interest, None, status, words))
    return lines


def active_entrepreneur(person) -> Entrepreneur | None:
    """The person's registration as a would-be entrepreneur, unless they gave up."""
    return (
        Entrepreneur.objects.filter(person=person).exclude(state=EntrepreneurState.GAVE_UP).first()
    )


def claimed_periods(loan: Loan) -> dict[str, int]:
    """The instalment months of the borrower already in a claim of the interest subsidy
    (period → claim id), for the loan's page."""
    from jiuye.startups.subsidy import KIND
    from jiuye.subsidies.models import ClaimLine

    return dict(
        ClaimLine.objects.filter(kind=KIND, person_id=loan.person_id, void=False)
        .values_list("period", "claim_id")
    )  # fmt: skip


@dataclass
class Arrears:
    """What a loan owes past its due dates today."""

    amount: Decimal = Decimal("0")
    since: datetime.date | None = None
    instalments: list = field(default_factory=list)

    def days(self, today: datetime.date) -> int:
        return (today - self.since).days if self.since else 0


def arrears(loan: Loan, today: datetime.date | None = None) -> Arrears:
    today = today or timezone.localdate()
    late = [row for row in loan.instalments.all() if row.paid_on is None and row.due_on < today]
    return Arrears(
        amount=sum((row.owed for row in late), Decimal("0")),
        since=late[0].due_on if late else None,
        instalments=late,
    )


def services_done(services) -> list[tuple[str, bool]]:
    """Which of the "1+3" a would-be entrepreneur has had: (label, done)."""
    kinds = {service.kind for service in services}
    return [(ServiceKind(kind).label, kind in kinds) for kind in ONE_PLUS_THREE]


# Credit communities ---------------------------------------------------------------------


@dataclass
class CreditCommunity:
    region: Region
    loans: int
    due: Decimal
    paid: Decimal
    overdue_days: int
    rate: Decimal | None
    is_credit: bool
    reasons: list[str]


def credit_communities(user, today: datetime.date | None = None, prefix: str | None = None,
                       regions=None):  # fmt: skip
    """The communities (villages) of the user's jurisdiction (under ``prefix``, of ``regions``
    if given: a list's filtered regions) that have lent loans, with their
    repayment record and whether they meet the credit-community parameters (信用社区): at least
    the parameter's count of loans, the parameter's share of the amounts due repaid, and no
    loan overdue longer than the parameter's days. Three grouped queries, whatever the number
    of communities. The parameters are those in force for the user's region."""
    today = today or timezone.localdate()
    loans = Loan.objects.visible_to(user).lent()
    instalments = Instalment.objects.visible_to(user).filter(
        loan__state__in=LENT_STATES, due_on__lte=today
    )
    if prefix is not None:
        loans, instalments = loans.within(prefix), instalments.within(prefix)
    counts = dict(loans.values_list("region_id").annotate(n=Count("pk")).order_by())
    records = {
        row["region_id"]: row
        for row in instalments.values("region_id").annotate(
            due=Sum(F("principal") + F("interest")), paid=Sum("paid_amount"),
            oldest=Min("due_on", filter=Q(paid_on__isnull=True, due_on__lt=today)),
        ).order_by()
    }  # fmt: skip
    where = parameters.region_of(user)
    minimum = parameters.value("startups.credit_min_loans", where, today)
    min_rate = parameters.value("startups.credit_min_repayment_rate", where, today)
    max_days = parameters.value("startups.credit_max_overdue_days", where, today)
    regions = (Region.objects if regions is None else regions).filter(code__in=counts)
    regions = regions.select_related("parent").order_by("code")
    rows = []
    for region in regions:
        record = records.get(region.code, {})
        due, paid = yuan(record.get("due") or 0), yuan(record.get("paid") or 0)
        rate = (paid * 100 / due).quantize(Decimal("0.1")) if due else None
        days = (today - record["oldest"]).days if record.get("oldest") else 0
        reasons = []
        if counts[region.code] < minimum:
            reasons.append(_("贷款%(n)s笔，少于参数“信用社区最少贷款笔数”%(min)s笔")
                           % {"n": counts[region.code], "min": minimum})  # fmt: skip
        if rate is None:
            reasons.append(_("尚无到期应还本息"))
        elif rate < min_rate:
            reasons.append(_("还款率%(rate)s%%，低于参数“信用社区最低还款率”%(min)s%%")
                           % {"rate": rate, "min": _number(min_rate)})  # fmt: skip
        if days > max_days:
            reasons.append(_("有贷款逾期%(days)s天，超过参数“信用社区贷款逾期天数上限”%(max)s天")
                           % {"days": days, "max": max_days})  # fmt: skip
        rows.append(CreditCommunity(region, counts[region.code], due, paid, days, rate,
                                    not reasons, reasons))  # fmt: skip
    return rows, {"min_loans": minimum, "min_rate": min_rate, "max_days": max_days}


# The programmes report and the home page ------------------------------------------------


def home_panel(user, today):
    """The home page's share of loans: the overdue loans of the jurisdiction."""
    if not user.has_perm("startups.view_loan"):
        return None
    overdue = Loan.objects.visible_to(user).overdue_loans(today)
    count = overdue.count()
    if not count:
        return None
    loans = list(overdue.with_overdue(today).with_parties().order_by("overdue_since", "pk")[:10])
    total = (
        Instalment.objects.visible_to(user).overdue(today)
        .filter(loan__state__in=("disbursed", "repaying"))
        .aggregate(total=Sum(F("principal") + F("interest") - F("paid_amount")))["total"]
    )  # fmt: skip
    total = yuan(total)
    return "startups/home_panel.html", {"loans": loans, "count": count, "total": total}
