import pytest

from jiuye.conftest import COUNTY, SIBLING_COUNTY
from jiuye.notices.models import Notice, Receipt, Report
from jiuye.notices.tests.helpers import office
from jiuye.regions.choices import OrgKind

pytestmark = pytest.mark.django_db


def test_the_demo_data_has_receipts_and_reports_in_every_state():
    receipts = Receipt.objects.all()
    assert receipts.unread().exists() and receipts.filter(read_at__isnull=False).exists()
    assert receipts.filter(replied_at__isnull=False).exists()
    assert receipts.overdue().filter(read_at__isnull=True).exists()
    assert receipts.overdue().filter(read_at__isnull=False).exists()
    assert receipts.awaiting_reply().exclude(pk__in=receipts.overdue().values("pk")).exists()
    statuses = {r.status for r in receipts.select_related("notice")}
    assert statuses == {"未阅", "已阅", "已回复", "逾期回复", "逾期未回复"}
    city = Notice.objects.get(number="济人社字〔2026〕12号")
    assert set(city.receipts.values_list("org__kind", flat=True)) == {OrgKind.TOWNSHIP_CENTRE}
    reports = Report.objects.all()
    assert reports.awaiting().exists() and reports.filter(acknowledged_at__isnull=False).exists()
    for county in (COUNTY, SIBLING_COUNTY):
        assert reports.filter(to_org=office(county, OrgKind.COUNTY_AGENCY)).exists()
