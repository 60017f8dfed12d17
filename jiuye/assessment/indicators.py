"""The figures of the yearly assessment (report ``performance``): the workers assessed in the
closed rounds of the years the period touches, and those graded 优秀 and 不称职, by the region
of the worker's office."""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from jiuye.assessment.choices import Grade
from jiuye.assessment.models import Assessment
from jiuye.assessment.workflow import CLOSED
from jiuye.core.indicators import Indicator, Query, grouped

SECTION = _("工作人员考核")


def collect(query: Query) -> dict[str, dict]:
    assessments = (
        Assessment.objects.visible_to(query.user)
        .within(query.prefix)
        .filter(round__state=CLOSED, round__year__range=(query.first.year, query.last.year))
    )
    return grouped(
        assessments, query.length, staff_assessed=Count("pk"),
        staff_excellent=Count("pk", filter=Q(grade=Grade.EXCELLENT)),
        staff_incompetent=Count("pk", filter=Q(grade=Grade.INCOMPETENT)),
        staff_flagged=Count("pk", filter=Q(flagged=True)),
    )  # fmt: skip


INDICATORS = (
    Indicator("staff_assessed", _("参加年度考核的工作人员"), SECTION, collect, unit=_("人"),
              report="performance", definition=_("期间所跨年度已结束的年度考核中参加考核的基层工作人员数")),
    Indicator("staff_excellent", _("考核优秀"), SECTION, collect, unit=_("人"), report="performance",
              definition=_("其中考核等次为优秀的人数")),
    Indicator("staff_incompetent", _("考核不称职"), SECTION, collect, unit=_("人"), report="performance",
              definition=_("其中考核等次为不称职的人数")),
    Indicator("staff_flagged", _("连续两年不称职"), SECTION, collect, unit=_("人"), report="performance",
              definition=_("其中本年度和上一年度考核均为不称职、待县级作出辞退或调整建议的人数")),
    Indicator("staff_excellent_rate", _("考核优秀比例"), SECTION, collect, unit="%", report="performance",
              ratio=("staff_excellent", "staff_assessed"), definition=_("考核优秀的人数占参加考核人数的比例")),
)  # fmt: skip
