"""The indicators of small guaranteed loans (programmes report): loans disbursed, outstanding
and overdue."""

import datetime

from django.db.models import Case, Count, DecimalField, F, Q, Sum, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiuye.core.indicators import Indicator, Query, grouped, merge
from jiuye.startups.models import Entrepreneur, Instalment, Loan, StartupService
from jiuye.startups.workflow import LENT_STATES

# What an instalment past its due date still owes: the part not yet paid of one still
# unpaid (as the overdue list and the loan's page show it); the whole of one paid after the
# month's end (what was paid of it by then is not known).
PAST_DUE = Case(
    When(paid_on__isnull=True, then=F("principal") + F("interest") - F("paid_amount")),
    default=F("principal") + F("interest"),
    output_field=DecimalField(max_digits=12, decimal_places=2),
)


def loan_figures(query: Query) -> dict[str, dict]:
    """Loans disbursed in the period, outstanding at its end (count, balance) and overdue at
    its end (count, amount past due), by sub-region."""
    first, last, length = query.first, query.last, query.length
    today = min(last + datetime.timedelta(days=1), timezone.localdate())
    loans = Loan.objects.visible_to(query.user).within(query.prefix).lent()
    instalments = (
        Instalment.objects.visible_to(query.user).within(query.prefix)
        .filter(loan__state__in=LENT_STATES)
    )  # fmt: skip
    outstanding = loans.filter(disbursed_on__lte=last).filter(
        Q(repaid_on__isnull=True) | Q(repaid_on__gt=last)
    )
    parts = [
        grouped(loans.filter(disbursed_on__range=(first, last)), length,
                loan_disbursed=Count("pk"), loan_disbursed_amount=Sum("amount")),
        grouped(outstanding, length, loan_outstanding=Count("pk"), loan_lent=Sum("amount")),
        grouped(instalments.filter(loan__in=outstanding, paid_on__lte=last), length,
                loan_principal_back=Sum("principal")),
        grouped(instalments.filter(due_on__lt=today).filter(Q(paid_on__isnull=True) | Q(paid_on__gte=today)),
                length, loan_overdue=Count("loan", distinct=True), loan_overdue_amount=Sum(PAST_DUE)),
    ]  # fmt: skip
    found = merge(*parts)
    for row in found.values():
        row["loan_balance"] = (row.pop("loan_lent", None) or 0) - (
            row.pop("loan_principal_back", None) or 0
        )
    return found


SECTION = _("小额担保贷款")
INDICATORS = (
    Indicator("loan_disbursed", _("当月发放笔数"), SECTION, loan_figures, unit=_("笔"),
              definition=_("期内放款的贷款笔数"), report="programmes", at_date=True),
    Indicator("loan_disbursed_amount", _("当月发放金额（元）"), SECTION, loan_figures, unit=_("元"),
              definition=_("期内放款的贷款金额"), report="programmes", at_date=True),
    Indicator("loan_outstanding", _("月末未结清笔数"), SECTION, loan_figures, unit=_("笔"),
              definition=_("期末已放款、未结清的贷款笔数"), report="programmes", at_date=True),
    Indicator("loan_balance", _("月末贷款余额（元）"), SECTION, loan_figures, unit=_("元"),
              definition=_("期末未结清贷款的本金减去已归还的本金"), report="programmes", at_date=True),
    Indicator("loan_overdue", _("逾期笔数"), SECTION, loan_figures, unit=_("笔"),
              definition=_("期末有到期未还分期的贷款笔数"), report="programmes"),
    Indicator("loan_overdue_amount", _("逾期金额（元）"), SECTION, loan_figures, unit=_("元"),
              definition=_("期末到期未还的本息"), report="programmes"),
)  # fmt: skip


def enterprise(query: Query) -> dict[str, dict]:
    """What an entrepreneurial street or community (创业型街道（乡镇）、社区, guideline 十八) is
    measured by, over the period: would-be entrepreneurs served with the "1+3", businesses
    started and the jobs they created, loans disbursed and repaid."""
    first, last, length = query.first, query.last, query.length
    entrepreneurs = Entrepreneur.objects.visible_to(query.user).within(query.prefix)
    services = StartupService.objects.visible_to(query.user).within(query.prefix)
    loans = Loan.objects.visible_to(query.user).within(query.prefix).lent()
    return merge(
        grouped(services.filter(on__range=(first, last)), length,
                entrepreneurs_served=Count("entrepreneur", distinct=True)),
        grouped(entrepreneurs.filter(started_on__range=(first, last)), length,
                businesses_started=Count("pk"), jobs_created=Sum("jobs_created")),
        grouped(loans, length, loans_granted=Count("pk", filter=Q(disbursed_on__range=(first, last))),
                loans_repaid=Count("pk", filter=Q(repaid_on__range=(first, last)))),
    )  # fmt: skip


ENTERPRISE = _("创业型街道（乡镇）、社区")
INDICATORS += (
    Indicator("entrepreneurs_served", _("接受“1+3”服务的创业者"), ENTERPRISE, enterprise, unit=_("人"),
              definition=_("期间获得推荐项目、落实场所、办理贷款等服务的有创业意愿人员"),
              report="entrepreneurial", at_date=True),
    Indicator("businesses_started", _("成功开业"), ENTERPRISE, enterprise, unit=_("户"),
              definition=_("期间开业的创业者"), report="entrepreneurial", at_date=True),
    Indicator("jobs_created", _("带动就业"), ENTERPRISE, enterprise, unit=_("人"),
              definition=_("期间开业的创业者吸纳就业的人数"), report="entrepreneurial", at_date=True),
    Indicator("loans_granted", _("发放小额担保贷款"), ENTERPRISE, enterprise, unit=_("笔"),
              definition=_("期间放款的贷款笔数"), report="entrepreneurial", at_date=True),
    Indicator("loans_repaid", _("按期结清贷款"), ENTERPRISE, enterprise, unit=_("笔"),
              definition=_("期间结清的贷款笔数"), report="entrepreneurial", at_date=True),
)  # fmt: skip
