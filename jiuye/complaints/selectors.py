"""Reads of complaints beyond the querysets: the home page's panel."""

from django.utils.translation import gettext_lazy as _

from jiuye.complaints.models import Complaint

PANEL_ROWS = 10


def home_panel(user, today):
    """The complaints the user's office must answer or call back, overdue first."""
    if user.org_id is None or not user.has_perm("complaints.view_complaint"):
        return None
    rows = Complaint.objects.visible_to(user).open().filter(handler_id=user.org_id)
    count = rows.count()
    if not count:
        return None
    return "complaints/home_panel.html", {
        "title": _("本机构承办的投诉"),
        "count": count,
        "overdue": rows.overdue(today).count(),
        "complaints": list(rows.with_parties().order_by("due_on", "pk")[:PANEL_ROWS]),
        "today": today,
    }
