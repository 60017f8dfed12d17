import pytest
from django.db.models import Count

from jiuye.startups.models import Entrepreneur, Loan, StartupService

pytestmark = pytest.mark.django_db


def test_the_demo_has_entrepreneurs_with_services_and_loans_in_every_state():
    assert Entrepreneur.objects.count() >= 30
    assert (
        StartupService.objects.values("entrepreneur").distinct().count()
        == Entrepreneur.objects.count()
    )
    states = dict(Loan.objects.values_list("state").annotate(n=Count("pk")).order_by())
    expected = {state.name for state in Loan.workflow.states} - {"disbursed"}
    assert expected <= set(states), states
    assert Loan.objects.overdue_loans().exists()
    assert Loan.objects.filter(extended_months__gt=0, instalments__extension=True).exists()
    assert (
        Loan.objects.filter(micro_profit=True).exists()
        and Loan.objects.filter(micro_profit=False).exists()
    )
    lent = Loan.objects.lent().prefetch_related("instalments")
    for loan in lent:
        assert loan.instalments.count() == loan.term_months + loan.extended_months
    assert Loan.objects.filter(repayments__isnull=False).exists()
