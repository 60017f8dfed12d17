"""The indicators of complaints (report ``performance``): complaints received in a period, those
of them answered by the deadline set when they were received (an escalated complaint never
is) and the on-time rate: "群众投诉的处理情况" of guideline 二十二, for the performance of
offices. A complaint counts for the region complained about, so a street's figure holds its
communities' complaints."""

from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiuye.complaints.models import Complaint
from jiuye.core.indicators import Indicator, Query, grouped


def collect(query: Query) -> dict:
    complaints = (
        Complaint.objects.visible_to(query.user)
        .within(query.prefix)
        .filter(received_on__range=(query.first, query.last))
    )
    return grouped(
        complaints,
        query.length,
        complaints_received=Count("pk"),
        complaints_on_time=Count("pk", filter=Complaint.objects.on_time_q()),
        complaints_late=Count("pk", filter=Q(answered_on__gt=F("first_answer_by")) | Q(
            answered_on__isnull=True, first_answer_by__lt=min(query.last, timezone.localdate()))),
    )  # fmt: skip


SECTION = _("群众投诉")

INDICATORS = (
    Indicator("complaints_received", _("受理投诉数"), SECTION, collect, unit=_("件"),
              definition=_("期内受理的投诉（窗口、电话、网上），按被投诉地区计"),
              report="performance"),
    Indicator("complaints_on_time", _("按时答复投诉数"), SECTION, collect, unit=_("件"),
              definition=_("期内受理的投诉中，在受理时确定的答复时限内答复的件数（升级的不计）"),
              report="performance"),
    Indicator("complaints_on_time_rate", _("投诉按时办结率"), SECTION, collect, unit="%",
              definition=_("按时答复投诉数占受理投诉数的百分比"), report="performance",
              ratio=("complaints_on_time", "complaints_received")),
    # for a scheme that deducts points per late complaint: no complaint, no deduction
    Indicator("complaints_late", _("超期答复投诉数"), SECTION, collect, unit=_("件"),
              definition=_("期内受理的投诉中，答复晚于受理时确定的时限，或到期末已过时限仍未答复的件数"),
              report="performance"),
)  # fmt: skip
