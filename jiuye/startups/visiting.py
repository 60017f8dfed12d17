"""Borrowers on the coordinator's visit round (走访): a loan overdue with no help to recover
it recorded since it fell overdue (协助回收)."""

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jiuye.core.registry import Due, VisitSource
from jiuye.startups import services
from jiuye.startups.models import Loan, Recovery


def due(user, today, until, persons=None):
    """Loans overdue by ``until`` with no recovery recorded since the oldest unpaid instalment
    fell due."""
    helped = Recovery.objects.filter(loan=OuterRef("pk"), on__gte=OuterRef("overdue_since"))
    loans = (
        Loan.objects.visible_to(user).overdue_loans(until).with_overdue(until)
        .exclude(Exists(helped)).order_by()
    )  # fmt: skip
    if persons is not None:
        loans = loans.filter(person__in=persons)
    return [
        Due(loan.person_id, "startups", _("创业担保贷款逾期：自%(date)s起欠%(amount)s元") % {
            "date": loan.overdue_since, "amount": loan.overdue_amount},
            loan.overdue_since, loan, f"{loan.version}-{loan.overdue_since}")
        for loan in loans
    ]  # fmt: skip


def record(*, actor, visit, items) -> None:
    """The visit is help to recover the loan (协助回收): what was said, what came of it."""
    for item in items:
        services.recovery_record(actor=actor, loan=item.record, on=visit.on,
                                 action=_("走访：%(notes)s") % {"notes": visit.summary},
                                 result=visit.get_result_display())  # fmt: skip


SOURCE = VisitSource("startups", gettext_lazy("创业担保贷款逾期"), due, record)
