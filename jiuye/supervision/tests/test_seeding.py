import pytest

from jiuye.conftest import COUNTY, SIBLING_COUNTY
from jiuye.regions.codes import prefix_of
from jiuye.supervision.choices import Conclusion
from jiuye.supervision.models import Finding, Inspection

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("county", [COUNTY, SIBLING_COUNTY])
def test_the_demo_data_has_findings_in_every_state_and_one_overdue_in_each_county(county):
    findings = Finding.objects.within(prefix_of(county))
    assert set(findings.values_list("state", flat=True)) == {"open", "replied", "closed"}
    assert findings.overdue().count() == 1
    sent_back = findings.get(follow_up__startswith="未见专账")
    assert [e.transition for e in sent_back.events] == ["create", "reply", "send_back"]
    conclusions = set(
        Inspection.objects.within(prefix_of(county)).values_list("conclusion", flat=True)
    )
    assert conclusions == set(Conclusion)
